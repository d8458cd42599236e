// Returns a stream of rows `kind`, `row` describing one city's network, no row at all if the city
// is unknown: 'city' {id, name}; 'member' {id, name, consent, acquaintances, projects, skills}
// per member living there (acquaintances and projects counted anywhere, skills as ids);
// 'project' {id, name} per project based there; 'knows' {a, b} per acquaintance between two of them; 'team' {member, project} per membership
// of one of them, anywhere; 'need' {id, title, project_id, skill_id, skill_name, met_by} per
// open need of a project based there (`met_by`: the skills that meet it, itself and up to 3
// levels narrower); 'nearby' {id, name, distance_km, holders: [{skill_id, members}]} per other
// city within $radius_km, with how many of its consenting members hold each skill;
// 'introduction' {month, status} per introduction about a project based there.
// Params: $city_id, $radius_km, $max_rows (per kind of row: a bound, not a page)
// Cost: the city's members and their links, its projects' needs, the cities within reach and
// their members' skills. Rows are streamed, not collected; the service caches the result.
MATCH (c:City {id: $city_id})
RETURN 'city' AS kind, c {.id, .name} AS row
LIMIT $max_rows
UNION ALL
MATCH (:City {id: $city_id})<-[:LIVES_IN]-(m:Member)
RETURN 'member' AS kind, m {.id, .name, .consent,
  acquaintances: COUNT { (m)-[:KNOWS]-() },
  projects: COUNT { (m)-[:MEMBER_OF]->() },
  skills: COLLECT { MATCH (m)-[:HAS_SKILL]->(k:Skill) RETURN k.id }} AS row
LIMIT $max_rows
UNION ALL
MATCH (:City {id: $city_id})<-[:BASED_IN]-(p:Project)
RETURN 'project' AS kind, p {.id, .name} AS row
LIMIT $max_rows
UNION ALL
MATCH (c:City {id: $city_id})<-[:LIVES_IN]-(a:Member)-[:KNOWS]->(b:Member)
WHERE (b)-[:LIVES_IN]->(c)
RETURN 'knows' AS kind, {a: a.id, b: b.id} AS row
LIMIT $max_rows
UNION ALL
MATCH (:City {id: $city_id})<-[:LIVES_IN]-(m:Member)-[:MEMBER_OF]->(p:Project)
RETURN 'team' AS kind, {member: m.id, project: p.id} AS row
LIMIT $max_rows
UNION ALL
MATCH (:City {id: $city_id})<-[:BASED_IN]-(p:Project)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(s:Skill)
RETURN 'need' AS kind, {id: n.id, title: n.title, project_id: p.id, skill_id: s.id,
  skill_name: s.name, met_by: COLLECT { MATCH (k:Skill)-[:BROADER*0..3]->(s) RETURN k.id }} AS row
LIMIT $max_rows
UNION ALL
MATCH (c:City {id: $city_id}), (other:City)
WHERE other <> c AND point.distance(other.location, c.location) <= 1000 * $radius_km
CALL (other) {
  MATCH (other)<-[:LIVES_IN]-(m:Member)-[:HAS_SKILL]->(k:Skill) WHERE m.consent
  WITH k.id AS skill_id, count(m) AS members
  RETURN collect({skill_id: skill_id, members: members}) AS holders
}
RETURN 'nearby' AS kind, {id: other.id, name: other.name, holders: holders,
  distance_km: point.distance(other.location, c.location) / 1000.0} AS row
LIMIT $max_rows
UNION ALL
MATCH (:City {id: $city_id})<-[:BASED_IN]-(:Project)<-[:ABOUT]-(i:Introduction)
RETURN 'introduction' AS kind, {month: substring(toString(i.created_at), 0, 7), status: i.status} AS row
LIMIT $max_rows
