// Returns `name` of the migration file recorded as applied now, with its checksum.
// Params: $name (the file's name without .cypher), $checksum (sha256 of its text)
// Cost: one MERGE on a handful of Migration nodes.
MERGE (m:Migration {name: $name})
SET m.checksum = $checksum, m.applied_at = datetime()
RETURN m.name AS name
