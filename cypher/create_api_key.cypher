// Returns `key` (id, name, role, member_id, created_at) of the new API key; only its hash is stored.
// Params: $id, $hash (sha256 hex of the secret), $name, $role, $member_id (or null)
// Cost: one unique-index check.
CREATE (k:ApiKey {id: $id, hash: $hash, name: $name, role: $role, created_at: datetime(), revoked: false})
SET k.member_id = $member_id
RETURN k {.id, .name, .role, .member_id, .created_at} AS key
