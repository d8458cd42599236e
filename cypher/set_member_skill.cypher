// Returns `level` of the member's skill after the change, or no row if the member or the skill is
// unknown. Creates the HAS_SKILL relationship or changes its level.
// Params: $member_id, $skill_id, $level (1-5)
// Cost: two unique-index seeks.
MATCH (m:Member {id: $member_id})
MATCH (s:Skill {id: $skill_id})
MERGE (m)-[r:HAS_SKILL]->(s)
SET r.level = $level
RETURN r.level AS level
