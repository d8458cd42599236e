// Returns one row, or none if the member is unknown: `member` {id, name, consent, city} {id, name, city {id, name}},
// `skills` [{id, name, level}] and `projects`: the $limit best projects for the member by the linear model $weights (the
// introductions' features, seen from the member's side), each {project {id, name, city {id,
// name}}, distance_km, hops, features, score, found_by (network | same_city | radius | remote), needs
// [{need_id, need_title, remote, skill_id, skill_name, held_id, held_name, level, depth}] (its
// open needs the member can meet), team_contacts [{id, name}] (team members they know)}.
// Candidates: projects of the consenting members the member's walk reaches in one or two steps
// (their mass turned into the team-to-member direction: P(t, me) = P(me, t) deg(me) / deg(t)),
// and projects with an open need the member's skills meet (exactly or through a narrower skill)
// within $radius_km of the member's city ($city_id if given) or, when $remote, anywhere for
// remote needs: the $place_pool nearby first, with the most such needs, closest. Left out: the
// member's own projects and those they declined an introduction to.
// Params: $member_id, $city_id, $radius_km, $remote, $limit, $beam, $max_degree, $pool,
//   $place_pool, $weights, $narrower, $distance_scale_km
// Cost: bounded like introductions_for_project: step 2 expands at most $beam members of at most
// $max_degree links; features for at most $pool projects by the walk and $place_pool by place.
MATCH (me:Member {id: $member_id})
OPTIONAL MATCH (me)-[:LIVES_IN]->(home:City)
OPTIONAL MATCH (asked:City {id: $city_id})
WITH me, home, CASE WHEN $city_id IS NULL THEN home ELSE asked END AS place,
     COLLECT { MATCH (me)-[:MEMBER_OF]->(q:Project) RETURN q } AS mine,
     COLLECT {
       MATCH (me)-[h:HAS_SKILL]->(k:Skill)
       RETURN {id: k.id, name: k.name, level: h.level} ORDER BY k.id
     } AS skills,
     COLLECT {
       MATCH path = (me)-[:HAS_SKILL]->(k:Skill)-[:BROADER*0..3]->(up:Skill)
       RETURN {id: up.id, held: k.id, depth: length(path) - 1}
     } AS reach,
     COUNT { (me)-[:KNOWS]-() }
       + reduce(total = 0, others IN COLLECT {
           MATCH (me)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
         } | total + others) AS degree
// Per member, once: the skills it meets (distinct), the best level it brings to each, its
// popularity and the projects it declined.
WITH me, home, place, mine, skills, reach, degree, [k IN skills | k.id] AS held,
     COLLECT { UNWIND reach AS r RETURN DISTINCT r.id } AS meets,
     COLLECT {
       UNWIND reach AS r
       WITH DISTINCT r.id AS id
       MATCH (:Skill {id: id})<-[:BROADER*0..3]-(k:Skill)
       RETURN [id, k.id]
     } AS meeting,
     [r IN reach | {id: r.id, level: reduce(best = 0.0, k IN skills |
        CASE WHEN k.id = r.held AND (k.level - 1) / 4.0 > best THEN (k.level - 1) / 4.0 ELSE best END)}] AS levels,
     log(1 + COUNT { (me)-[:KNOWS]-() } + COUNT { (me)-[:MEMBER_OF]->() }) AS popularity,
     COLLECT { MATCH (i:Introduction {status: 'declined'})-[:TO]->(me) RETURN i.project_id } AS declined
