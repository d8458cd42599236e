// Returns `created`: true if the two members now know each other and did not before, false if
// they already did (in either direction); no row if either member is unknown or withdrew
// consent (a withdrawn member cannot be linked, and reads as unknown).
// Params: $id, $other_id
// Exactly once under concurrency: the member of the pair with the smaller id is write-locked
// before the link is looked for, whichever way round the pair is asked.
// Cost: two unique-index seeks.
MATCH (a:Member {id: $id}) WHERE a.consent
MATCH (b:Member {id: $other_id}) WHERE b.consent
WITH a, b, CASE WHEN a.id < b.id THEN a ELSE b END AS first
SET first._lock = true
REMOVE first._lock
WITH a, b, EXISTS { (a)-[:KNOWS]-(b) } AS known
CALL (a, b, known) {
  WITH a, b WHERE NOT known
  CREATE (a)-[:KNOWS {since: date()}]->(b)
}
RETURN NOT known AS created
