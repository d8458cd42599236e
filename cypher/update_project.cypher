// Returns `id` of the updated project, or no row if the id is unknown. Properties in $changes
// replace the project's; a non-null $city_id moves it (the caller checked the city exists).
// Params: $id, $changes (map), $city_id (or null)
// Cost: one or two unique-index seeks.
MATCH (p:Project {id: $id})
SET p += $changes
WITH p
CALL (p) {
  MATCH (c:City {id: $city_id})
  OPTIONAL MATCH (p)-[old:BASED_IN]->(:City)
  DELETE old
  CREATE (p)-[:BASED_IN]->(c)
}
RETURN p.id AS id
