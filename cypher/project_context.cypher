// Returns `project` (id, name, city {id, name, location}), `team` ([{id, name}] of its members),
// `wanted`: the open needs' required skills that no team member holds, exactly or through a
// narrower skill ([{need_id, need_title, remote, skill_id, skill_name}]), and `acceptable`:
// the skills that meet a wanted one ([{held_id, skill_id, depth}], depth 0 = the skill itself,
// at most 3 levels down); no row if the project is unknown.
// Params: $project_id
// Cost: one unique-index seek, the project's needs and team, taxonomy walks of at most 3 levels.
MATCH (p:Project {id: $project_id})
OPTIONAL MATCH (p)-[:BASED_IN]->(c:City)
WITH p, c, COLLECT { MATCH (t:Member)-[:MEMBER_OF]->(p) RETURN t {.id, .name} ORDER BY t.id } AS members
WITH p, c, members, [t IN members | t.id] AS team
// What the team covers: the skills it holds and those up to 3 levels broader (a narrower skill
// meets a broader need). Walking up from the team is cheap; down from a skill is not.
WITH p, c, members, team,
     COLLECT {
       MATCH (t:Member)-[:HAS_SKILL]->(:Skill)-[:BROADER*0..3]->(up:Skill)
       WHERE t.id IN team
       RETURN DISTINCT up.id
     } AS covered
WITH p, c, members, team,
     COLLECT {
       MATCH (p)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(s:Skill)
       WHERE NOT s.id IN covered
       RETURN {need_id: n.id, need_title: n.title, remote: n.remote, skill_id: s.id,
               skill_name: s.name}
       ORDER BY n.id, s.id
     } AS wanted
RETURN p {.id, .name, city: c {.id, .name, .location}} AS project, members AS team, wanted,
       COLLECT {
         MATCH path = (k:Skill)-[:BROADER*0..3]->(s:Skill)
         WHERE s.id IN [w IN wanted | w.skill_id]
         RETURN DISTINCT {held_id: k.id, skill_id: s.id, depth: length(path)}
       } AS acceptable
LIMIT 1
