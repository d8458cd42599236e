// Returns `id` of the new skill (a duplicate id fails on the skill_id constraint: 409).
// Params: $skill (map of Skill properties, id included)
// Cost: one unique-index check.
CREATE (s:Skill)
SET s = $skill
RETURN s.id AS id
