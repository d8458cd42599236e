// Returns `id`, `name`, `consent` and `city_id` of every member (for analyses by city).
// Params: none
// Cost: a scan of Member nodes and their LIVES_IN relationship.
MATCH (m:Member)-[:LIVES_IN]->(c:City)
RETURN m.id AS id, m.name AS name, m.consent AS consent, c.id AS city_id
ORDER BY id
