// Returns `removed` (1, or 0 when the member does not hold that skill).
// Params: $member_id, $skill_id
// Cost: one unique-index seek and the member's skills.
OPTIONAL MATCH (:Member {id: $member_id})-[r:HAS_SKILL]->(:Skill {id: $skill_id})
DELETE r
RETURN count(r) AS removed
