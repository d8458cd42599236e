// Returns `id` of the updated skill, or no row if the id is unknown. Properties in $changes
// replace the skill's (a null removes one).
// Params: $id, $changes (map)
// Cost: one unique-index seek.
MATCH (s:Skill {id: $id})
SET s += $changes
RETURN s.id AS id
