// Returns `id` of the updated city, or no row if the id is unknown; the location changes only
// when both coordinates are given.
// Params: $id, $changes (map of properties but the location), $latitude, $longitude (or nulls)
// Cost: one unique-index seek.
MATCH (c:City {id: $id})
SET c += $changes
SET c.location = CASE WHEN $latitude IS NULL OR $longitude IS NULL THEN c.location
                      ELSE point({latitude: $latitude, longitude: $longitude}) END
RETURN c.id AS id
