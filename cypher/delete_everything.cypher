// Returns nothing; deletes every node and relationship in batches (tests start from an empty
// graph, `graphsvc reset` empties a demo). Needs an auto-commit transaction.
// Params: none
// Cost: linear in the graph's size, 10,000 nodes per inner transaction.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
