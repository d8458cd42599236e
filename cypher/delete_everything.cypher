// Returns nothing; deletes every node and relationship of the network in batches, keeping API
// keys (tests start from an empty graph, `graphsvc reset` empties a demo). Needs an auto-commit
// transaction.
// Params: none
// Cost: linear in the graph's size, 10,000 nodes per inner transaction.
MATCH (n)
WHERE NOT n:ApiKey
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
