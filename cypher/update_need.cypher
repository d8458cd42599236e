// Returns `id` of the updated need, or no row if the id is unknown.
// Params: $id, $changes (map of Need properties)
// Cost: one unique-index seek.
MATCH (n:Need {id: $id})
SET n += $changes
RETURN n.id AS id
