// Returns `row` {id, name, distance_km, holders: [{skill_id, members}]} per city other than
// $city_id within $radius_km of it, with how many of its consenting members hold each skill;
// no row if the city is unknown or none is that close.
// Params: $city_id, $radius_km, $max_rows (a bound, not a page)
// Cost: the cities within reach and their members' skills.
MATCH (c:City {id: $city_id}), (other:City)
WHERE other <> c AND point.distance(other.location, c.location) <= 1000 * $radius_km
CALL (other) {
  MATCH (other)<-[:LIVES_IN]-(m:Member)-[:HAS_SKILL]->(k:Skill) WHERE m.consent
  WITH k.id AS skill_id, count(m) AS members
  RETURN collect({skill_id: skill_id, members: members}) AS holders
}
RETURN {id: other.id, name: other.name, holders: holders,
  distance_km: point.distance(other.location, c.location) / 1000.0} AS row
LIMIT $max_rows
