// Returns `nodes` and `relationships`: how big the graph is (seeding reports it; the demo seeds
// only an empty database).
// Params: none
// Cost: two count-store lookups, constant time.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
