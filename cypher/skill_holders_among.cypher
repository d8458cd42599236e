// Returns the members of $ids who consent and hold one of $held_ids: `id`, `name`, `city`
// {id, name}, `distance_km` from $center (or null), `recent` (introductions proposed to them
// since $since), `holdings` [{held_id, held_name, level}]. Members in $exclude, over the load cap
// ($cap proposals since $since), or who declined an introduction for $project_id or from
// $member_id are left out. Used for members reached through the network.
// Params: $ids, $held_ids, $center (point or null), $exclude, $since, $cap, $project_id,
//   $member_id, $limit
// Cost: one unique-index seek per id and their skills.
UNWIND $ids AS id
MATCH (c:Member {id: id})-[h:HAS_SKILL]->(k:Skill)
WHERE k.id IN $held_ids AND c.consent AND NOT c.id IN $exclude
WITH c, collect({held_id: k.id, held_name: k.name, level: h.level}) AS holdings
MATCH (c)-[:LIVES_IN]->(home:City)
WITH c, home, holdings,
     CASE WHEN $center IS NULL THEN null ELSE point.distance(home.location, $center) / 1000.0 END AS km,
     COUNT { MATCH (i:Introduction)-[:TO]->(c) WHERE i.created_at >= $since } AS recent
WHERE recent < $cap
  AND NOT EXISTS {
    MATCH (i:Introduction {status: 'declined'})-[:TO]->(c)
    WHERE i.project_id = $project_id OR i.requester_id = $member_id
  }
RETURN c.id AS id, c.name AS name, home {.id, .name} AS city, km AS distance_km, recent, holdings
ORDER BY size(holdings) DESC, km, c.id
LIMIT $limit
