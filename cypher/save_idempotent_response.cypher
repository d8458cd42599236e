// Returns `saved` (1, or 0 when the request's write rolled back and left no record): stores the
// answer given to the first request with an Idempotency-Key, for its retries.
// Params: $scope, $status, $body (the JSON text), $location (or null)
// Cost: one unique-index seek.
OPTIONAL MATCH (r:IdempotencyRecord {scope: $scope})
SET r.status = $status, r.body = $body, r.location = $location
RETURN count(r) AS saved
