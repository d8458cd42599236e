// Returns `member` (the new member's properties and city id), or no row if the city is unknown.
// A duplicate id fails on the member_id uniqueness constraint (the API answers 409).
// Params: $member (map of Member properties, id included), $city_id
// Cost: two unique-index seeks.
MATCH (c:City {id: $city_id})
CREATE (m:Member)
SET m = $member
CREATE (m)-[:LIVES_IN]->(c)
RETURN m {.*, city_id: c.id} AS member
