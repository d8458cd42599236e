// Returns `role` of the new membership, or no row if the member or the project is unknown (the
// caller checked that they were not members already, in the same transaction).
// Params: $member_id, $project_id, $role (holder or contributor)
// Cost: two unique-index seeks.
MATCH (m:Member {id: $member_id})
MATCH (p:Project {id: $project_id})
CREATE (m)-[r:MEMBER_OF {role: $role, since: date()}]->(p)
RETURN r.role AS role
