// Returns `deleted` (1, or 0 if the id is unknown).
// Params: $id
// Cost: one unique-index seek.
OPTIONAL MATCH (n:Need {id: $id})
DETACH DELETE n
RETURN count(n) AS deleted
