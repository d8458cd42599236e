// Returns `taken`: true when the Idempotency-Key record $scope, still held by $claimant (a
// request that died: no answer recorded), now belongs to $new_claimant; false when another
// retry took it first or the answer got recorded. The first SET locks the record, so the check
// reads the latest committed claimant.
// Params: $scope, $claimant, $new_claimant
// Cost: one unique-index seek.
MATCH (r:IdempotencyRecord {scope: $scope})
SET r.taken_over_at = datetime()
WITH r, r.claimant = $claimant AND r.status IS NULL AS free
SET r.claimant = CASE WHEN free THEN $new_claimant ELSE r.claimant END
RETURN free AS taken
