// Returns `claimed`: true when this request ($claimant, its audit entry's id) now holds the
// Idempotency-Key record for $scope (new, or expired: created before $expired_before, and taken
// over), false when another request holds it. MERGE on the unique scope locks it, so of two concurrent requests
// with one key the second waits for the first to commit, then finds its record.
// Params: $scope, $fingerprint, $claimant, $expired_before
// Cost: one unique-index seek, and one CREATE or SET.
MERGE (r:IdempotencyRecord {scope: $scope})
ON CREATE SET r.fingerprint = $fingerprint, r.created_at = datetime(), r.claimant = $claimant
WITH r
CALL (r) {
  WITH r WHERE r.created_at < $expired_before
  SET r = {scope: $scope, fingerprint: $fingerprint, created_at: datetime(), claimant: $claimant}
}
RETURN r.claimant = $claimant AS claimed
