// Returns `id` and `status` of the introduction after the target's decision. Accepting makes
// requester and target acquaintances (unless they already are) and, for a project or a
// project's need, makes the target a contributor of that project (unless already a member).
// Params: $id, $status (accepted or declined)
// Cost: one unique-index seek and the parties' relationships.
MATCH (i:Introduction {id: $id, status: 'proposed'})
MATCH (i)-[:FROM]->(r:Member)
MATCH (i)-[:TO]->(t:Member)
SET i.status = $status, i.decided_at = datetime()
WITH i, r, t
CALL (i, r, t) {
  WITH i, r, t WHERE $status = 'accepted' AND NOT EXISTS { (r)-[:KNOWS]-(t) }
  CREATE (r)-[:KNOWS {since: date()}]->(t)
}
CALL (i, t) {
  WITH i, t WHERE $status = 'accepted'
  OPTIONAL MATCH (i)-[:ABOUT]->(direct:Project)
  OPTIONAL MATCH (i)-[:ABOUT]->(:Need)<-[:HAS_NEED]-(owner:Project)
  WITH t, coalesce(direct, owner) AS p
  WHERE p IS NOT NULL AND NOT EXISTS { (t)-[:MEMBER_OF]->(p) }
  CREATE (t)-[:MEMBER_OF {role: 'contributor', since: date()}]->(p)
}
RETURN i.id AS id, i.status AS status
