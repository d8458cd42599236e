// Returns `removed` (1, or 0 when the member does not belong to the project).
// Params: $member_id, $project_id
// Cost: one unique-index seek and the member's memberships.
OPTIONAL MATCH (:Member {id: $member_id})-[r:MEMBER_OF]->(:Project {id: $project_id})
DELETE r
RETURN count(r) AS removed
