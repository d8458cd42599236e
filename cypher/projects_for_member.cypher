// Returns up to $limit projects whose open needs the member can meet with a skill they hold
// (exactly or a narrower one, at most 3 levels down), based within $radius_km of $center or,
// when $remote, anywhere for remote needs: `id`, `name`, `city` {id, name}, `distance_km`,
// `covers` [{need_id, need_title, remote, skill_id, skill_name, held_id, held_name, depth,
// level}], `team_contacts` (team members the member knows, by name). Projects the member
// belongs to or declined an introduction for are left out.
// Params: $member_id, $center (point), $radius_km, $remote (bool), $limit
// Cost: from the member's skills through the taxonomy to the needs requiring them.
MATCH (me:Member {id: $member_id})-[h:HAS_SKILL]->(k:Skill)
MATCH path = (k)-[:BROADER*0..3]->(s:Skill)<-[:REQUIRES]-(n:Need {status: 'open'})<-[:HAS_NEED]-(p:Project)
WHERE NOT EXISTS { (me)-[:MEMBER_OF]->(p) }
MATCH (p)-[:BASED_IN]->(c:City)
WITH me, p, c, n, s, k, h, length(path) - 2 AS depth,
     point.distance(c.location, $center) / 1000.0 AS km
WHERE (km <= $radius_km OR ($remote AND n.remote))
  AND NOT EXISTS {
    MATCH (i:Introduction {status: 'declined'})-[:TO]->(me) WHERE i.project_id = p.id
  }
WITH me, p, c, km,
     collect({need_id: n.id, need_title: n.title, remote: n.remote, skill_id: s.id,
              skill_name: s.name, held_id: k.id, held_name: k.name, depth: depth,
              level: h.level}) AS covers
RETURN p.id AS id, p.name AS name, c {.id, .name} AS city, km AS distance_km, covers,
       COLLECT { MATCH (me)-[:KNOWS]-(t:Member)-[:MEMBER_OF]->(p) WHERE t.consent
                 RETURN t {.id, .name} ORDER BY t.name, t.id } AS team_contacts
ORDER BY size(covers) DESC, km, id
LIMIT $limit
