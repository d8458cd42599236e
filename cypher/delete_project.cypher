// Returns `deleted` (1, or 0 if the id is unknown): the project, its needs and its memberships.
// Params: $id
// Cost: the project's relationships.
OPTIONAL MATCH (p:Project {id: $id})
OPTIONAL MATCH (p)-[:HAS_NEED]->(n:Need)
DETACH DELETE n
WITH DISTINCT p
DETACH DELETE p
RETURN count(p) AS deleted
