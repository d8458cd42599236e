// Returns one row, or none if the member is unknown: `member` {id, name, consent, city}, `skills` [{id, name, level}]
// (the member's) and `matches`: the $limit best other members for mutual
// help by the linear model $weights (the introductions' features between two members) plus
// $mutual when each can help the other, each {member {id, name, city {id, name}}, distance_km,
// known, found_by (network | same_city | radius | remote), gives (their open needs this member's skills
// meet, each with `held` [{id, held, depth}]: the member's skills that meet it), receives (this
// member's open needs their skills meet, each with `held` [{id, depth}] and `offered`: their
// skills among them), their_skills [{id, name, level}], features, score}.
// Candidates: consenting members the member's walk reaches in one or two steps, and consenting
// members with an open need this member can meet or holding a skill one of this member's open
// needs wants, within $radius_km of the member's city ($city_id if given) or, when $remote,
// anywhere for remote needs. Pairs with a declined introduction are left out.
// Order: help both ways first, then one way, then those who are only near (no help either
// way); by score within each.
// Params: $member_id, $city_id, $radius_km, $remote, $limit, $beam, $max_degree, $pool,
//   $weights, $mutual, $narrower, $distance_scale_km
// Cost: bounded like projects_for_member: step 2 expands at most $beam members of at most
// $max_degree links; at most $pool members by the walk and $pool by need; features for those.
MATCH (me:Member {id: $member_id})
OPTIONAL MATCH (me)-[:LIVES_IN]->(home:City)
OPTIONAL MATCH (asked:City {id: $city_id})
WITH me, home, CASE WHEN $city_id IS NULL THEN home ELSE asked END AS place,
     COLLECT {
       MATCH (me)-[h:HAS_SKILL]->(k:Skill)
       RETURN {id: k.id, name: k.name, level: h.level} ORDER BY k.id
     } AS skills,
     COLLECT {
       MATCH path = (me)-[:HAS_SKILL]->(k:Skill)-[:BROADER*0..3]->(up:Skill)
       RETURN {id: up.id, held: k.id, depth: length(path) - 1}
     } AS reach,
     COLLECT {
       MATCH (me)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(s:Skill)
       RETURN {need_id: n.id, need_title: n.title, remote: n.remote, skill_id: s.id,
               skill_name: s.name,
               held: COLLECT { MATCH path = (k:Skill)-[:BROADER*0..3]->(s)
                               RETURN {id: k.id, depth: length(path)} }}
       ORDER BY n.id, s.id
     } AS needs,
     COUNT { (me)-[:KNOWS]-() }
       + reduce(total = 0, others IN COLLECT {
           MATCH (me)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
         } | total + others) AS degree
WITH me, home, place, skills, [k IN skills | k.id] AS held, reach, needs, degree,
     COLLECT { UNWIND reach AS r RETURN DISTINCT r.id } AS meets,
     COLLECT { MATCH (me)<-[:FROM|TO]-(:Introduction {status: 'declined'})-[:FROM|TO]->(o) RETURN o } AS declined,
     COLLECT { MATCH (me)-[:KNOWS]-(k:Member) RETURN k } AS acquaintances
