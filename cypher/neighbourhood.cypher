// Returns one row, or none if there is no $kind node with id $id: `nodes` [{id, kind, label,
// consent, links (its number of relationships, all types: its importance)}] and `edges`
// [{source, target, type}] of the graph around it: its neighbours over the relationship types
// $types (1 hop), and with $hops = 2 theirs too; members must live in
// $city_id when it is given, and withdrawn members are left out unless $include_withdrawn. At
// most $limit nodes per hop (a city or a popular skill has thousands of neighbours).
// Params: $kind (member, project, skill, city or need), $id, $hops (1 or 2), $types (list from
//   the fixed relationship types), $city_id (or null), $include_withdrawn, $limit
// Cost: one unique-index seek, then at most $limit expansions per hop; `links` reads each
// node's degree from the store, without expanding it.
CALL () {
  MATCH (n:Member {id: $id}) WHERE $kind = 'member' RETURN n
  UNION
  MATCH (n:Project {id: $id}) WHERE $kind = 'project' RETURN n
  UNION
  MATCH (n:Skill {id: $id}) WHERE $kind = 'skill' RETURN n
  UNION
  MATCH (n:City {id: $id}) WHERE $kind = 'city' RETURN n
  UNION
  MATCH (n:Need {id: $id}) WHERE $kind = 'need' RETURN n
}
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE type(r) IN $types AND NOT m:Introduction
    AND (NOT m:Member OR (
      ($include_withdrawn OR m.consent)
      AND ($city_id IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:City {id: $city_id}) })))
  WITH m, r LIMIT $limit
  RETURN collect(DISTINCT m) AS ring, collect(r) AS near
}
CALL (n, ring) {
  UNWIND CASE WHEN $hops >= 2 THEN ring ELSE [] END AS b
  MATCH (b)-[r]-(m)
  WHERE type(r) IN $types AND m <> n AND NOT m:Introduction
    AND (NOT m:Member OR (
      ($include_withdrawn OR m.consent)
      AND ($city_id IS NULL OR EXISTS { (m)-[:LIVES_IN]->(:City {id: $city_id}) })))
  WITH m, r LIMIT $limit
  RETURN collect(DISTINCT m) AS outer, collect(r) AS far
}
WITH [n] + ring + [m IN outer WHERE NOT m IN ring] AS nodes, near + far AS edges
RETURN [x IN nodes | {
          id: x.id,
          kind: CASE WHEN x:Member THEN 'member' WHEN x:Project THEN 'project'
                     WHEN x:Skill THEN 'skill' WHEN x:City THEN 'city' ELSE 'need' END,
          label: coalesce(x.name, x.title, x.id),
          consent: x.consent,
          links: COUNT { (x)--() }}] AS nodes,
       [e IN edges WHERE startNode(e) IN nodes AND endNode(e) IN nodes |
          {source: startNode(e).id, target: endNode(e).id, type: type(e)}] AS edges
