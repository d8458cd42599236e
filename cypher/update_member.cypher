// Returns `id` of the updated member, or no row if the id is unknown. Properties in $changes
// replace the member's (a null removes one); a non-null $city_id moves the member there (the
// caller checked that the city exists, in the same transaction).
// Params: $id, $changes (map), $city_id (or null)
// Cost: one or two unique-index seeks.
MATCH (m:Member {id: $id})
SET m += $changes
WITH m
CALL (m) {
  MATCH (c:City {id: $city_id})
  OPTIONAL MATCH (m)-[old:LIVES_IN]->(:City)
  DELETE old
  CREATE (m)-[:LIVES_IN]->(c)
}
RETURN m.id AS id
