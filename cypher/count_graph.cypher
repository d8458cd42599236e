// Returns `nodes` and `relationships` of the network (the service's own records left out: API
// keys, migrations, the audit log, idempotency records, the write gate): how big the graph is (seeding reports
// it; the demo seeds only an empty graph).
// Params: none
// Cost: a scan of all nodes' labels; relationship count from the count store.
CALL () {
  MATCH (n) WHERE NOT (n:ApiKey OR n:Migration OR n:AuditEntry OR n:IdempotencyRecord
                     OR n:WriteGate)
  RETURN count(n) AS nodes
}
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
