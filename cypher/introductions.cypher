// Returns one row, or none if the owner is unknown: `owner` {id, name, consent, kind, city {id, name}}
// (the project $project_id, or whoever has the need $need_id: a project or a member), `needs`
// (every need of the owner, or the one need $need_id:
// {need_id, need_title, open, remote, skill_id, skill_name, team_covers, held: [{id, depth}]
// the skills that meet it, itself and up to 3 levels narrower}) and `introductions`: at most
// $limit candidates, need first, each {member {id, name}, city {id, name}, distance_km, hops,
// via, connections, features, recent, skills [{id, name, level}], found_by, band, score}.
// Candidates are consenting non-members reached by a walk from the consenting team (a member
// owner is a team of one) over the member-project graph (KNOWS either way, or a shared project
// other than this one): `walk1`/`walk2` are the walk's mass after 1 and 2 member steps (a
// truncated personalized PageRank: a member spreads its mass evenly over its acquaintances and
// projects, a project over its members); `common` and `adamic_adar` count the team's neighbours
// they are linked to, `ties` the memberships they share with the team and `resource` the sum of
// 1/size of those projects. Holders of a skill that meets an open need are also found by place:
// in the owner's city or $city_id (`same_city`), within $radius_km of it (`radius`), then
// anywhere for remote needs when $remote (`remote`), the best fitting first (sum of their
// levels in those skills; for remote needs, among the first 10 × $pool holders read). This runs with $widen, with $fresh > 0, or when the walk finds fewer
// than $limit who meet a need.
// Order: `band` 0 = meets an open need and reached by the walk, 1 same city, 2 radius,
// 3 remote, 4 = reached by the walk but meets no open need (left out with $holders_only); by
// the linear model $weights within a band. The last $fresh places go to the best of bands
// 1-3 when band 0 fills the rest (people the team does not know yet).
// Left out: the team, members who declined an introduction to this project or need, members
// with $cap or more introductions since $since_ms (milliseconds since the epoch).
// Params: $project_id, $need_id (one of them null), $max_hops (1 or 2), $beam, $max_degree,
//   $pool, $limit, $fresh, $holders_only, $weights, $since_ms, $cap, $load, $narrower,
//   $distance_scale_km, $widen, $city_id, $radius_km, $remote
// Cost: bounded, one round trip. Step 1 expands every consenting team member; step 2 only the
// $beam members with the most mass, and none with over $max_degree links (supernodes pass no
// mass on); features for at most $pool walk candidates and $pool found by place.
CALL () {
  MATCH (owner:Project {id: $project_id}) RETURN owner
  UNION
  MATCH (owner)-[:HAS_NEED]->(:Need {id: $need_id}) RETURN owner
}
OPTIONAL MATCH (owner)-[:BASED_IN|LIVES_IN]->(pc:City)
OPTIONAL MATCH (asked:City {id: $city_id})
WITH owner AS p, pc, CASE WHEN $city_id IS NULL THEN pc ELSE asked END AS place,
     COLLECT { MATCH (t:Member)-[:MEMBER_OF]->(owner) RETURN t ORDER BY t.id }
       + CASE WHEN owner:Member THEN [owner] ELSE [] END AS members
WITH p, pc, place, members, [t IN members WHERE t.consent] AS team,
     COLLECT {
       UNWIND members AS t
       MATCH (t)-[:HAS_SKILL]->(:Skill)-[:BROADER*0..3]->(up:Skill)
       RETURN DISTINCT up.id
     } AS team_covers,
     COLLECT {
       UNWIND members AS t
       MATCH (t)-[:HAS_SKILL]->(k:Skill)
       RETURN DISTINCT k.id
     } AS team_skills
WITH p, pc, place, members, team, team_skills,
     COLLECT {
       MATCH (p)-[:HAS_NEED]->(n:Need)-[:REQUIRES]->(s:Skill)
       WHERE $need_id IS NULL OR n.id = $need_id
       RETURN {need_id: n.id, need_title: n.title, open: n.status = 'open', remote: n.remote,
               skill_id: s.id, skill_name: s.name, team_covers: s.id IN team_covers,
               held: COLLECT { MATCH path = (k:Skill)-[:BROADER*0..3]->(s)
                               RETURN {id: k.id, depth: length(path)} }}
       ORDER BY n.id, s.id
     } AS needs
WITH p, pc, place, members, team, team_skills, needs,
     COLLECT {
       MATCH (i:Introduction {project_id: p.id, status: 'declined'})-[:TO]->(d:Member)
       RETURN d
       UNION
       MATCH (:Need {id: $need_id})<-[:ABOUT]-(i:Introduction {status: 'declined'})-[:TO]->(d:Member)
       RETURN d
     } AS declined,
     [n IN needs WHERE n.open | n {.skill_id, .remote, .team_covers, ids: [h IN n.held | h.id]}] AS open_needs,
     [n IN needs WHERE NOT n.open | [h IN n.held | h.id]] AS past_needs
