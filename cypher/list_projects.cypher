// Returns one row: `total` (projects matching the filters) and `items`, one page of them as maps
// (id, name, description, created_at, city {id, name}, open_needs: count), in a stable order.
// Params: $city_id, $skill_id (an open need requires it), $need_status (has a need with this
//   status), $text (each null = no filter), $sort (whitelisted property), $descending, $skip, $limit
// Cost: a scan of Project nodes (one per ~30 members) with the filters.
MATCH (p:Project)
WHERE ($city_id IS NULL OR EXISTS { (p)-[:BASED_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS {
        (p)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(:Skill {id: $skill_id}) })
  AND ($need_status IS NULL OR EXISTS { (p)-[:HAS_NEED]->(:Need {status: $need_status}) })
  AND ($text IS NULL OR toLower(p.name) CONTAINS toLower($text))
WITH p
ORDER BY CASE WHEN $descending THEN null ELSE p[$sort] END ASC,
         CASE WHEN $descending THEN p[$sort] END DESC, p.id
WITH collect(p) AS matched
RETURN size(matched) AS total,
       [p IN matched[$skip..($skip + $limit)] |
         p {.id, .name, .description, .created_at,
            city: head([(p)-[:BASED_IN]->(c:City) | c {.id, .name}]),
            open_needs: COUNT { (p)-[:HAS_NEED]->(:Need {status: 'open'}) }}] AS items
