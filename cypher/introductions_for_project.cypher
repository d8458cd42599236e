// Returns one row, or none if the project is unknown: `project` {id, name, city {id, name}},
// `team_size` (consenting members), `needs` (every need of the project: {need_id, need_title,
// open, remote, skill_id, skill_name, team_covers, held: [{id, depth}] the skills that meet it,
// itself and up to 3 levels narrower}), and `introductions`: the $limit best candidates by the
// linear model $weights, each {member {id, name}, city {id, name}, distance_km, hops, via,
// connections, features, recent, skills [{id, name, level}], found_by, score}.
// Candidates are consenting non-members reached by a walk from the consenting team over the
// social graph (KNOWS either way, or a shared project other than this one): `walk1`/`walk2`
// are the walk's mass after 1 and 2 steps (degree-normalised, a truncated personalized
// PageRank); `common` and `adamic_adar` count the team's neighbours they are linked to. With
// $widen, members who hold a skill that meets an open need are candidates too: in the
// project's city or $city_id (`same_city`), within $radius_km of the centre (`radius`), then
// anywhere for remote needs when $remote (`remote`). All are ranked by score.
// Left out: the team, members who declined an introduction to this project, members with
// $cap or more introductions since $since.
// Params: $project_id, $max_hops (1 or 2), $beam, $max_degree, $pool, $limit, $weights,
//   $since, $cap, $load, $narrower, $distance_scale_km, $center (point or null: the project's
//   city), $widen, $city_id, $radius_km, $remote
// Cost: bounded. Step 1 expands every consenting team member; step 2 only the $beam members
// with the most mass and at most $max_degree links each (supernodes pass mass on no further);
// at most $pool / 4 candidates in the city, $pool farther; features for at most 2 × $pool. One round trip.
MATCH (p:Project {id: $project_id})
OPTIONAL MATCH (p)-[:BASED_IN]->(pc:City)
WITH p, pc, coalesce($center, pc.location) AS center,
     COLLECT { MATCH (t:Member)-[:MEMBER_OF]->(p) RETURN t ORDER BY t.id } AS members
WITH p, pc, center, members, [t IN members WHERE t.consent] AS team,
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
WITH p, pc, center, members, team, team_skills,
     COLLECT {
       MATCH (p)-[:HAS_NEED]->(n:Need)-[:REQUIRES]->(s:Skill)
       RETURN {need_id: n.id, need_title: n.title, open: n.status = 'open', remote: n.remote,
               skill_id: s.id, skill_name: s.name, team_covers: s.id IN team_covers,
               held: COLLECT { MATCH path = (k:Skill)-[:BROADER*0..3]->(s)
                               RETURN {id: k.id, depth: length(path)} }}
       ORDER BY n.id, s.id
     } AS needs
WITH p, pc, center, members, team, team_skills, needs,
     [n IN needs WHERE n.open] AS open_needs, [n IN needs WHERE NOT n.open] AS past_needs
