// Returns `nodes` and `relationships`: how many of each were read, with one property each, so
// that their records and the relationship chains are in Neo4j's page cache (a cold store's
// first introductions through a common skill's holders read thousands of pages from disk:
// 2.5 s on the 40,000-member store, 60 ms once cached). The warm-up at start runs it.
// Params: none
// Cost: the whole store, once, and every relationship twice more from its two ends (a few
// seconds for 40,000 members).
CALL () {
  // Each node's relationships, walked from the node: the chains and, for a dense node (a city,
  // a common skill), its relationship groups, which a scan of relationships never reads.
  MATCH (n) RETURN count(n.id) AS nodes, sum(COUNT { (n)-[]-() }) AS ends
}
CALL () {
  MATCH ()-[r]->() RETURN count(r.level) + count(r.role) + count(r.since) + count(r) AS relationships
}
RETURN nodes, relationships