// The walk from the member, then the projects of the members it reaches.
CALL (me, mine, degree) {
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
    RETURN r.node AS x, r.mass AS walk1, 0.0 AS walk2, 0 AS common, 0.0 AS adamic_adar
    UNION ALL
    UNWIND ring1[..$beam] AS r
    WITH me, r.mass AS mass, r.node AS b WHERE $max_degree > 0
    WITH me, mass, b,
         COUNT { (b)-[:KNOWS]-() }
           + reduce(total = 0, others IN COLLECT {
               MATCH (b)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
             } | total + others) AS degree
    WHERE degree <= $max_degree
    CALL (b) {
      MATCH (b)-[:KNOWS]-(x:Member) RETURN x
      UNION ALL
      MATCH (b)-[:MEMBER_OF]->(:Project)<-[:MEMBER_OF]-(x:Member) WHERE x <> b RETURN x
    }
    WITH me, mass, b, degree, x WHERE x <> me
    WITH x, mass, b, degree, count(*) AS links
    WITH x, sum(mass * links / degree) AS walk2, count(b) AS common,
         sum(1.0 / log(CASE WHEN degree < 3 THEN 3 ELSE degree END)) AS adamic_adar
    WHERE x.consent
    RETURN x, 0.0 AS walk1, walk2, common, adamic_adar
  }
  WITH mine, x, sum(walk1) AS walk1, sum(walk2) AS walk2, sum(common) AS common,
       sum(adamic_adar) AS adamic_adar
  MATCH (x)-[:MEMBER_OF]->(q:Project)
  WHERE NOT q IN mine
  WITH q, x, walk1, walk2, common, adamic_adar,
       COUNT { (x)-[:KNOWS]-() }
         + reduce(total = 0, others IN COLLECT {
             MATCH (x)-[:MEMBER_OF]->(shared:Project) RETURN COUNT { (shared)<-[:MEMBER_OF]-() } - 1
           } | total + others) AS x_degree,
       COUNT { (t:Member)-[:MEMBER_OF]->(q) WHERE t.consent } AS team_size
  WITH q, sum(walk1 * degree / x_degree / team_size) AS walk1,
       sum(walk2 * degree / x_degree / team_size) AS walk2,
       sum(CASE WHEN walk1 > 0 THEN 1 ELSE 0 END) AS direct, sum(common) AS common,
       sum(adamic_adar) AS adamic_adar
  ORDER BY walk1 + walk2 DESC, q.id
  LIMIT $pool
  RETURN collect({project: q, tier: 0, walk1: walk1, walk2: walk2, direct: direct,
                  common: common, adamic_adar: adamic_adar}) AS network
}
// Projects with an open need the member can meet, near the member or remote: the $place_pool
// nearby first, with the most such needs, then the closest. Found in one of two ways, whichever
// reads fewer needs (degrees and the count store cost nothing to read): from the member's skills,
// one pass over every open need they meet, near and far; or, when the projects of the cities
// within $radius_km have fewer needs and are enough to fill the pool, from those cities, with a
// pass over remote needs only if the cities gave fewer than $place_pool.
CALL (me, place, mine, meets, network) {
  WITH place, mine, [x IN network | x.project] AS reached,
       COLLECT { MATCH (k:Skill) WHERE k.id IN meets RETURN k } AS meeting_skills,
       COLLECT {
         MATCH (c:City) WHERE point.distance(c.location, place.location) <= 1000 * $radius_km
         RETURN c
       } AS cities
  WITH *, reduce(total = 0, c IN cities | total + COUNT { (c)<-[:BASED_IN]-() }) AS near_projects
  WITH *, near_projects * COUNT { (:Project)-[:HAS_NEED]->() } / (COUNT { (:Project) } + 1) <
          reduce(total = 0, k IN meeting_skills | total + COUNT { (k)<-[:REQUIRES]-() })
          AND (near_projects >= $place_pool OR NOT $remote) AS cities_first
  CALL (place, mine, reached, meeting_skills, cities_first) {
    WITH * WHERE NOT cities_first
    UNWIND meeting_skills AS k
    MATCH (k)<-[:REQUIRES]-(n:Need {status: 'open'})<-[:HAS_NEED]-(q:Project)
    WHERE NOT q IN mine AND NOT q IN reached
    OPTIONAL MATCH (q)-[:BASED_IN]->(c:City)  // a project with no city is found for remote needs
    WITH place, q, c, collect(n.remote) AS remotes
    WITH q, remotes, point.distance(c.location, place.location) AS metres
    WITH q, remotes, metres, CASE
           WHEN metres <= 1000 * $radius_km THEN 1
           WHEN $remote AND any(r IN remotes WHERE r) THEN 2
         END AS tier
    WHERE tier IS NOT NULL
    ORDER BY tier, size(remotes) DESC, metres, q.id
    LIMIT $place_pool
    RETURN collect({project: q, tier: tier}) AS found_from_skills
  }
  OPTIONAL CALL (place, mine, reached, meeting_skills, cities, cities_first) {  // no row if not
    WITH * WHERE cities_first
    CALL (place, mine, reached, meeting_skills, cities) {
      UNWIND cities AS c
      MATCH (c)<-[:BASED_IN]-(q:Project)-[:HAS_NEED]->(:Need {status: 'open'})-[:REQUIRES]->(k:Skill)
      WHERE k IN meeting_skills AND NOT q IN mine AND NOT q IN reached
      WITH q, point.distance(c.location, place.location) AS metres, count(*) AS met
      ORDER BY met DESC, metres, q.id
      LIMIT $place_pool
      RETURN collect(q) AS nearby
    }
    CALL (place, mine, reached, meeting_skills, nearby) {
      WITH * WHERE $remote AND size(nearby) < $place_pool
      UNWIND meeting_skills AS k
      MATCH (k)<-[:REQUIRES]-(:Need {status: 'open', remote: true})<-[:HAS_NEED]-(q:Project)
      WHERE NOT q IN mine AND NOT q IN reached AND NOT q IN nearby
      WITH DISTINCT place, meeting_skills, q
      OPTIONAL MATCH (q)-[:BASED_IN]->(c:City)
      WITH q, point.distance(c.location, place.location) AS metres,
           COUNT {
             (q)-[:HAS_NEED]->(:Need {status: 'open'})-[:REQUIRES]->(k:Skill) WHERE k IN meeting_skills
           } AS met
      ORDER BY met DESC, metres, q.id
      LIMIT $place_pool
      RETURN collect(q) AS far
    }
    RETURN [q IN nearby | {project: q, tier: 1}]
         + [q IN far[..$place_pool - size(nearby)] | {project: q, tier: 2}] AS found_from_cities
  }
  RETURN [p IN found_from_skills + coalesce(found_from_cities, []) |
          p {.*, walk1: 0.0, walk2: 0.0, direct: 0, common: 0, adamic_adar: 0.0}] AS placed
}
UNWIND CASE WHEN network + placed = [] THEN [null] ELSE network + placed END AS x
WITH me, home, place, skills, reach, held, meeting, meets, levels, popularity, x, x.project AS q
WHERE q IS NULL OR NOT q.id IN declined
OPTIONAL MATCH (q)-[:BASED_IN]->(c:City)
WITH me, home, place, skills, reach, held, meeting, meets, levels, popularity, x, q, c,
     COLLECT {
       MATCH (q)-[:HAS_NEED]->(n:Need)-[:REQUIRES]->(s:Skill)
       RETURN {need_id: n.id, need_title: n.title, open: n.status = 'open', remote: n.remote,
               skill_id: s.id, skill_name: s.name}
       ORDER BY n.id, s.id
     } AS needs,
     CASE WHEN place IS NULL OR c IS NULL THEN null
          ELSE point.distance(c.location, place.location) / 1000.0 END AS km
