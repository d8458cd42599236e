// Returns `key` rows (id, name, role, member_id, created_at, revoked) by creation time; no hashes.
// Params: none
// Cost: a scan of ApiKey nodes (a handful).
MATCH (k:ApiKey)
RETURN k {.id, .name, .role, .member_id, .created_at, .revoked} AS key
ORDER BY k.created_at, k.id
