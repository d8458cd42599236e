// Returns `written`, the number of Introduction nodes upserted from one bulk-import batch.
// Params: $rows (list of {id, properties}: properties replace the node's, id is kept)
// Cost: one unique-index seek per row; idempotent (MERGE on id).
UNWIND $rows AS row
MERGE (n:Introduction {id: row.id})
SET n = row.properties, n.id = row.id
RETURN count(n) AS written
