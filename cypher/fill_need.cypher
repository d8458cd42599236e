// Returns `id` of the need now filled by the member, and `joined` (true when the need is a
// project's and the member became one of its contributors); no row if the need is not open or
// the member is unknown.
// Params: $id, $member_id
// Cost: two unique-index seeks.
MATCH (n:Need {id: $id, status: 'open'})
MATCH (m:Member {id: $member_id})
SET n.status = 'filled', n.filled_at = datetime(), n.filled_by = m.id
WITH n, m
OPTIONAL MATCH (p:Project)-[:HAS_NEED]->(n)
WITH n, m, p, p IS NOT NULL AND NOT EXISTS { (m)-[:MEMBER_OF]->(p) } AS joins
CALL (m, p, joins) {
  WITH m, p, joins WHERE joins
  CREATE (m)-[:MEMBER_OF {role: 'contributor', since: date()}]->(p)
}
RETURN n.id AS id, joins AS joined
