// Returns `id` of the new AuditEntry {id, at, request_id, key_id, role, acting_member, method,
// path, endpoint}, and `paused`: null, or why API writes are paused (the WriteGate's reason,
// until its `paused_until`), in which case the caller rolls the transaction back. Runs first in
// every write transaction of an API request, so the entry commits or rolls back with the write
// it describes.
// Params: $entry (map of the audit fields but `at`, which is the database's time)
// Cost: one CREATE, and one read of the single WriteGate node.
CREATE (a:AuditEntry)
SET a = $entry, a.at = datetime()
WITH a
OPTIONAL MATCH (gate:WriteGate)
WHERE gate.paused_until > datetime()
RETURN a.id AS id, gate.reason AS paused
