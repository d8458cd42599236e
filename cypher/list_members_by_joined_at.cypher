// Returns `member` rows: one page of members by the time they joined (then id), oldest first or
// newest first, as maps (id, name, bio, email, consent, joined_at, city {id, name}); members
// imported without a join time come last.
// Params: $descending (bool), $city_id, $skill_id, $text (each null = no filter),
//   $include_withdrawn (bool), $viewer (member id or null: sees itself even without consent),
//   $skip, $limit
// Cost: sorts every match (a join time may be missing, so no index gives this order); the
//   name order is the one that stops early.
MATCH (m:Member)
WHERE (m.consent OR $include_withdrawn OR m.id = $viewer)
  AND ($city_id IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:City {id: $city_id}) })
  AND ($skill_id IS NULL OR EXISTS { (m)-[:HAS_SKILL]->(:Skill {id: $skill_id}) })
  AND ($text IS NULL OR toLower(m.name) CONTAINS toLower($text))
WITH m
ORDER BY m.joined_at IS NULL,
         CASE WHEN $descending THEN null ELSE m.joined_at END ASC,
         CASE WHEN $descending THEN m.joined_at END DESC, m.id
SKIP $skip
LIMIT $limit
RETURN m {.id, .name, .bio, .email, .consent, .joined_at,
          city: head([(m)-[:LIVES_IN]->(c:City) | c {.id, .name}])} AS member
