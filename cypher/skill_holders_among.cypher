// Returns the members of $ids who consent and hold one of $skill_ids exactly or through a
// narrower skill (at most 3 levels down): `id`, `name`, `city` {id, name}, `distance_km` from
// $center (or null), `recent` (introductions proposed to them since $since), `holdings`
// [{skill_id, held_id, held_name, depth, level}]. Members in $exclude, over the load cap ($cap
// proposals since $since), or who declined an introduction for $project_id or from $member_id
// are left out. Used for members reached through the network.
// Params: $ids, $skill_ids, $center (point or null), $exclude, $since, $cap, $project_id,
//   $member_id, $limit
// Cost: one unique-index seek per id, their skills and short taxonomy walks.
UNWIND $ids AS id
MATCH (c:Member {id: id})-[h:HAS_SKILL]->(k:Skill)
WHERE c.consent AND NOT c.id IN $exclude
MATCH path = (k)-[:BROADER*0..3]->(s:Skill)
WHERE s.id IN $skill_ids
MATCH (c)-[:LIVES_IN]->(home:City)
WITH c, home, s, k, h, length(path) AS depth,
     CASE WHEN $center IS NULL THEN null ELSE point.distance(home.location, $center) / 1000.0 END AS km
WITH c, home, km, collect({skill_id: s.id, held_id: k.id, held_name: k.name, depth: depth, level: h.level}) AS holdings
WITH c, home, km, holdings,
     COUNT { MATCH (i:Introduction)-[:TO]->(c) WHERE i.created_at >= $since } AS recent
WHERE recent < $cap
  AND NOT EXISTS {
    MATCH (i:Introduction {status: 'declined'})-[:TO]->(c)
    WHERE i.project_id = $project_id OR i.requester_id = $member_id
  }
RETURN c.id AS id, c.name AS name, home {.id, .name} AS city, km AS distance_km, recent, holdings
ORDER BY size(holdings) DESC, km, c.id
LIMIT $limit
