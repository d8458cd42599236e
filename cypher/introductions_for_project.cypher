// Returns one row, or none if the project is unknown: `project` {id, name, city {id, name}},
// `needs` (every need of the project:
// {need_id, need_title, open, remote, skill_id, skill_name, team_covers, held: [{id, depth}]
// the skills that meet it, itself and up to 3 levels narrower}) and `introductions`: the $limit
// best candidates by the linear model $weights, each {member {id, name}, city {id, name},
// distance_km, hops, via, connections, features, recent, skills [{id, name, level}], found_by,
// score}.
// Candidates are consenting non-members reached by a walk from the consenting team over the
// social graph (KNOWS either way, or a shared project other than this one): `walk1`/`walk2`
// are the walk's mass after 1 and 2 steps (degree-normalised, a truncated personalized
// PageRank); `common` and `adamic_adar` count the team's neighbours they are linked to. When
// the walk finds fewer than $limit, or with $widen, members who hold a skill that meets an open
// need are candidates too: in the project's city or $city_id (`same_city`), within $radius_km
// of it (`radius`), then anywhere for remote needs when $remote (`remote`). All are ranked by
// score. Left out: the team, members who declined an introduction to this project, members
// with $cap or more introductions since $since_ms (milliseconds since the epoch).
// Params: $project_id, $max_hops (1 or 2), $beam, $max_degree, $pool, $limit, $weights,
//   $since_ms, $cap, $load, $narrower, $distance_scale_km, $widen, $city_id, $radius_km, $remote
// Cost: bounded, one round trip. Step 1 expands every consenting team member; step 2 only the
// $beam members with the most mass, and none with over $max_degree links (supernodes pass no
// mass on); features for at most $pool walk candidates and $pool found by place.
MATCH (p:Project {id: $project_id})
OPTIONAL MATCH (p)-[:BASED_IN]->(pc:City)
OPTIONAL MATCH (asked:City {id: $city_id})
WITH p, pc, CASE WHEN $city_id IS NULL THEN pc ELSE asked END AS place,
     COLLECT { MATCH (t:Member)-[:MEMBER_OF]->(p) RETURN t ORDER BY t.id } AS members
WITH p, pc, place, members, [t IN members WHERE t.consent] AS team,
     COLLECT {
       MATCH (t:Member)-[:MEMBER_OF]->(p)
       MATCH (t)-[:HAS_SKILL]->(:Skill)-[:BROADER*0..3]->(up:Skill)
       RETURN DISTINCT up.id
     } AS team_covers,
     COLLECT {
       MATCH (t:Member)-[:MEMBER_OF]->(p)
       MATCH (t)-[:HAS_SKILL]->(k:Skill)
       RETURN DISTINCT k.id
     } AS team_skills
WITH p, pc, place, members, team, team_skills,
     COLLECT {
       MATCH (p)-[:HAS_NEED]->(n:Need)-[:REQUIRES]->(s:Skill)
       RETURN {need_id: n.id, need_title: n.title, open: n.status = 'open', remote: n.remote,
               skill_id: s.id, skill_name: s.name, team_covers: s.id IN team_covers,
               held: COLLECT { MATCH path = (k:Skill)-[:BROADER*0..3]->(s)
                               RETURN {id: k.id, depth: length(path)} }}
       ORDER BY n.id, s.id
     } AS needs
WITH p, pc, place, members, team, team_skills, needs,
     COLLECT {
       MATCH (i:Introduction {project_id: $project_id, status: 'declined'})-[:TO]->(d:Member)
       RETURN d
     } AS declined,
     [n IN needs WHERE n.open | n {.skill_id, .remote, .team_covers, ids: [h IN n.held | h.id]}] AS open_needs,
     [n IN needs WHERE NOT n.open | [h IN n.held | h.id]] AS past_needs
