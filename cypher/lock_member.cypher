// Returns `id` of the member, now write-locked until the transaction ends, so that a profile
// compared with the client's If-Match cannot change before the write that follows; no row if
// the id is unknown.
// Params: $id
// Cost: one unique-index seek.
MATCH (m:Member {id: $id})
SET m._lock = true
REMOVE m._lock
RETURN m.id AS id
