// Returns `steps`, how many steps the request holding the Idempotency-Key $scope has recorded:
// appends $step (the JSON of one write unit's result) in that unit's own transaction, so a retry
// after a crash knows exactly which units committed and what they returned.
// Params: $scope, $step
// Cost: one unique-index seek.
MATCH (r:IdempotencyRecord {scope: $scope})
SET r.steps = coalesce(r.steps, []) + $step
RETURN size(r.steps) AS steps
