// Returns `member` rows: one page of members in reverse name order (then reverse id), as maps
// (id, name, bio, email, consent, joined_at, city {id, name}), read from the member_name index
// backwards from the cursor, so it stops as soon as the page is full.
// Params: $after_name, $after_id (the last row of the previous page; for the first, a name past
//   every name and ""), $city_id, $skill_id, $text (each null = no filter), $include_withdrawn
//   (bool), $viewer (member id or null: sees itself even without consent), $skip, $limit
// Cost: index entries from the cursor to the page's end (plus those the filters drop, and $skip).
MATCH (m:Member)
WHERE m.name <= $after_name AND NOT (m.name = $after_name AND m.id >= $after_id)
  AND (m.consent OR $include_withdrawn OR m.id = $viewer)
  AND ($city_id IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS { (m)-[:HAS_SKILL]->(:Skill {id: $skill_id}) })
  AND ($text IS NULL OR toLower(m.name) CONTAINS toLower($text))
WITH m
ORDER BY m.name DESC, m.id DESC
SKIP $skip
LIMIT $limit
RETURN m {.id, .name, .bio, .email, .consent, .joined_at,
          city: head([(m)-[:LIVES_IN]->(c:City) | c {.id, .name}])} AS member
