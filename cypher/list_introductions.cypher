// Returns `total` and `items`: one page of introduction ids, newest first, filtered by each
// parameter that is not null: $status (proposed, accepted, declined, or expired: proposed
// before $expired_before), $city_id (about a project based there, or a need of one),
// $project_id, $requester_id, $since and $until (created at or after, before).
// Params: $status, $expired_before, $city_id, $project_id, $requester_id, $since, $until,
//   $skip, $limit
// Cost: a scan of introductions (the project_id index when $project_id is given) and, with
// $city_id, their ABOUT relationship.
MATCH (i:Introduction)
WHERE ($project_id IS NULL OR i.project_id = $project_id)
  AND ($requester_id IS NULL OR i.requester_id = $requester_id)
  AND ($since IS NULL OR i.created_at >= $since)
  AND ($until IS NULL OR i.created_at < $until)
  AND ($status IS NULL OR $status = CASE WHEN i.status = 'proposed' AND i.created_at < $expired_before
                                         THEN 'expired' ELSE i.status END)
  AND ($city_id IS NULL
       OR EXISTS { (i)-[:ABOUT]->(:Project)-[:BASED_IN]->(:City {id: $city_id}) }
       OR EXISTS { (i)-[:ABOUT]->(:Need)<-[:HAS_NEED]-(:Project)-[:BASED_IN]->(:City {id: $city_id}) })
WITH i ORDER BY i.created_at DESC, i.id
WITH collect(i.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS items
