// Returns `id` and `status` of the introduction this call decided; no row if it is unknown or
// no longer proposed. Accepting makes requester and target acquaintances (unless they already
// are) and, for a project or a project's need, makes the target a contributor of that project
// (unless already a member).
// Params: $id, $status (accepted or declined)
// Exactly once under concurrency: the introduction is write-locked before its status is read;
// the pair and the project are locked as add_acquaintance and add_membership lock them.
// Cost: one unique-index seek and the parties' relationships.
MATCH (i:Introduction {id: $id})
SET i._lock = true
REMOVE i._lock
WITH i WHERE i.status = 'proposed'
MATCH (i)-[:FROM]->(r:Member)
MATCH (i)-[:TO]->(t:Member)
SET i.status = $status, i.decided_at = datetime()
WITH i, r, t
CALL (r, t) {
  WITH r, t, CASE WHEN r.id < t.id THEN r ELSE t END AS first WHERE $status = 'accepted'
  SET first._lock = true
  REMOVE first._lock
  WITH r, t WHERE NOT EXISTS { (r)-[:KNOWS]-(t) }
  CREATE (r)-[:KNOWS {since: date()}]->(t)
}
CALL (i, t) {
  WITH i, t WHERE $status = 'accepted'
  OPTIONAL MATCH (i)-[:ABOUT]->(direct:Project)
  OPTIONAL MATCH (i)-[:ABOUT]->(:Need)<-[:HAS_NEED]-(owner:Project)
  WITH t, coalesce(direct, owner) AS p WHERE p IS NOT NULL
  SET p._lock = true
  REMOVE p._lock
  WITH t, p WHERE NOT EXISTS { (t)-[:MEMBER_OF]->(p) }
  CREATE (t)-[:MEMBER_OF {role: 'contributor', since: date()}]->(p)
}
RETURN i.id AS id, i.status AS status
