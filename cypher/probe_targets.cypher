// Returns one row of what `make probe` aims at: `cities` (the ids of the 5 cities with the most
// members, most first), `member_id` and `project_id` (a member of a project that has needs, the
// smallest ids) and `skill_id` (the smallest skill id); nulls on an empty graph.
// Params: none
// Cost: a scan of cities' LIVES_IN degrees and of projects with needs; probe only.
CALL () {
  OPTIONAL MATCH (c:City)
  WITH c, COUNT { (c)<-[:LIVES_IN]-(:Member) } AS members
  ORDER BY members DESC, c.id
  LIMIT 5
  RETURN collect(c.id) AS cities
}
CALL () {
  OPTIONAL MATCH (m:Member)-[:MEMBER_OF]->(p:Project)
  WHERE EXISTS { (p)-[:HAS_NEED]->(:Need) }
  RETURN m.id AS member_id, p.id AS project_id
  ORDER BY p.id, m.id
  LIMIT 1
}
CALL () {
  OPTIONAL MATCH (s:Skill)
  RETURN s.id AS skill_id
  ORDER BY s.id
  LIMIT 1
}
RETURN cities, member_id, project_id, skill_id
