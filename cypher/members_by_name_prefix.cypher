// Returns a row {name, members} per member name starting with $prefix: how many members carry
// it (`make probe` checks that a write retried with its Idempotency-Key made one member, not two).
// Params: $prefix, $limit (at most that many names)
// Cost: a scan of members' names; probe only.
MATCH (m:Member)
WHERE m.name STARTS WITH $prefix
RETURN m.name AS name, count(*) AS members
ORDER BY name
LIMIT $limit