// The walk: step 1 from the team, step 2 from the members with the most mass.
CALL (p, members, team) {
  UNWIND team AS t
  WITH p, members, size(team) AS n, t,
       COUNT { (t)-[:KNOWS]-() } + COUNT { (t)-[:MEMBER_OF]->(:Project)<-[:MEMBER_OF]-(o) WHERE o <> t } AS degree
  CALL (p, t) {
    MATCH (t)-[:KNOWS]-(b:Member) RETURN b, null AS q
    UNION ALL
    MATCH (t)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(b:Member) WHERE q <> p AND b <> t RETURN b, q
  }
  WITH n, t, degree, b, q WHERE b.consent AND NOT b IN members
  WITH b, sum(1.0 / n / degree) AS walk1, count(DISTINCT t) AS direct,
       collect({member: t {.id, .name}, project: q {.id, .name}})[..3] AS via
  WITH b, walk1, direct, via,
       COUNT { (b)-[:KNOWS]-() } + COUNT { (b)-[:MEMBER_OF]->(:Project)<-[:MEMBER_OF]-(o) WHERE o <> b } AS degree
  ORDER BY walk1 DESC, b.id
  RETURN collect({node: b, walk1: walk1, direct: direct, via: via, degree: degree}) AS ring1
}
// One row per way a candidate was found: ring 1, ring 2, or (with $widen) by place.
CALL (p, pc, center, members, open_needs, ring1) {
  UNWIND ring1 AS r
  RETURN r.node AS c, 0 AS tier, r.walk1 AS walk1, 0.0 AS walk2, r.direct AS direct, 0 AS common,
         0.0 AS adamic_adar, 1 AS hops, r.via AS via, 0 AS covers
  UNION ALL
  UNWIND ring1[..$beam] AS r
  WITH p, members, r WHERE $max_hops >= 2 AND r.degree <= $max_degree
  WITH p, members, r, r.node AS b
  CALL (p, b) {
    MATCH (b)-[:KNOWS]-(c:Member) RETURN c, null AS q
    UNION ALL
    MATCH (b)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(c:Member) WHERE q <> p AND c <> b RETURN c, q
  }
  WITH r, b, c, q WHERE c.consent AND NOT c IN members
  WITH r, b, c, count(*) AS links, collect(q)[0] AS q
  WITH c, sum(r.walk1 * links / r.degree) AS walk2, count(b) AS common,
       sum(1.0 / log(CASE WHEN r.degree < 3 THEN 3 ELSE r.degree END)) AS adamic_adar,
       collect({member: b {.id, .name}, project: q {.id, .name}, up: r.via[0]})[..3] AS via
  RETURN c, 0 AS tier, 0.0 AS walk1, walk2, 0 AS direct, common, adamic_adar, 2 AS hops, via,
         0 AS covers
  UNION ALL
  // Widening: members of the project's city (or $city_id) holding a skill an open need wants.
  WITH pc, members, reduce(ids = [], n IN open_needs | ids + [h IN n.held | h.id]) AS meeting
  WHERE $widen
  MATCH (:City {id: coalesce($city_id, pc.id)})<-[:LIVES_IN]-(c:Member)
  WHERE c.consent AND NOT c IN members
  WITH c, COUNT { (c)-[:HAS_SKILL]->(k:Skill) WHERE k.id IN meeting } AS covers
  WHERE covers > 0
  ORDER BY covers DESC, c.id
  LIMIT $pool / 4
  RETURN c, 1 AS tier, 0.0 AS walk1, 0.0 AS walk2, 0 AS direct, 0 AS common, 0.0 AS adamic_adar,
         null AS hops, null AS via, covers
  UNION ALL
  // Widening: holders within $radius_km of the centre, then anywhere for remote needs.
  WITH pc, center, members, open_needs WHERE $widen
  UNWIND open_needs AS need
  UNWIND need.held AS h
  MATCH (:Skill {id: h.id})<-[:HAS_SKILL]-(c:Member)-[:LIVES_IN]->(home:City)
  WHERE c.consent AND NOT c IN members
  WITH pc, center, c, home, collect(need.remote) AS remotes
  WITH pc, c, home, remotes,
       CASE WHEN center IS NULL THEN null ELSE point.distance(home.location, center) / 1000.0 END AS km
  WITH c, size(remotes) AS covers, CASE
         WHEN $radius_km IS NOT NULL AND km <= $radius_km THEN 2
         WHEN $remote AND any(r IN remotes WHERE r) THEN 3
       END AS tier
  WHERE tier IS NOT NULL
  ORDER BY tier, covers DESC, c.id
  LIMIT $pool
  RETURN c, tier, 0.0 AS walk1, 0.0 AS walk2, 0 AS direct, 0 AS common, 0.0 AS adamic_adar,
         null AS hops, null AS via, covers
  UNION ALL
  // A row with no one, so that a project nobody can be found for still gets its one row.
  RETURN null AS c, 9 AS tier, 0.0 AS walk1, 0.0 AS walk2, 0 AS direct, 0 AS common,
         0.0 AS adamic_adar, null AS hops, null AS via, 0 AS covers
}
WITH p, pc, center, team, team_skills, needs, open_needs, past_needs, c,
     min(tier) AS tier, sum(walk1) AS walk1, sum(walk2) AS walk2, max(direct) AS direct,
     sum(common) AS common, sum(adamic_adar) AS adamic_adar, min(hops) AS hops,
     collect(via) AS vias, max(covers) AS covers
