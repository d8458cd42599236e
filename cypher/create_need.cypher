// Returns `id` of the new need, owned by the project or the member (exactly one of the two ids
// is given) and requiring every skill of $skill_ids; no row if the owner or a skill is unknown.
// Params: $need (map of Need properties, id included), $project_id, $member_id, $skill_ids
// Cost: a few unique-index seeks.
OPTIONAL MATCH (p:Project {id: $project_id})
OPTIONAL MATCH (m:Member {id: $member_id})
WITH coalesce(p, m) AS owner
WHERE owner IS NOT NULL
  AND COUNT { MATCH (s:Skill) WHERE s.id IN $skill_ids } = size($skill_ids)
CREATE (n:Need)
SET n = $need
CREATE (owner)-[:HAS_NEED]->(n)
WITH n
MATCH (s:Skill) WHERE s.id IN $skill_ids
CREATE (n)-[:REQUIRES]->(s)
RETURN DISTINCT n.id AS id