// The walk. Rows carry nodes, never their properties: names are read for the results only.
// A member's degree: its KNOWS links plus, per project, the other members (counted, not walked).
CALL (p, members, team, declined) {
  CALL (p, members, team) {
    UNWIND team AS t
    WITH p, members, toFloat(size(team)) AS n, t,
         COUNT { (t)-[:KNOWS]-() }
           + reduce(total = 0, others IN COLLECT {
               MATCH (t)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
             } | total + others) AS degree
    CALL (p, t) {
      MATCH (t)-[:KNOWS]-(b:Member) RETURN b, null AS q
      UNION ALL
      MATCH (t)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(b:Member) WHERE q <> p AND b <> t RETURN b, q
    }
    WITH members, n, t, degree, b, q WHERE NOT b IN members
    WITH b, sum(1.0 / n / degree) AS walk1, count(DISTINCT t) AS direct, collect([t, q])[..3] AS via
    WHERE b.consent
    ORDER BY walk1 DESC, b.id
    RETURN collect({node: b, walk1: walk1, direct: direct, via: via}) AS ring1
  }
  CALL (p, members, ring1) {
    UNWIND ring1 AS r
    RETURN r.node AS c, r.walk1 AS walk1, 0.0 AS walk2, r.direct AS direct, 0 AS common,
           0.0 AS adamic_adar, 1 AS hops, r.via AS via
    UNION ALL
    UNWIND ring1[..$beam] AS r
    WITH p, members, r, r.node AS b WHERE $max_hops >= 2
    WITH p, members, r.walk1 AS walk1, r.via[0] AS up, b,
         COUNT { (b)-[:KNOWS]-() }
           + reduce(total = 0, others IN COLLECT {
               MATCH (b)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
             } | total + others) AS degree
    WHERE degree <= $max_degree
    CALL (p, b) {
      MATCH (b)-[:KNOWS]-(c:Member) RETURN c, null AS q
      UNION ALL
      MATCH (b)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(c:Member) WHERE q <> p AND c <> b RETURN c, q
    }
    WITH members, walk1, up, b, degree, c, q WHERE NOT c IN members
    WITH c, walk1, up, b, degree, count(*) AS links, collect(q)[0] AS q
    WITH c, sum(walk1 * links / degree) AS walk2, count(b) AS common,
         sum(1.0 / log(CASE WHEN degree < 3 THEN 3 ELSE degree END)) AS adamic_adar,
         collect([b, q] + up)[..3] AS via
    WHERE c.consent
    RETURN c, 0.0 AS walk1, walk2, 0 AS direct, common, adamic_adar, 2 AS hops, via
  }
  WITH c, sum(walk1) AS walk1, sum(walk2) AS walk2, max(direct) AS direct, sum(common) AS common,
       sum(adamic_adar) AS adamic_adar, min(hops) AS hops, collect(via) AS vias
  WHERE NOT c IN declined
  ORDER BY walk1 + walk2 DESC, c.id
  LIMIT $pool
  RETURN collect({node: c, tier: 0, walk1: walk1, walk2: walk2, direct: direct, common: common,
                  adamic_adar: adamic_adar, hops: hops, via: vias[0]}) AS network
}
// By place, when the walk is short of $limit (or with $widen): the city, the radius, remote.
// Members of the city who hold a skill that meets an open need are found from the city's members
// or from the skills' holders, whichever is fewer by their degrees (a large city and a rare
// skill, or a small city and a common one, never reads the many).
CALL (p, place, members, declined, open_needs, network) {
  WITH p, place, members, declined, open_needs, [x IN network | x.node] AS reached,
       reduce(ids = [], n IN open_needs | ids + n.ids) AS meeting,
       reduce(ids = [], n IN [n IN open_needs WHERE n.remote] | ids + n.ids) AS remote_meeting
  WHERE $widen OR size(network) < $limit
  WITH *, COLLECT { MATCH (k:Skill) WHERE k.id IN meeting RETURN k } AS meeting_skills
  WITH *, COUNT { (place)<-[:LIVES_IN]-() }
          <= reduce(total = 0, k IN meeting_skills | total + COUNT { (k)<-[:HAS_SKILL]-() })
          AS city_first
  CALL (place, members, meeting_skills, city_first, remote_meeting, reached) {
    WITH * WHERE city_first
    MATCH (place)<-[:LIVES_IN]-(c:Member)
    WHERE c.consent AND NOT c IN members AND NOT c IN reached
      AND EXISTS { (c)-[:HAS_SKILL]->(k:Skill) WHERE k IN meeting_skills }
    RETURN c, 1 AS tier
    LIMIT $pool
    UNION
    WITH * WHERE NOT city_first
    UNWIND meeting_skills AS k
    MATCH (k)<-[:HAS_SKILL]-(c:Member)-[:LIVES_IN]->(place)
    WHERE c.consent AND NOT c IN members AND NOT c IN reached
    RETURN DISTINCT c, 1 AS tier
    LIMIT $pool
    UNION
    MATCH (city:City)<-[:LIVES_IN]-(c:Member)
    WHERE $radius_km IS NOT NULL AND city <> place
      AND point.distance(city.location, place.location) <= 1000 * $radius_km
      AND c.consent AND NOT c IN members AND NOT c IN reached
      AND EXISTS { (c)-[:HAS_SKILL]->(k:Skill) WHERE k IN meeting_skills }
    RETURN c, 2 AS tier
    LIMIT $pool
    UNION
    UNWIND CASE WHEN $remote THEN remote_meeting ELSE [] END AS skill_id
    MATCH (:Skill {id: skill_id})<-[:HAS_SKILL]-(c:Member)
    WHERE c.consent AND NOT c IN members AND NOT c IN reached
    RETURN c, 3 AS tier
    LIMIT $pool
  }
  WITH c, min(tier) AS tier
  WHERE NOT c IN declined
  ORDER BY tier, c.id
  LIMIT $pool
  RETURN collect({node: c, tier: tier, walk1: 0.0, walk2: 0.0, direct: 0, common: 0,
                  adamic_adar: 0.0, hops: null, via: null}) AS placed
}
// Features and the model's score, for the pool only. A row with no one (null) keeps the
// project's row when nobody is found.
UNWIND CASE WHEN network + placed = [] THEN [null] ELSE network + placed END AS x
WITH p, pc, place, team, team_skills, needs, open_needs, past_needs, x, x.node AS c,
     datetime({epochMillis: $since_ms}) AS since
