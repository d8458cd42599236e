// Returns `deleted` (1, or 0 if the id is unknown): the member, its relationships and its own
// needs are deleted (the right to erasure); introductions about it keep only their ids.
// Params: $id
// Cost: the member's relationships.
OPTIONAL MATCH (m:Member {id: $id})
OPTIONAL MATCH (m)-[:HAS_NEED]->(n:Need)
DETACH DELETE n
WITH DISTINCT m
DETACH DELETE m
RETURN count(m) AS deleted
