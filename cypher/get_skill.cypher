// Returns `skill` (id, name, name_en, description, broader {id, name} or null, narrower
// [{id, name}] by name, holders: count of members), or no row if the id is unknown.
// Params: $id
// Cost: one unique-index seek; holders from the degree store (only members hold skills).
MATCH (s:Skill {id: $id})
RETURN s {.id, .name, .name_en, .description,
          broader: head([(s)-[:BROADER]->(b:Skill) | b {.id, .name}]),
          narrower: COLLECT { MATCH (s)<-[:BROADER]-(n:Skill) RETURN n {.id, .name} ORDER BY n.name },
          holders: COUNT { (s)<-[:HAS_SKILL]-() }} AS skill
