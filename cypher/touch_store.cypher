// Returns `nodes` and `relationships`: how many of each were read, with one property each, so
// that their records are in Neo4j's page cache before the first requests instead of being read
// from disk by them. The warm-up at start runs it.
// Params: none
// Cost: the whole store, once (about a second for 40,000 members).
CALL () {
  MATCH (n) RETURN count(n.id) AS nodes
}
CALL () {
  MATCH ()-[r]->() RETURN count(r.level) + count(r.role) + count(r.since) + count(r) AS relationships
}
RETURN nodes, relationships
