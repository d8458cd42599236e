// Returns `total` and `items`: one page of introduction ids, newest first, filtered by each
// parameter that is not null: $status (proposed, accepted, declined, or expired: proposed
// before $expired_before), $city_id (about a project based there, or a need of one),
// $project_id, $requester_id, $since and $until (created at or after, before).
// Params: $status, $expired_before, $city_id, $project_id, $requester_id, $since, $until,
//   $skip, $limit
// Cost: the page is read from the Introduction(created_at) index newest first and stops once
// $skip + $limit introductions passed the filters; `total` counts the index entries in range
// that pass them. Nothing is collected beyond the page.
CALL () {
  MATCH (i:Introduction)
  WHERE i.created_at >= coalesce($since, datetime('0001-01-01T00:00:00Z'))
    AND ($until IS NULL OR i.created_at < $until)
    AND ($project_id IS NULL OR i.project_id = $project_id)
    AND ($requester_id IS NULL OR i.requester_id = $requester_id)
    AND ($status IS NULL OR $status = CASE WHEN i.status = 'proposed' AND i.created_at < $expired_before
                                           THEN 'expired' ELSE i.status END)
    AND ($city_id IS NULL
         OR EXISTS { (i)-[:ABOUT]->(:Project)-[:BASED_IN]->(:City {id: $city_id}) }
         OR EXISTS { (i)-[:ABOUT]->(:Need)<-[:HAS_NEED]-(:Project)-[:BASED_IN]->(:City {id: $city_id}) })
  RETURN count(i) AS total
}
CALL () {
  MATCH (i:Introduction)
  USING INDEX i:Introduction(created_at)
  WHERE i.created_at >= coalesce($since, datetime('0001-01-01T00:00:00Z'))
    AND ($until IS NULL OR i.created_at < $until)
    AND ($project_id IS NULL OR i.project_id = $project_id)
    AND ($requester_id IS NULL OR i.requester_id = $requester_id)
    AND ($status IS NULL OR $status = CASE WHEN i.status = 'proposed' AND i.created_at < $expired_before
                                           THEN 'expired' ELSE i.status END)
    AND ($city_id IS NULL
         OR EXISTS { (i)-[:ABOUT]->(:Project)-[:BASED_IN]->(:City {id: $city_id}) }
         OR EXISTS { (i)-[:ABOUT]->(:Need)<-[:HAS_NEED]-(:Project)-[:BASED_IN]->(:City {id: $city_id}) })
  WITH i ORDER BY i.created_at DESC, i.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(i.id) AS items
}
RETURN total, items