WITH *, reduce(ids = [], n IN open_needs | ids + n.ids) AS meeting,
     reduce(ids = [], n IN [n IN open_needs WHERE n.remote] | ids + n.ids) AS remote_meeting
WITH *, COLLECT { MATCH (k:Skill) WHERE k.id IN meeting RETURN k } AS meeting_skills
// The walk. Rows carry nodes, never their properties: names are read for the results only.
CALL (p, members, team, declined, meeting_skills) {
  CALL (p, members, team) {
    UNWIND team AS t
    WITH p, members, toFloat(size(team)) AS n, t,
         COUNT { (t)-[:KNOWS]-() } + COUNT { (t)-[:MEMBER_OF]->(q) WHERE q <> p } AS degree
    CALL (p, t) {
      MATCH (t)-[:KNOWS]-(b:Member) RETURN b, null AS q, 1.0 AS share
      UNION ALL
      MATCH (t)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(b:Member) WHERE q <> p AND b <> t
      RETURN b, q, 1.0 / COUNT { (q)<-[:MEMBER_OF]-() } AS share
    }
    WITH members, n, t, degree, b, q, share WHERE NOT b IN members
    WITH b, sum(share / n / degree) AS walk1, count(DISTINCT t) AS direct, count(q) AS ties,
         sum(CASE WHEN q IS NULL THEN 0.0 ELSE share END) AS resource, collect([t, q])[..3] AS via
    WHERE b.consent
    ORDER BY walk1 DESC, b.id
    RETURN collect({node: b, walk1: walk1, direct: direct, ties: ties, resource: resource,
                    via: via}) AS ring1
  }
  CALL (p, members, ring1) {
    UNWIND ring1 AS r
    RETURN r.node AS c, r.walk1 AS walk1, 0.0 AS walk2, r.direct AS direct, 0 AS common,
           0.0 AS adamic_adar, r.ties AS ties, r.resource AS resource, 1 AS hops, r.via AS via
    UNION ALL
    UNWIND ring1[..$beam] AS r
    WITH p, members, r, r.node AS b WHERE $max_hops >= 2
    WITH p, members, r.walk1 AS walk1, r.via[0] AS up, b,
         COUNT { (b)-[:KNOWS]-() } + COUNT { (b)-[:MEMBER_OF]->() } AS spread,
         COUNT { (b)-[:KNOWS]-() }
           + reduce(total = 0, others IN COLLECT {
               MATCH (b)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
             } | total + others) AS degree
    WHERE degree <= $max_degree
    CALL (p, b) {
      MATCH (b)-[:KNOWS]-(c:Member) RETURN c, null AS q, 1.0 AS share
      UNION ALL
      MATCH (b)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(c:Member) WHERE q <> p AND c <> b
      RETURN c, q, 1.0 / COUNT { (q)<-[:MEMBER_OF]-() } AS share
    }
    WITH members, walk1, up, b, spread, degree, c, q, share WHERE NOT c IN members
    WITH c, walk1, up, b, spread, degree, sum(share) AS links, collect(q)[0] AS q
    WITH c, sum(walk1 * links / spread) AS walk2, count(b) AS common,
         sum(1.0 / log(CASE WHEN degree < 3 THEN 3 ELSE degree END)) AS adamic_adar,
         collect([b, q] + up)[..3] AS via
    WHERE c.consent
    RETURN c, 0.0 AS walk1, walk2, 0 AS direct, common, adamic_adar, 0 AS ties,
           0.0 AS resource, 2 AS hops, via
  }
  WITH c, sum(walk1) AS walk1, sum(walk2) AS walk2, max(direct) AS direct, sum(common) AS common,
       sum(adamic_adar) AS adamic_adar, max(ties) AS ties, max(resource) AS resource,
       min(hops) AS hops, collect(via) AS vias
  WHERE NOT c IN declined
  // Those who meet an open need enter the pool first, among the 4 × $pool with the most mass
  // (checking every one reached, two thousand at 400,000 members, was most of the work).
  ORDER BY walk1 + walk2 DESC, c.id
  LIMIT 4 * $pool
  WITH *, EXISTS { (c)-[:HAS_SKILL]->(k:Skill) WHERE k IN meeting_skills } AS meets
  ORDER BY meets DESC, walk1 + walk2 DESC, c.id
  LIMIT $pool
  RETURN collect({node: c, tier: 0, meets: meets, walk1: walk1, walk2: walk2, direct: direct,
                  common: common, adamic_adar: adamic_adar, ties: ties, resource: resource,
                  hops: hops, via: vias[0]}) AS network
}
// By place: the city, the radius, remote. Members of the city who hold a skill that meets an
// open need are found from the city's members or from the skills' holders, whichever is fewer
// by their degrees (a large city and a rare skill, or a small city and a common one, never
// reads the many).
CALL (p, place, members, declined, meeting_skills, remote_meeting, network) {
  WITH p, place, members, declined, meeting_skills, remote_meeting, network,
       [x IN network | x.node] AS reached
  WHERE $widen OR $fresh > 0 OR size([x IN network WHERE x.meets]) < $limit
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
    MATCH (:Skill {id: skill_id})<-[h:HAS_SKILL]-(c:Member)
    WHERE c.consent AND NOT c IN members AND NOT c IN reached
    // At most ten times the pool is read: a common skill has thousands of holders (56,000
    // expansions for one project at 400,000 members when all were read).
    WITH c, h LIMIT 10 * $pool
    WITH c, sum(h.level) AS fit
    ORDER BY fit DESC, c.id
    LIMIT $pool
    RETURN c, 3 AS tier
  }
  WITH c, min(tier) AS tier
  WHERE NOT c IN declined
  WITH c, tier, COLLECT { MATCH (c)-[h:HAS_SKILL]->(k:Skill) WHERE k IN meeting_skills RETURN h.level } AS fits
  ORDER BY tier, reduce(total = 0, level IN fits | total + level) DESC, c.id
  LIMIT $pool
  RETURN collect({node: c, tier: tier, meets: true, walk1: 0.0, walk2: 0.0, direct: 0,
                  common: 0, adamic_adar: 0.0, ties: 0, resource: 0.0, hops: null,
                  via: null}) AS placed
}
// Features and the model's score, for the pool only. A row with no one (null) keeps the
// owner's row when nobody is found.
UNWIND CASE WHEN network + placed = [] THEN [null] ELSE network + placed END AS x
WITH p, pc, place, team, team_skills, needs, open_needs, past_needs, x, x.node AS c,
     datetime({epochMillis: $since_ms}) AS since
