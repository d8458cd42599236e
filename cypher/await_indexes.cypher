// Returns nothing; blocks until every index is online (after migrations, before serving).
// Params: none
// Cost: waits at most 300 s.
CALL db.awaitIndexes(300)
