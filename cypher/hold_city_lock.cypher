// Returns `held` (1, or 0 if the city is unknown): takes the write lock of city $id in the
// caller's open transaction, which keeps it until it rolls back (`make probe`'s lock wait).
// Params: $id
// Cost: one unique-index seek.
OPTIONAL MATCH (c:City {id: $id})
SET c.held = true
RETURN count(c) AS held
