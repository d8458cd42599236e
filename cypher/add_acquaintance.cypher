// Returns `created`: true if the two members now know each other and did not before, false if
// they already did (in either direction); no row if either member is unknown.
// Params: $id, $other_id
// Cost: two unique-index seeks.
MATCH (a:Member {id: $id})
MATCH (b:Member {id: $other_id})
OPTIONAL MATCH (a)-[existing:KNOWS]-(b)
WITH a, b, existing IS NOT NULL AS known
CALL (a, b, known) {
  WITH a, b WHERE NOT known
  CREATE (a)-[:KNOWS {since: date()}]->(b)
}
RETURN NOT known AS created