WITH me, home, skills, reach, held, meeting, meets, levels, popularity, x, q, c, km,
     [n IN needs WHERE n.open] AS open_needs, [n IN needs WHERE NOT n.open] AS past_needs
WITH me, home, skills, reach, held, meeting, meets, levels, popularity, x, q, c, km, open_needs, past_needs,
     [n IN open_needs WHERE n.skill_id IN meets] AS covered,
     [n IN open_needs WHERE n.skill_id IN held] AS exact
WITH me, home, skills, reach, held, meeting, x, q, c, km, covered, {
       proximity1: log(1 + 1000 * x.walk1),
       proximity2: log(1 + 1000 * x.walk2),
       direct: toFloat(x.direct),
       common: log(1 + x.common),
       adamic_adar: x.adamic_adar,
       needs: size(exact) + $narrower * (size(covered) - size(exact)),
       share: CASE size(open_needs) WHEN 0 THEN 0.0 ELSE toFloat(size(covered)) / size(open_needs) END,
       past_fit: toFloat(size([n IN past_needs WHERE n.skill_id IN meets])),
       distance: CASE WHEN km IS NULL THEN 0.0 ELSE exp(-km / $distance_scale_km) END,
       same_city: CASE WHEN home IS NOT NULL AND home = c THEN 1.0 ELSE 0.0 END,
       popularity: popularity,
       level: reduce(best = 0.0, r IN levels |
                CASE WHEN r.level > best AND any(n IN covered WHERE n.skill_id = r.id) THEN r.level ELSE best END)
     } AS features
WITH me, home, skills, reach, held, meeting, x, q, c, km, covered, features,
     reduce(s = 0.0, f IN keys($weights) | s + $weights[f] * coalesce(features[f], 0.0)) AS partial
// The team's side (gaps, shared skills) for the projects that may still make the cut only.
ORDER BY partial DESC, q.id
LIMIT 3 * $limit
WITH me, home, skills, reach, held, meeting, x, q, c, km, covered, features, partial,
     COLLECT { MATCH (q)<-[:MEMBER_OF]-(:Member)-[:HAS_SKILL]->(k:Skill) RETURN DISTINCT k.id } AS team_skills
WITH me, home, skills, reach, x, q, c, km, covered, partial,
     features {
       .*,
       gap: toFloat(size([n IN covered WHERE none(pair IN meeting
                                               WHERE pair[0] = n.skill_id AND pair[1] IN team_skills)])),
       team_fit: CASE size(held) WHEN 0 THEN 0.0
                 ELSE toFloat(size([k IN team_skills WHERE k IN held])) / size(held) END
     } AS features
WITH me, home, skills, reach, x, q, c, km, covered, features,
     partial + coalesce($weights.gap, 0.0) * features.gap
             + coalesce($weights.team_fit, 0.0) * features.team_fit AS score
ORDER BY score DESC, q.id
LIMIT $limit
WITH me, home, skills, reach, x, q, c, km, covered, features, score,
     COLLECT {
       MATCH (me)-[:KNOWS]-(t:Member)-[:MEMBER_OF]->(q) WHERE t.consent
       RETURN t {.id, .name} ORDER BY t.name, t.id
     } AS team_contacts
RETURN me {.id, .name, .consent, city: home {.id, .name}} AS member, skills,
       collect(CASE WHEN q IS NOT NULL THEN {
         project: q {.id, .name, city: c {.id, .name}}, distance_km: km, features: features,
         score: score, hops: CASE WHEN x.direct > 0 THEN 1 WHEN x.walk2 > 0 THEN 2 END,
         found_by: CASE x.tier WHEN 1 THEN CASE WHEN c = home THEN 'same_city' ELSE 'radius' END
                   ELSE ['network', null, 'remote'][x.tier] END,
         needs: [n IN covered | n {.*, held: [r IN reach WHERE r.id = n.skill_id]}],
         team_contacts: team_contacts} END) AS projects
