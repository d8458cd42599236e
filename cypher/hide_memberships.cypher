// Returns `hidden` (how many of the given memberships were deleted) and `reopened` (ids of the
// members whose filled needs of the project are open again, as before they joined). The offline
// evaluation runs it inside a transaction that it rolls back, so nothing is ever lost.
// Params: $project_id, $member_ids
// Cost: the project's memberships and needs.
MATCH (p:Project {id: $project_id})
CALL (p) {
  MATCH (p)-[:HAS_NEED]->(n:Need {status: 'filled'})
  WHERE n.filled_by IN $member_ids
  WITH n, n.filled_by AS member_id
  SET n.status = 'open', n.filled_by = null, n.filled_at = null
  RETURN collect(DISTINCT member_id) AS reopened
}
CALL (p) {
  MATCH (m:Member)-[r:MEMBER_OF]->(p)
  WHERE m.id IN $member_ids
  DELETE r
  RETURN count(r) AS hidden
}
RETURN hidden, reopened