OPTIONAL MATCH (c)-[:LIVES_IN]->(home:City)
WITH p, pc, place, team, team_skills, needs, open_needs, past_needs, x, c, home,
     COUNT { (i:Introduction)-[:TO]->(c) WHERE i.created_at >= since } AS recent,
     COLLECT { MATCH (c)-[h:HAS_SKILL]->(k:Skill) RETURN [k.id, h.level] } AS levels,
     CASE WHEN place IS NULL OR home IS NULL THEN null
          ELSE point.distance(home.location, place.location) / 1000.0 END AS km
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
       ties: log(1 + x.ties),
       intimacy: log((1 + x.resource) / (1 + x.ties)),
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
WITH p, pc, team, needs, x, c, home, recent, km, covered, base {
       .*,
       needs: exact + $narrower * (size(covered) - exact),
       gap: toFloat(size([n IN covered WHERE NOT n.team_covers])),
       level: reduce(best = 0.0, s IN levels |
                CASE WHEN s[0] IN meeting AND (s[1] - 1) / 4.0 > best
                     THEN (s[1] - 1) / 4.0 ELSE best END)
     } AS features
WITH p, pc, needs, x, c, home, recent, km, features,
     CASE WHEN size(covered) = 0 THEN 4 ELSE x.tier END AS band,
     reduce(s = -$load * recent / $cap, f IN keys($weights) | s + $weights[f] * coalesce(features[f], 0.0)) AS score
ORDER BY band, score DESC, c.id
WITH p, pc, needs,
     collect(CASE WHEN c IS NOT NULL AND recent < $cap AND (band < 4 OR NOT $holders_only)
                  THEN {x: x, c: c, home: home, recent: recent, km: km, features: features,
                        band: band, score: score} END) AS ranked
// The head in need-first order; then, when the network filled it, the best people found by
// place take the $fresh places left before anyone else.
WITH p, pc, needs, ranked[..$limit - $fresh] AS head, ranked[$limit - $fresh..] AS rest
WITH p, pc, needs, head, rest, [r IN rest WHERE r.band IN [1, 2, 3]][..$fresh] AS fresh
WITH p, pc, needs, head, rest, [r IN fresh | r.c] AS chosen
WITH p, pc, needs, head, rest,
     chosen + [r IN [r IN rest WHERE NOT r.c IN chosen][..$limit - size(head) - size(chosen)] | r.c] AS kept
UNWIND CASE WHEN head = [] AND kept = [] THEN [null]
            ELSE head + [r IN rest WHERE r.c IN kept] END AS r
WITH p, pc, needs, r, r.c AS c, r.home AS home, r.x AS x
RETURN p {.id, .name, consent: coalesce(p.consent, true), kind: CASE WHEN p:Project THEN 'project' ELSE 'member' END,
          city: pc {.id, .name}} AS owner, needs,
       collect(CASE WHEN c IS NOT NULL THEN {
         member: c {.id, .name}, city: home {.id, .name}, distance_km: r.km, hops: x.hops,
         via: [v IN coalesce(x.via, []) | [m IN v | m {.id, .name}]],
         connections: CASE x.hops WHEN 1 THEN x.direct WHEN 2 THEN x.common ELSE 0 END,
         features: r.features, recent: r.recent, score: r.score, band: r.band,
         skills: COLLECT { MATCH (c)-[h:HAS_SKILL]->(k:Skill)
                           RETURN {id: k.id, name: k.name, level: h.level} ORDER BY k.id },
         found_by: ['network', 'same_city', 'radius', 'remote'][x.tier]} END) AS introductions
