// Returns `total`: how many members the members list would show with these filters.
// Params: $city_id, $skill_id, $text (each null = no filter), $include_withdrawn (bool),
//   $viewer (member id or null: counts itself even without consent)
// Cost: every member is read (about 80-230 ms at 400,000): pages reached with a cursor skip it.
MATCH (m:Member)
WHERE (m.consent OR $include_withdrawn OR m.id = $viewer)
  AND ($city_id IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS { (m)-[:HAS_SKILL]->(:Skill {id: $skill_id}) })
  AND ($text IS NULL OR toLower(m.name) CONTAINS toLower($text))
RETURN count(m) AS total