OPTIONAL MATCH (c)-[:LIVES_IN]->(home:City)
WITH p, pc, place, team, team_skills, needs, open_needs, past_needs, x, c, home,
     COUNT { (i:Introduction)-[:TO]->(c) WHERE i.created_at >= since } AS recent,
     COLLECT { MATCH (c)-[h:HAS_SKILL]->(k:Skill) RETURN [k.id, h.level] } AS levels,
     CASE WHEN place IS NULL OR home IS NULL THEN null
          ELSE point.distance(home.location, place.location) / 1000.0 END AS km
WHERE c IS NULL OR recent < $cap
WITH p, pc, team, team_skills, needs, open_needs, past_needs, x, c, home, recent, km, levels,
     [s IN levels | s[0]] AS held
WITH p, pc, team, team_skills, needs, open_needs, past_needs, x, c, home, recent, km, levels, held,
     [n IN open_needs WHERE any(k IN n.ids WHERE k IN held)] AS covered
WITH p, pc, team, team_skills, needs, open_needs, past_needs, x, c, home, recent, km, levels, held, covered,
     size([n IN covered WHERE n.skill_id IN held]) AS exact, {
       proximity1: log(1 + 1000 * x.walk1),
       proximity2: log(1 + 1000 * x.walk2),
       direct: toFloat(x.direct),
       common: log(1 + x.common),
       adamic_adar: x.adamic_adar,
       share: CASE size(open_needs) WHEN 0 THEN 0.0 ELSE toFloat(size(covered)) / size(open_needs) END,
       past_fit: toFloat(size([ids IN past_needs WHERE any(k IN ids WHERE k IN held)])),
       team_fit: CASE size(held) WHEN 0 THEN 0.0
                 ELSE toFloat(size([k IN held WHERE k IN team_skills])) / size(held) END,
       distance: CASE WHEN km IS NULL THEN 0.0 ELSE exp(-km / $distance_scale_km) END,
       same_city: CASE WHEN home IS NOT NULL AND home = pc THEN 1.0 ELSE 0.0 END,
       popularity: log(1 + COUNT { (c)-[:KNOWS]-() } + COUNT { (c)-[:MEMBER_OF]->() })
     } AS base
WITH p, pc, team, needs, x, c, home, recent, km, covered, levels,
     reduce(ids = [], n IN covered | ids + n.ids) AS meeting, exact, base
WITH p, pc, team, needs, x, c, home, recent, km, base {
       .*,
       needs: exact + $narrower * (size(covered) - exact),
       gap: toFloat(size([n IN covered WHERE NOT n.team_covers])),
       level: reduce(best = 0.0, s IN levels |
                CASE WHEN s[0] IN meeting AND (s[1] - 1) / 4.0 > best
                     THEN (s[1] - 1) / 4.0 ELSE best END)
     } AS features
WITH p, pc, team, needs, x, c, home, recent, km, features,
     reduce(s = -$load * recent / $cap, f IN keys($weights) | s + $weights[f] * coalesce(features[f], 0.0)) AS score
ORDER BY score DESC, c.id
LIMIT $limit
RETURN p {.id, .name, city: pc {.id, .name}} AS project, needs,
       collect(CASE WHEN c IS NOT NULL THEN {
         member: c {.id, .name}, city: home {.id, .name}, distance_km: km, hops: x.hops,
         via: [v IN coalesce(x.via, []) | [m IN v | m {.id, .name}]],
         connections: CASE x.hops WHEN 1 THEN x.direct WHEN 2 THEN x.common ELSE 0 END,
         features: features, recent: recent, score: score,
         skills: COLLECT { MATCH (c)-[h:HAS_SKILL]->(k:Skill)
                           RETURN {id: k.id, name: k.name, level: h.level} ORDER BY k.id },
         found_by: ['network', 'same_city', 'radius', 'remote'][x.tier]} END) AS introductions
