// Returns `total`: how many projects the projects list would show with these filters.
// Params: $city_id, $skill_id (an open need requires it), $need_status (has a need with this
//   status), $text (each null = no filter)
// Cost: a scan of Project nodes with the filters: pages reached with a cursor skip it.
MATCH (p:Project)
WHERE true
  AND ($city_id IS NULL OR EXISTS { (p)-[:BASED_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS {
        (p)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(:Skill {id: $skill_id}) })
  AND ($need_status IS NULL OR EXISTS { (p)-[:HAS_NEED]->(:Need {status: $need_status}) })
  AND ($text IS NULL OR toLower(p.name) CONTAINS toLower($text))
RETURN count(p) AS total
