// Returns `id` and `status` of an introduction between the requester and the target about the
// same project or need that is still proposed (and not expired) or was declined, or no row.
// Params: $requester_id, $target_id, $project_id, $need_id, $expired_before
// Cost: the target's introductions.
MATCH (i:Introduction)-[:TO]->(:Member {id: $target_id})
WHERE i.requester_id = $requester_id
  AND coalesce(i.project_id, '') = coalesce($project_id, '')
  AND coalesce(i.need_id, '') = coalesce($need_id, '')
  AND (i.status = 'declined' OR (i.status = 'proposed' AND i.created_at >= $expired_before))
RETURN i.id AS id, i.status AS status
LIMIT 1
