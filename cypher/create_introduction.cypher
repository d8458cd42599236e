// Returns `id` of the new introduction: from the requester to the target, about a project or a
// need, through an intermediary if given; all ids were checked by the caller in this transaction.
// Params: $introduction (map: id, status, created_at, requester_id, target_id, project_id,
//   need_id, through_id, message; nulls allowed), $about_project (bool)
// Cost: a few unique-index seeks.
MATCH (r:Member {id: $introduction.requester_id})
MATCH (t:Member {id: $introduction.target_id})
CREATE (i:Introduction)
SET i = $introduction
CREATE (i)-[:FROM]->(r)
CREATE (i)-[:TO]->(t)
WITH i
CALL (i) {
  MATCH (p:Project {id: $introduction.project_id}) WHERE $about_project
  CREATE (i)-[:ABOUT]->(p)
}
CALL (i) {
  MATCH (n:Need {id: $introduction.need_id})
  CREATE (i)-[:ABOUT]->(n)
}
CALL (i) {
  MATCH (m:Member {id: $introduction.through_id})
  CREATE (i)-[:THROUGH]->(m)
}
RETURN i.id AS id
