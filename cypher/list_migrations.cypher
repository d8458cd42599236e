// Returns `name`, `checksum` and `applied_at` of every migration file already applied, by name.
// Params: none
// Cost: a scan of Migration nodes (one per file).
MATCH (m:Migration)
RETURN m.name AS name, m.checksum AS checksum, m.applied_at AS applied_at
ORDER BY name
