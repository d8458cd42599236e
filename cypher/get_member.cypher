// Returns `member` (id, name, bio, email, consent, joined_at, city {id, name},
// skills [{id, name, level}] by name), or no row if the id is unknown.
// Params: $id
// Cost: one unique-index seek and the member's own relationships.
MATCH (m:Member {id: $id})
RETURN m {.id, .name, .bio, .email, .consent, .joined_at,
          city: head([(m)-[:LIVES_IN]->(c:City) | c {.id, .name}]),
          skills: COLLECT { MATCH (m)-[r:HAS_SKILL]->(s:Skill)
                            RETURN {id: s.id, name: s.name, level: r.level} ORDER BY s.name }
         } AS member
