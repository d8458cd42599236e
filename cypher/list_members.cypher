// Returns one row: `total` (members matching the filters) and `items`, one page of them as maps
// (id, name, bio, email, consent, joined_at, city {id, name}), in a stable order.
// Params: $city_id, $skill_id, $text (each null = no filter), $include_withdrawn (bool),
//   $viewer (member id or null: sees itself even without consent), $sort (a whitelisted
//   property name), $descending (bool), $skip, $limit
// Cost: a scan of Member nodes with the filters; the sort is on the matching ones.
MATCH (m:Member)
WHERE (m.consent OR $include_withdrawn OR m.id = $viewer)
  AND ($city_id IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS { (m)-[:HAS_SKILL]->(:Skill {id: $skill_id}) })
  AND ($text IS NULL OR toLower(m.name) CONTAINS toLower($text))
WITH m
ORDER BY CASE WHEN $descending THEN null ELSE m[$sort] END ASC,
         CASE WHEN $descending THEN m[$sort] END DESC, m.id
WITH collect(m) AS matched
RETURN size(matched) AS total,
       [m IN matched[$skip..($skip + $limit)] |
         m {.id, .name, .bio, .email, .consent, .joined_at,
            city: head([(m)-[:LIVES_IN]->(c:City) | c {.id, .name}])}] AS items
