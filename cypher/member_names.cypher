// Returns `id` and `name` of each member of $ids that exists.
// Params: $ids
// Cost: one unique-index seek per id.
UNWIND $ids AS id
MATCH (m:Member {id: id})
RETURN m.id AS id, m.name AS name