WHERE c IS NULL OR NOT EXISTS {
    MATCH (i:Introduction {status: 'declined'})-[:TO]->(c) WHERE i.project_id = $project_id
  }
ORDER BY tier, walk1 + walk2 DESC, covers DESC, c.id
LIMIT 2 * $pool
// Features and the model's score, for the pool only.
OPTIONAL MATCH (c)-[:LIVES_IN]->(home:City)
WITH p, pc, center, team, team_skills, needs, open_needs, past_needs, c, tier, walk1, walk2,
     direct, common, adamic_adar, hops, vias[0] AS via, home,
     COUNT { (i:Introduction)-[:TO]->(c) WHERE i.created_at >= $since } AS recent,
     COLLECT { MATCH (c)-[h:HAS_SKILL]->(k:Skill) RETURN {id: k.id, name: k.name, level: h.level} } AS skills,
     COUNT { (c)-[:KNOWS]-() } + COUNT { (c)-[:MEMBER_OF]->(:Project)<-[:MEMBER_OF]-(o) WHERE o <> c } AS degree,
     CASE WHEN center IS NULL OR home IS NULL THEN null
          ELSE point.distance(home.location, center) / 1000.0 END AS km
WHERE recent < $cap
WITH p, pc, team, team_skills, needs, open_needs, past_needs, c, tier, walk1, walk2, direct,
     common, adamic_adar, hops, via, home, recent, skills, degree, km, [k IN skills | k.id] AS held
WITH p, pc, team, needs, c, tier, hops, via, home, recent, skills, km,
     CASE hops WHEN 1 THEN direct WHEN 2 THEN common ELSE 0 END AS connections,
     [n IN open_needs WHERE any(h IN n.held WHERE h.id IN held)] AS covered,
     [n IN open_needs WHERE any(h IN n.held WHERE h.depth = 0 AND h.id IN held)] AS exact, {
       proximity1: log(1 + 1000 * walk1),
       proximity2: log(1 + 1000 * walk2),
       direct: toFloat(direct),
       common: log(1 + common),
       adamic_adar: adamic_adar,
       share: CASE size(open_needs) WHEN 0 THEN 0.0
              ELSE toFloat(size([n IN open_needs WHERE any(h IN n.held WHERE h.id IN held)])) / size(open_needs) END,
       past_fit: toFloat(size([n IN past_needs WHERE any(h IN n.held WHERE h.id IN held)])),
       team_fit: CASE size(held) WHEN 0 THEN 0.0
                 ELSE toFloat(size([k IN held WHERE k IN team_skills])) / size(held) END,
       distance: CASE WHEN km IS NULL THEN 0.0 ELSE exp(-km / $distance_scale_km) END,
       same_city: CASE WHEN home IS NOT NULL AND home = pc THEN 1.0 ELSE 0.0 END,
       popularity: log(1 + degree)
     } AS base
WITH p, pc, team, needs, c, tier, hops, via, home, recent, skills, km, connections, base {
       .*,
       needs: size(exact) + $narrower * (size(covered) - size(exact)),
       gap: toFloat(size([n IN covered WHERE NOT n.team_covers])),
       level: reduce(best = 0.0, k IN skills |
                CASE WHEN (k.level - 1) / 4.0 > best
                      AND any(n IN covered WHERE any(h IN n.held WHERE h.id = k.id))
                     THEN (k.level - 1) / 4.0 ELSE best END)
     } AS features
WITH p, pc, team, needs, c, tier, hops, via, home, recent, skills, km, connections, features,
     reduce(s = -$load * recent / $cap, f IN keys($weights) | s + $weights[f] * features[f]) AS score
ORDER BY score DESC, c.id
LIMIT $limit
RETURN p {.id, .name, city: pc {.id, .name}} AS project, size(team) AS team_size, needs,
       collect(CASE WHEN c IS NOT NULL THEN {
         member: c {.id, .name}, city: home {.id, .name}, distance_km: km, hops: hops, via: via,
         connections: connections,
         features: features, recent: recent, skills: skills, score: score,
         found_by: ['network', 'same_city', 'radius', 'remote'][tier]} END) AS introductions
