// Returns `project` (id, name, city {id, name, location}), `team` (ids of its members) and
// `wanted`: the open needs' required skills that no team member holds, exactly or through a
// narrower skill ([{need_id, need_title, remote, skill_id, skill_name}]); no row if unknown.
// Params: $project_id
// Cost: one unique-index seek and the project's needs and team (taxonomy walks of at most 3 levels).
MATCH (p:Project {id: $project_id})
OPTIONAL MATCH (p)-[:BASED_IN]->(c:City)
WITH p, c, COLLECT { MATCH (t:Member)-[:MEMBER_OF]->(p) RETURN t.id } AS team
RETURN p {.id, .name, city: c {.id, .name, .location}} AS project,
       team,
       COLLECT {
         MATCH (p)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(s:Skill)
         WHERE NOT EXISTS {
           MATCH (t:Member)-[:HAS_SKILL]->(:Skill)-[:BROADER*0..3]->(s) WHERE t.id IN team
         }
         RETURN {need_id: n.id, need_title: n.title, remote: n.remote, skill_id: s.id,
                 skill_name: s.name}
         ORDER BY n.id, s.id
       } AS wanted
LIMIT 1
