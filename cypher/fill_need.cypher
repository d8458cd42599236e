// Returns `id` of the need this call filled and `joined` (true when the need is a project's
// and the member became one of its contributors); no row if the need is unknown or no longer
// open, or the member is unknown or withdrew consent.
// Params: $id, $member_id
// Exactly once under concurrency: the need is write-locked before its status is read, and the
// project before its team is, so of racing fills one finds the need open, and a racing join
// cannot add the same membership twice.
// Cost: two unique-index seeks.
MATCH (n:Need {id: $id})
MATCH (m:Member {id: $member_id}) WHERE m.consent
SET n._lock = true
REMOVE n._lock
WITH n, m WHERE n.status = 'open'
SET n.status = 'filled', n.filled_at = datetime(), n.filled_by = m.id
WITH n, m
OPTIONAL MATCH (p:Project)-[:HAS_NEED]->(n)
CALL (m, p) {
  WITH m, p WHERE p IS NOT NULL
  SET p._lock = true
  REMOVE p._lock
  WITH m, p WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(p) }
  CREATE (m)-[:MEMBER_OF {role: 'contributor', since: date()}]->(p)
  RETURN count(p) AS joins
}
RETURN n.id AS id, joins > 0 AS joined
