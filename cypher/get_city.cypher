// Returns `city` (id, name, population, region, location {latitude, longitude}, members,
// projects: counts), or no row if the id is unknown.
// Params: $id
// Cost: one unique-index seek and a count of the city's relationships (degree lookups).
MATCH (c:City {id: $id})
RETURN c {.id, .name, .population, .region, .location,
          members: COUNT { (c)<-[:LIVES_IN]-() },
          projects: COUNT { (c)<-[:BASED_IN]-() }} AS city
