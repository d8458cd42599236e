// Returns `key` (id, role, member_id) of the live API key with this hash, or no row.
// Params: $hash (sha256 hex of the presented secret)
// Cost: one unique-index seek.
MATCH (k:ApiKey {hash: $hash})
WHERE NOT k.revoked
RETURN k {.id, .role, .member_id} AS key
