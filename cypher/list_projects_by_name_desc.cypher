// Returns `project` rows: one page of projects in reverse name order (then reverse id), as the
// maps of list_projects, read from the project_name index backwards from the cursor: it stops
// once the page is full.
// Params: $after_name, $after_id (the last row of the previous page; for the first,
//   a name past every name and ""), $city_id, $skill_id (an open need requires it),
//   $need_status (has a need with this status), $text (each null = no filter), $skip, $limit
// Cost: index entries from the cursor to the page's end (plus those the filters drop, and $skip).
MATCH (p:Project)
USING INDEX p:Project(name)
WHERE p.name <= $after_name
  AND ($city_id IS NULL OR EXISTS { (p)-[:BASED_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS {
        (p)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(:Skill {id: $skill_id}) })
  AND ($need_status IS NULL OR EXISTS { (p)-[:HAS_NEED]->(:Need {status: $need_status}) })
  AND ($text IS NULL OR toLower(p.name) CONTAINS toLower($text))
WITH p
ORDER BY p.name DESC, p.id DESC
// The cursor's own name: only the ids past it (apart, so the index range stays one seek).
WITH p
WHERE NOT (p.name = $after_name AND p.id >= $after_id)
SKIP $skip
LIMIT $limit
RETURN p {.id, .name, .description, .created_at,
          city: head([(p)-[:BASED_IN]->(c:City) | c {.id, .name}]),
          open_needs: COUNT { (p)-[:HAS_NEED]->(:Need {status: 'open'}) }} AS project
