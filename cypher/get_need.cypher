// Returns `need` (id, title, description, status, remote, created_at, filled_at, filled_by,
// owner {kind, id, name, consent}, city {id, name}, skills [{id, name}]), or no row.
// Params: $id
// Cost: one unique-index seek and the need's relationships.
MATCH (owner)-[:HAS_NEED]->(n:Need {id: $id})
RETURN n {.id, .title, .description, .status, .remote, .created_at, .filled_at, .filled_by,
          owner: {kind: CASE WHEN owner:Project THEN 'project' ELSE 'member' END,
                  id: owner.id, name: owner.name, consent: coalesce(owner.consent, true)},
          city: head([(owner)-[:LIVES_IN|BASED_IN]->(c:City) | c {.id, .name}]),
          skills: [(n)-[:REQUIRES]->(s:Skill) | s {.id, .name}]} AS need
