// Returns `written`, the number of (Skill)-[:BROADER]->(Skill) relationships upserted
// from one bulk-import batch; fewer than the rows given means an endpoint is missing.
// Params: $rows (list of {start, end, properties}: ids of both endpoints, properties replace the relationship's)
// Cost: two unique-index seeks per row; idempotent (MERGE on the pair).
UNWIND $rows AS row
MATCH (a:Skill {id: row.start})
MATCH (b:Skill {id: row.end})
MERGE (a)-[r:BROADER]->(b)
SET r = row.properties
RETURN count(r) AS written
