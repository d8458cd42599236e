// Returns `id` of the project, now write-locked until the transaction ends, so that its team
// cannot change between a check of who holds it and the write that follows; no row if unknown.
// Params: $id
// Cost: one unique-index seek.
MATCH (p:Project {id: $id})
SET p._lock = true
REMOVE p._lock
RETURN p.id AS id
