// Returns `need` rows: one page of needs, newest first (then id), after the cursor
// ($before_at, $before_id): the created_at and id of the previous page's last need, or a
// time past every need and "" for the first page. Same maps and filters as list_needs.
// $before_at must carry a UTC offset, as stored times do: Cypher orders equal instants by their
// zone, and an instant named by a zone id ("Z[UTC]") would neither equal nor follow its twin.
// Params: $before_at, $before_id, $project_id, $member_id, $city_id, $skill_id, $status,
//   $remote, $text (each null = no filter), $include_withdrawn, $skip, $limit
// Cost: the Need(created_at) index (hinted: on a near-empty graph the planner would scan) read
// newest first from the cursor, stopping once $skip + $limit needs passed the filters
// (PartialTop): as fast deep in the list as at its start.
MATCH (owner)-[:HAS_NEED]->(n:Need)
USING INDEX n:Need(created_at)
WHERE n.created_at <= $before_at
  AND ($status IS NULL OR n.status = $status)
  AND ($remote IS NULL OR n.remote = $remote)
  AND ($project_id IS NULL OR (owner:Project AND owner.id = $project_id))
  AND ($member_id IS NULL OR (owner:Member AND owner.id = $member_id))
  AND ($skill_id IS NULL OR EXISTS { (n)-[:REQUIRES]->(:Skill {id: $skill_id}) })
  AND ($text IS NULL OR toLower(n.title) CONTAINS toLower($text))
  AND ($include_withdrawn OR owner:Project OR owner.consent)
  AND ($city_id IS NULL OR EXISTS { (owner)-[:LIVES_IN|BASED_IN]->(:City {id: $city_id}) })
WITH owner, n
ORDER BY n.created_at DESC, n.id
// The cursor's own time: only the ids past it (apart, so the index range stays one seek).
WITH owner, n
WHERE NOT (n.created_at = $before_at AND n.id <= $before_id)
SKIP $skip
LIMIT $limit
RETURN n {.id, .title, .description, .status, .remote, .created_at, .filled_at, .filled_by,
          filler_consent: EXISTS { MATCH (f:Member {id: n.filled_by}) WHERE f.consent },
          owner: {kind: CASE WHEN owner:Project THEN 'project' ELSE 'member' END,
                  id: owner.id, name: owner.name},
          city: head([(owner)-[:LIVES_IN|BASED_IN]->(c:City) | c {.id, .name}]),
          skills: [(n)-[:REQUIRES]->(s:Skill) | s {.id, .name}]} AS need
