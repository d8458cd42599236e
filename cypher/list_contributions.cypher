// Returns `member_id`, `project_id` of every contributor membership, in a stable order (the
// offline evaluation samples the memberships it hides from these).
// Params: none
// Cost: a scan of MEMBER_OF relationships.
MATCH (m:Member)-[:MEMBER_OF {role: 'contributor'}]->(p:Project)
RETURN m.id AS member_id, p.id AS project_id
ORDER BY project_id, member_id
