// Returns a stream of rows `kind`, `row` describing one city's own network, no row at all if the
// city is unknown: 'city' {id, name}; 'member' {id, name, consent, acquaintances, projects,
// skills} per member living there (acquaintances and projects counted anywhere, skills as ids);
// 'project' {id, name} per project based there; 'knows' {a, b} per acquaintance between two of
// them; 'team' {member, project} per membership of one of them, anywhere; 'need' {id, title,
// project_id, skill_id, skill_name, met_by} per open need of a project based there (`met_by`:
// the skills that meet it, itself and up to 3 levels narrower); 'introduction' {month, status}
// per introduction about a project based there. The cities around it are `city_nearby`'s: this
// part does not depend on a radius, so the service caches it per city.
// Params: $city_id, $max_rows (per kind of row: a bound, not a page)
// Cost: the city's members and their links, its projects' needs. Rows are streamed, not
// collected.
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
MATCH (:City {id: $city_id})<-[:BASED_IN]-(:Project)<-[:ABOUT]-(i:Introduction)
RETURN 'introduction' AS kind, {month: substring(toString(i.created_at), 0, 7), status: i.status} AS row
LIMIT $max_rows
