// Returns `skill` (id, name, name_en, description, broader {id, name} or null, narrower
// [{id, name}] by name, holders: count of members), or no row if the id is unknown.
// Params: $id
// Cost: one unique-index seek and the skill's relationships.
MATCH (s:Skill {id: $id})
RETURN s {.id, .name, .name_en, .description,
          broader: head([(s)-[:BROADER]->(b:Skill) | b {.id, .name}]),
          narrower: COLLECT { MATCH (s)<-[:BROADER]-(n:Skill) RETURN n {.id, .name} ORDER BY n.name },
          holders: COUNT { (s)<-[:HAS_SKILL]-(:Member) }} AS skill
