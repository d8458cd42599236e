// Returns `id` of the new AuditEntry {id, at, request_id, key_id, role, acting_member, method,
// path, endpoint}. Runs first in every write transaction of an API request, so the entry
// commits or rolls back with the write it describes.
// Params: $entry (map of the audit fields but `at`, which is the database's time)
// Cost: one CREATE.
CREATE (a:AuditEntry)
SET a = $entry, a.at = datetime()
RETURN a.id AS id