// The walk from the member.
CALL (me, degree) {
  CALL (me, degree) {
    CALL (me) {
      MATCH (me)-[:KNOWS]-(b:Member) RETURN b
      UNION ALL
      MATCH (me)-[:MEMBER_OF]->(:Project)<-[:MEMBER_OF]-(b:Member) WHERE b <> me RETURN b
    }
    WITH b, count(*) AS links WHERE b.consent
    WITH b, toFloat(links) / degree AS mass
    ORDER BY mass DESC, b.id
    RETURN collect({node: b, mass: mass}) AS ring1
  }
  CALL (me, ring1) {
    UNWIND ring1 AS r
    RETURN r.node AS o, r.mass AS walk1, 0.0 AS walk2, 0 AS common, 0.0 AS adamic_adar
    UNION ALL
    UNWIND ring1[..$beam] AS r
    WITH me, r.mass AS mass, r.node AS b
    WITH me, mass, b,
         COUNT { (b)-[:KNOWS]-() }
           + reduce(total = 0, others IN COLLECT {
               MATCH (b)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
             } | total + others) AS degree
    WHERE degree <= $max_degree
    CALL (b) {
      MATCH (b)-[:KNOWS]-(o:Member) RETURN o
      UNION ALL
      MATCH (b)-[:MEMBER_OF]->(:Project)<-[:MEMBER_OF]-(o:Member) WHERE o <> b RETURN o
    }
    WITH me, mass, b, degree, o WHERE o <> me
    WITH o, mass, b, degree, count(*) AS links
    WITH o, sum(mass * links / degree) AS walk2, count(b) AS common,
         sum(1.0 / log(CASE WHEN degree < 3 THEN 3 ELSE degree END)) AS adamic_adar
    WHERE o.consent
    RETURN o, 0.0 AS walk1, walk2, common, adamic_adar
  }
  WITH o, sum(walk1) AS walk1, sum(walk2) AS walk2, sum(common) AS common,
       sum(adamic_adar) AS adamic_adar
  ORDER BY walk1 + walk2 DESC, o.id
  LIMIT $pool
  RETURN collect({node: o, tier: 0, walk1: walk1, walk2: walk2, common: common,
                  adamic_adar: adamic_adar}) AS network
}
// Members one can help or be helped by: near the member (living within $radius_km), or anywhere
// for remote needs. Those with an open need this member meets are found from the skills. Those
// holding a skill this member's needs want are found, for a need that is not remote, in one of
// two ways, whichever reads fewer rows (degrees cost nothing to read): from the cities within
// the radius, each of their members checked, or from the skills, each holder kept if they live
// in one of those cities. So a common skill's thousands of holders are never all read for a need
// only neighbours can meet.
CALL (me, place, meets, needs, network) {
  WITH me, meets, [x IN network | x.node] AS reached,
       COLLECT {
         UNWIND needs AS need
         UNWIND need.held AS h
         MATCH (k:Skill {id: h.id})
         RETURN DISTINCT k
       } AS wanted,
       COLLECT {
         UNWIND [n IN needs WHERE n.remote] AS need
         UNWIND need.held AS h
         MATCH (k:Skill {id: h.id})
         RETURN DISTINCT k
       } AS wanted_remote,
       COLLECT {
         MATCH (c:City) WHERE point.distance(c.location, place.location) <= 1000 * $radius_km
         RETURN c
       } AS cities
  WITH *, reduce(total = 0, c IN cities | total + COUNT { (c)<-[:LIVES_IN]-() })
          <= reduce(total = 0, k IN wanted | total + COUNT { (k)<-[:HAS_SKILL]-() }) AS cities_first
  CALL (me, meets, reached, wanted, wanted_remote, cities, cities_first) {
    UNWIND meets AS skill_id
    MATCH (:Skill {id: skill_id})<-[:REQUIRES]-(n:Need {status: 'open'})<-[:HAS_NEED]-(o:Member)
    MATCH (o)-[:LIVES_IN]->(city:City)
    WHERE o <> me AND o.consent AND NOT o IN reached
    WITH o, n, city IN cities AS near
    WHERE near OR ($remote AND n.remote)
    RETURN o, CASE WHEN near THEN 1 ELSE 2 END AS tier
    LIMIT $pool
    UNION
    WITH * WHERE cities_first
    UNWIND cities AS c
    MATCH (c)<-[:LIVES_IN]-(o:Member)
    WHERE o <> me AND o.consent AND NOT o IN reached
      AND EXISTS { (o)-[:HAS_SKILL]->(k:Skill) WHERE k IN wanted }
    RETURN o, 1 AS tier
    LIMIT $pool
    UNION
    WITH * WHERE NOT cities_first
    UNWIND wanted AS k
    MATCH (k)<-[:HAS_SKILL]-(o:Member)-[:LIVES_IN]->(c:City)
    WHERE c IN cities AND o <> me AND o.consent AND NOT o IN reached
    RETURN o, 1 AS tier
    LIMIT $pool
    UNION
    UNWIND CASE WHEN $remote THEN wanted_remote ELSE [] END AS k
    MATCH (k)<-[:HAS_SKILL]-(o:Member)
    WHERE o <> me AND o.consent AND NOT o IN reached
    RETURN o, 2 AS tier
    LIMIT $pool
  }
  WITH o, min(tier) AS tier
  ORDER BY tier, o.id
  LIMIT $pool
  RETURN collect({node: o, tier: tier, walk1: 0.0, walk2: 0.0, common: 0, adamic_adar: 0.0}) AS placed
}
// Features for every candidate; names and titles for the $limit kept only.
UNWIND CASE WHEN network + placed = [] THEN [null] ELSE network + placed END AS x
WITH me, home, place, skills, held, reach, needs, meets, degree, acquaintances, x, x.node AS o
WHERE o IS NULL OR NOT o IN declined
OPTIONAL MATCH (o)-[:LIVES_IN]->(city:City)
WITH me, home, skills, held, reach, needs, meets, degree, x, o, city,
     CASE WHEN place IS NULL OR city IS NULL THEN null
          ELSE point.distance(city.location, place.location) / 1000.0 END AS km,
     COLLECT {
       MATCH (o)-[:HAS_NEED]->(n:Need {status: 'open'})-[:REQUIRES]->(s:Skill)
       RETURN {need: n, skill: s, skill_id: s.id, remote: n.remote}
     } AS their_needs,
     COLLECT { MATCH (o)-[h:HAS_SKILL]->(k:Skill) RETURN [k.id, h.level] } AS their_levels,
     o IN acquaintances AS known,
     COUNT { (o)-[:KNOWS]-() } AS their_knows,
     COLLECT {
       MATCH (o)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
     } AS their_shared
