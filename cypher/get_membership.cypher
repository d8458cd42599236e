// Returns `role` of the member in the project, or no row if they are not a member.
// Params: $member_id, $project_id
// Cost: one unique-index seek and the member's memberships.
MATCH (:Member {id: $member_id})-[r:MEMBER_OF]->(:Project {id: $project_id})
RETURN r.role AS role
