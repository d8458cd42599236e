// Returns one row per link from a member of $ids to a consenting member: `from`, `to`, `name`
// (of `to`), `project_id` and `project_name` (null for KNOWS, else the shared project that
// links them). Links are KNOWS in either direction, or membership of a same project other
// than $exclude_project_id. With $holding (skill ids), only members holding one of them are
// returned: the last ring of the breadth-first search behind introductions needs no others.
// Params: $ids (member ids), $exclude_project_id (or null), $holding (list or null)
// Cost: the KNOWS and MEMBER_OF relationships of the given members and their projects' teams.
UNWIND $ids AS id
MATCH (a:Member {id: id})
CALL (a) {
  MATCH (a)-[:KNOWS]-(b:Member)
  WHERE b.consent
  RETURN b, null AS q
  UNION
  MATCH (a)-[:MEMBER_OF]->(q:Project)<-[:MEMBER_OF]-(b:Member)
  WHERE b.consent AND b <> a AND q.id <> coalesce($exclude_project_id, '')
  RETURN b, q
}
WITH a, b, q
WHERE $holding IS NULL OR EXISTS { (b)-[:HAS_SKILL]->(k:Skill) WHERE k.id IN $holding }
RETURN DISTINCT a.id AS from, b.id AS to, b.name AS name, q.id AS project_id, q.name AS project_name
