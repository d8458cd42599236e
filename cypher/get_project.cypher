// Returns `project` (id, name, description, created_at, city {id, name}, open_needs: count,
// team [{id, name, role, consent}] by role then name), or no row if the id is unknown.
// Params: $id
// Cost: one unique-index seek and the project's relationships.
MATCH (p:Project {id: $id})
RETURN p {.id, .name, .description, .created_at,
          city: head([(p)-[:BASED_IN]->(c:City) | c {.id, .name}]),
          open_needs: COUNT { (p)-[:HAS_NEED]->(:Need {status: 'open'}) },
          team: COLLECT { MATCH (m:Member)-[r:MEMBER_OF]->(p)
                          RETURN {id: m.id, name: m.name, role: r.role, consent: m.consent}
                          ORDER BY r.role DESC, m.name, m.id }} AS project
