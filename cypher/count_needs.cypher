// Returns `total`: how many needs the needs list would show with these filters.
// Params: $project_id, $member_id, $city_id, $skill_id, $status, $remote, $text (each null =
//   no filter), $include_withdrawn
// Cost: every need is read with its owner (about 270 ms at 400,000 members): pages reached with
// a cursor skip it.
MATCH (owner)-[:HAS_NEED]->(n:Need)
WHERE true
  AND ($status IS NULL OR n.status = $status)
  AND ($remote IS NULL OR n.remote = $remote)
  AND ($project_id IS NULL OR (owner:Project AND owner.id = $project_id))
  AND ($member_id IS NULL OR (owner:Member AND owner.id = $member_id))
  AND ($skill_id IS NULL OR EXISTS { (n)-[:REQUIRES]->(:Skill {id: $skill_id}) })
  AND ($text IS NULL OR toLower(n.title) CONTAINS toLower($text))
  AND ($include_withdrawn OR owner:Project OR owner.consent)
  AND ($city_id IS NULL OR EXISTS { (owner)-[:LIVES_IN|BASED_IN]->(:City {id: $city_id}) })
RETURN count(n) AS total