WITH me, home, skills, held, reach, needs, degree, x, o, city, km, known, their_levels,
     their_knows, their_shared, size(their_needs) AS their_count,
     [n IN their_needs WHERE n.skill_id IN meets AND (n.remote OR km <= $radius_km)] AS gives,
     [k IN their_levels | k[0]] AS their_held
WITH me, home, skills, held, reach, needs, degree, x, o, city, km, known, their_levels,
     their_count, their_knows, their_shared, gives, their_held,
     [n IN needs WHERE any(h IN n.held WHERE h.id IN their_held)
                   AND (n.remote OR km <= $radius_km)] AS receives
// The walk's mass turned into the other direction: P(o, me) = P(me, o) deg(me) / deg(o).
WITH me, home, skills, held, reach, x, o, city, km, known, their_levels, their_held, gives,
     receives, size(needs) + their_count AS all_needs,
     [r IN reach WHERE r.id IN [n IN gives | n.skill_id] | r.held] AS giving,
     reduce(ids = [], n IN receives | ids + [h IN n.held | h.id]) AS offering,
     toFloat(degree) / (1 + their_knows + reduce(total = 0, others IN their_shared | total + others)) AS turn,
     log(1 + their_knows + size(their_shared)) AS popularity
WITH me, home, skills, reach, x, o, city, km, known, their_held, gives, receives, {
       proximity1: log(1 + 1000 * x.walk1 * turn),
       proximity2: log(1 + 1000 * x.walk2 * turn),
       direct: CASE WHEN x.walk1 > 0 THEN 1.0 ELSE 0.0 END,
       common: log(1 + x.common),
       adamic_adar: x.adamic_adar,
       needs: size([n IN gives WHERE n.skill_id IN held])
              + $narrower * size([n IN gives WHERE NOT n.skill_id IN held])
              + size([n IN receives WHERE n.skill_id IN their_held])
              + $narrower * size([n IN receives WHERE NOT n.skill_id IN their_held]),
       share: CASE all_needs WHEN 0 THEN 0.0 ELSE toFloat(size(gives) + size(receives)) / all_needs END,
       team_fit: CASE size(their_held) WHEN 0 THEN 0.0
                 ELSE toFloat(size([k IN their_held WHERE k IN held])) / size(their_held) END,
       distance: CASE WHEN km IS NULL THEN 0.0 ELSE exp(-km / $distance_scale_km) END,
       same_city: CASE WHEN home IS NOT NULL AND home = city THEN 1.0 ELSE 0.0 END,
       popularity: popularity,
       gap: 0.0,
       past_fit: 0.0,
       level: reduce(best = 0.0, level IN [k IN skills WHERE k.id IN giving | k.level]
                                           + [k IN their_levels WHERE k[0] IN offering | k[1]] |
                CASE WHEN (level - 1) / 4.0 > best THEN (level - 1) / 4.0 ELSE best END)
     } AS features
WITH me, home, skills, reach, x, o, city, km, known, their_held, gives, receives, features,
     reduce(s = 0.0, f IN keys($weights) | s + $weights[f] * coalesce(features[f], 0.0))
       + CASE WHEN size(gives) > 0 AND size(receives) > 0 THEN $mutual ELSE 0.0 END AS score,
     CASE WHEN size(gives) > 0 AND size(receives) > 0 THEN 0
          WHEN size(gives) + size(receives) > 0 THEN 1 ELSE 2 END AS band
ORDER BY band, score DESC, o.id
LIMIT $limit
RETURN me {.id, .name, .consent, city: home {.id, .name}} AS member, skills,
       collect(CASE WHEN o IS NOT NULL THEN {
         member: o {.id, .name, city: city {.id, .name}}, distance_km: km, known: known,
         found_by: CASE x.tier WHEN 1 THEN CASE WHEN city = home THEN 'same_city' ELSE 'radius' END
                   ELSE ['network', null, 'remote'][x.tier] END, features: features, score: score,
         gives: COLLECT {
           UNWIND gives AS n
           WITH n ORDER BY n.need.id, n.skill_id
           RETURN {need_id: n.need.id, need_title: n.need.title, remote: n.remote,
                   skill_id: n.skill_id, skill_name: n.skill.name,
                   held: [r IN reach WHERE r.id = n.skill_id]}
         },
         receives: [n IN receives | n {.*, offered: [h IN n.held WHERE h.id IN their_held]}],
         their_skills: COLLECT {
           MATCH (o)-[h:HAS_SKILL]->(k:Skill)
           RETURN {id: k.id, name: k.name, level: h.level} ORDER BY k.id
         }} END) AS matches
