// Returns `writes`: how many API writes ever committed (audit entries are never deleted, only
// anonymised), read from Neo4j's count store. An export compares it before and after reading.
// Params: none
// Cost: constant (the count store).
MATCH (a:AuditEntry)
RETURN count(a) AS writes
