// Returns `id` of the new city (a duplicate id fails on the city_id constraint: 409).
// Params: $city (map of City properties but the location, id included), $latitude, $longitude
// Cost: one unique-index check.
CREATE (c:City)
SET c = $city, c.location = point({latitude: $latitude, longitude: $longitude})
RETURN c.id AS id
