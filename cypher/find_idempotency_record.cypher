// Returns `record` {fingerprint, status, body, location, created_at, claimant, steps (the JSON of
// each committed write unit's result)} of the live Idempotency-Key
// record for $scope (status is null while the first request's answer is not recorded), or no
// row when there is none or it expired (created before $expired_before).
// Params: $scope, $expired_before
// Cost: one unique-index seek.
MATCH (r:IdempotencyRecord {scope: $scope})
WHERE r.created_at >= $expired_before
RETURN r {.fingerprint, .status, .body, .location, .created_at, .claimant, .steps} AS record
