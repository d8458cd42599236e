// Returns `key` (id, revoked) of the revoked API key, or no row if the id is unknown.
// Params: $id
// Cost: one unique-index seek.
MATCH (k:ApiKey {id: $id})
SET k.revoked = true, k.revoked_at = datetime()
RETURN k {.id, .revoked} AS key
