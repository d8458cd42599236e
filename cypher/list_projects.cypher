// Returns `project` rows: one page of projects as maps (id, name, description, created_at,
// city {id, name}, open_needs: count) in the order of $sort, then id.
// Params: $city_id, $skill_id (an open need requires it), $need_status (has a need with this
//   status), $text (each null = no filter), $sort (whitelisted property), $descending, $skip,
//   $limit
// Cost: a scan of Project nodes (one per ~30 members) with the filters, keeping the best $skip +
// $limit in a bounded sort (Top). By name, list_projects_by_name[_desc] read the index.
MATCH (p:Project)
WHERE true
  AND ($city_id IS NULL OR EXISTS { (p)-[:BASED_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS {
        (p)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(:Skill {id: $skill_id}) })
  AND ($need_status IS NULL OR EXISTS { (p)-[:HAS_NEED]->(:Need {status: $need_status}) })
  AND ($text IS NULL OR toLower(p.name) CONTAINS toLower($text))
WITH p
ORDER BY CASE WHEN $descending THEN null ELSE p[$sort] END ASC,
         CASE WHEN $descending THEN p[$sort] END DESC, p.id
SKIP $skip
LIMIT $limit
RETURN p {.id, .name, .description, .created_at,
          city: head([(p)-[:BASED_IN]->(c:City) | c {.id, .name}]),
          open_needs: COUNT { (p)-[:HAS_NEED]->(:Need {status: 'open'}) }} AS project
