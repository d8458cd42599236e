// Returns up to $limit consenting members who hold one of $held_ids, living in $city_id, else
// within $radius_km of $center, else anywhere: `id`, `name`, `city` {id, name}, `distance_km`
// from $center (or null), `recent` (introductions proposed to them since $since), `holdings`
// [{held_id, held_name, level}]. Members in $exclude, over the load cap ($cap proposals since
// $since), or who declined an introduction for $project_id or from $member_id are left out.
// Params: $held_ids, $city_id, $center (point or null), $radius_km, $exclude, $since, $cap,
//   $project_id, $member_id, $limit
// Cost: from the skills' holders (a few thousand at 40,000 members), pruned by place.
MATCH (k:Skill) WHERE k.id IN $held_ids
MATCH (c:Member)-[h:HAS_SKILL]->(k)
WHERE c.consent AND NOT c.id IN $exclude
MATCH (c)-[:LIVES_IN]->(home:City)
WHERE $city_id IS NULL OR home.id = $city_id
WITH c, home, k, h,
     CASE WHEN $center IS NULL THEN null ELSE point.distance(home.location, $center) / 1000.0 END AS km
WHERE $city_id IS NOT NULL OR $radius_km IS NULL OR km <= $radius_km
WITH c, home, km, collect({held_id: k.id, held_name: k.name, level: h.level}) AS holdings
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
