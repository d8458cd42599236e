// Returns `id` of the new project, based in the city and held by the holder, or no row if the
// city or the holder is unknown. A duplicate id fails on the project_id constraint (409).
// Params: $project (map of Project properties, id included), $city_id, $holder_id
// Cost: three unique-index seeks.
MATCH (c:City {id: $city_id})
MATCH (h:Member {id: $holder_id})
CREATE (p:Project)
SET p = $project
CREATE (p)-[:BASED_IN]->(c)
CREATE (h)-[:MEMBER_OF {role: 'holder', since: date()}]->(p)
RETURN p.id AS id
