// Returns `hidden` (how many of the given memberships were deleted), `reopened` (ids of the
// members whose filled needs of the project are open again, as before they joined) and
// `unknown` ([[a, b]] acquaintances deleted because only the join explains them: KNOWS between
// a hidden member and the rest of the team dated on or after the join or, when either date is
// missing, those no other shared project explains: undated links must not leak the join, as
// in a graph that derives acquaintance from co-membership). The offline evaluation
// and `graphsvc tune` run it inside a transaction that they roll back: nothing is ever lost.
// Params: $project_id, $member_ids
// Cost: the project's memberships and needs, the hidden members' acquaintances.
MATCH (p:Project {id: $project_id})
CALL (p) {
  MATCH (p)-[:HAS_NEED]->(n:Need {status: 'filled'})
  WHERE n.filled_by IN $member_ids
  WITH n, n.filled_by AS member_id
  SET n.status = 'open', n.filled_by = null, n.filled_at = null
  RETURN collect(DISTINCT member_id) AS reopened
}
CALL (p) {
  MATCH (m:Member)-[r:MEMBER_OF]->(p)
  WHERE m.id IN $member_ids
  OPTIONAL MATCH (m)-[k:KNOWS]-(t:Member)-[:MEMBER_OF]->(p)
  WHERE NOT t.id IN $member_ids
    AND CASE WHEN r.since IS NOT NULL AND k.since IS NOT NULL THEN k.since >= r.since
             ELSE NOT EXISTS { (m)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(t) WHERE q <> p } END
  WITH r, collect(k) AS links, [pair IN collect([m.id, t.id]) WHERE pair[1] IS NOT NULL] AS pairs
  FOREACH (k IN links | DELETE k)
  DELETE r
  RETURN count(r) AS hidden, reduce(all = [], x IN collect(pairs) | all + x) AS unknown
}
RETURN hidden, reopened, unknown
