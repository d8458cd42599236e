// Returns `written`, the number of (Introduction)-[:ABOUT]->(Project) relationships upserted
// from one bulk-import batch; fewer than the rows given means an endpoint is missing.
// Params: $rows (list of {start, end, properties}: ids of both endpoints, properties replace the relationship's)
// Cost: two unique-index seeks per row; idempotent (MERGE on the pair).
UNWIND $rows AS row
MATCH (a:Introduction {id: row.start})
MATCH (b:Project {id: row.end})
MERGE (a)-[r:ABOUT]->(b)
SET r = row.properties
RETURN count(r) AS written
