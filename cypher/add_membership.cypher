// Returns `role` of the member in the project and `created` (false when they already were a
// member: `role` is then the role they have); no row if the member (or their consent) or the
// project is unknown.
// Params: $member_id, $project_id, $role (holder or contributor)
// Exactly once under concurrency: the project is write-locked before its team is read.
// Cost: two unique-index seeks and the member's memberships.
MATCH (m:Member {id: $member_id}) WHERE m.consent
MATCH (p:Project {id: $project_id})
SET p._lock = true
REMOVE p._lock
WITH m, p
OPTIONAL MATCH (m)-[existing:MEMBER_OF]->(p)
CALL (m, p, existing) {
  WITH m, p WHERE existing IS NULL
  CREATE (m)-[r:MEMBER_OF {role: $role, since: date()}]->(p)
  RETURN r.role AS role
  UNION
  WITH existing WHERE existing IS NOT NULL
  RETURN existing.role AS role
}
RETURN role, existing IS NULL AS created
