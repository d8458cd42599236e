// Returns `need` rows: one page of needs as maps (id, title, description, status, remote,
// created_at, filled_at, filled_by, filler_consent (false when whoever filled it withdrew
// consent), owner {kind, id, name}, city {id, name}, skills [{id, name}]) in the order of
// $sort, then id. Needs of members who withdrew consent are left out unless $include_withdrawn.
// Params: $project_id, $member_id, $city_id (the owner's city), $skill_id, $status, $remote,
//   $text (each null = no filter), $include_withdrawn, $sort (whitelisted property),
//   $descending, $skip, $limit
// Cost: a scan of Need nodes with the filters, keeping the best $skip + $limit in a bounded sort
// (Top); only the page's rows are read in full. Newest first, list_needs_newest reads the index.
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
WITH owner, n
ORDER BY CASE WHEN $descending THEN null ELSE n[$sort] END ASC,
         CASE WHEN $descending THEN n[$sort] END DESC, n.id
SKIP $skip
LIMIT $limit
RETURN n {.id, .title, .description, .status, .remote, .created_at, .filled_at, .filled_by,
          filler_consent: EXISTS { MATCH (f:Member {id: n.filled_by}) WHERE f.consent },
          owner: {kind: CASE WHEN owner:Project THEN 'project' ELSE 'member' END,
                  id: owner.id, name: owner.name},
          city: head([(owner)-[:LIVES_IN|BASED_IN]->(c:City) | c {.id, .name}]),
          skills: [(n)-[:REQUIRES]->(s:Skill) | s {.id, .name}]} AS need
