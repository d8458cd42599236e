// Returns `id` of the skill whose broader skill was replaced by $broader_id (or removed when it
// is null); no row if either is unknown. The caller refuses cycles first (would_make_cycle).
// Params: $id, $broader_id (or null)
// Cost: two unique-index seeks.
MATCH (s:Skill {id: $id})
OPTIONAL MATCH (s)-[old:BROADER]->(:Skill)
DELETE old
WITH DISTINCT s
CALL (s) {
  MATCH (b:Skill {id: $broader_id})
  CREATE (s)-[:BROADER]->(b)
}
RETURN s.id AS id
