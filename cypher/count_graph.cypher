// Returns `nodes` and `relationships` of the network (API keys left out): how big the graph is
// (seeding reports it; the demo seeds only an empty graph).
// Params: none
// Cost: a scan of all nodes' labels; relationship count from the count store.
CALL () { MATCH (n) WHERE NOT n:ApiKey RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
