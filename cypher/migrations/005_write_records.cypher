// The audit log (one AuditEntry per committed write, newest first) and the Idempotency-Key
// records of POST requests (one per key and idempotency key: the constraint is what makes two
// concurrent requests with the same key write once).
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
CREATE CONSTRAINT idempotency_scope IF NOT EXISTS FOR (n:IdempotencyRecord) REQUIRE n.scope IS UNIQUE
