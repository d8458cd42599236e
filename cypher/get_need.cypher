// Returns `need` (id, title, description, status, remote, created_at, filled_at, filled_by,
// filler_consent (false when whoever filled it withdrew consent),
// owner {kind, id, name, consent}, city {id, name}, skills [{id, name}]), or no row.
// Params: $id
// Cost: one unique-index seek and the need's relationships.
MATCH (owner)-[:HAS_NEED]->(n:Need {id: $id})
RETURN n {.id, .title, .description, .status, .remote, .created_at, .filled_at, .filled_by,
          filler_consent: EXISTS { MATCH (f:Member {id: n.filled_by}) WHERE f.consent },
          owner: {kind: CASE WHEN owner:Project THEN 'project' ELSE 'member' END,
                  id: owner.id, name: owner.name, consent: coalesce(owner.consent, true)},
          city: head([(owner)-[:LIVES_IN|BASED_IN]->(c:City) | c {.id, .name}]),
          skills: [(n)-[:REQUIRES]->(s:Skill) | s {.id, .name}]} AS need
