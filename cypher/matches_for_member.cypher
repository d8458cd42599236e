// Returns up to $limit consenting members who need what this member can give (`gives`) or can
// give what this member needs (`receives`), within $radius_km of $center or, when $remote,
// anywhere for remote needs: `id`, `name`, `city` {id, name}, `distance_km`, `known` (already
// acquaintances), `gives` and `receives` [{need_id, need_title, remote, skill_id, skill_name,
// held_id, held_name, depth, level}]. Pairs with a declined introduction are left out.
// Params: $member_id, $center (point), $radius_km, $remote (bool), $limit
// Cost: from the member's skills and needs through the taxonomy (at most 3 levels).
MATCH (me:Member {id: $member_id})
CALL (me) {
  MATCH path = (me)-[h:HAS_SKILL]->(k:Skill)-[:BROADER*0..3]->(s:Skill)
               <-[:REQUIRES]-(n:Need {status: 'open'})<-[:HAS_NEED]-(o:Member)
  WHERE o <> me AND o.consent
  RETURN o, 'gives' AS direction, n, s, k, h.level AS level, length(path) - 3 AS depth
  UNION
  MATCH path = (me)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(s:Skill)
               <-[:BROADER*0..3]-(k:Skill)<-[h:HAS_SKILL]-(o:Member)
  WHERE o <> me AND o.consent
  RETURN o, 'receives' AS direction, n, s, k, h.level AS level, length(path) - 3 AS depth
}
MATCH (o)-[:LIVES_IN]->(oc:City)
WITH me, o, oc, direction, n, s, k, level, depth,
     point.distance(oc.location, $center) / 1000.0 AS km
WHERE km <= $radius_km OR ($remote AND n.remote)
WITH me, o, oc, km,
     collect({direction: direction, need_id: n.id, need_title: n.title, remote: n.remote,
              skill_id: s.id, skill_name: s.name, held_id: k.id, held_name: k.name,
              depth: depth, level: level}) AS items
WHERE NOT EXISTS { (me)<-[:FROM|TO]-(:Introduction {status: 'declined'})-[:FROM|TO]->(o) }
WITH o, oc, km, items, EXISTS { (me)-[:KNOWS]-(o) } AS known,
     [x IN items WHERE x.direction = 'gives'] AS gives,
     [x IN items WHERE x.direction = 'receives'] AS receives
RETURN o.id AS id, o.name AS name, oc {.id, .name} AS city, km AS distance_km, known, gives, receives
ORDER BY CASE WHEN size(gives) > 0 AND size(receives) > 0 THEN 0 ELSE 1 END,
         size(gives) + size(receives) DESC, km, id
LIMIT $limit
