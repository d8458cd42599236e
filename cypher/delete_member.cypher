// Returns `deleted` (1, or 0 if the id is unknown). The right to erasure: the member, its
// relationships and its own needs are deleted; introductions it took part in are kept for the
// network's statistics but anonymised (its id removed from them, and the message too when it
// wrote it); needs it filled no longer name it; API keys bound to it are revoked, unbound and
// renamed "(erased)";
// the audit log keeps its entries with the member's id replaced by "(erased)" (in the path and
// as acting member), and stored Idempotency-Key answers that name it are dropped.
// Params: $id
// Cost: the member's relationships, and a scan of needs, keys, audit entries and idempotency
// records (24 hours of them) for its id.
OPTIONAL MATCH (m:Member {id: $id})
CALL (m) {
  MATCH (i:Introduction)-[:FROM|TO|THROUGH]->(m)
  WITH DISTINCT i, m
  SET i.message = CASE WHEN i.requester_id = m.id THEN null ELSE i.message END,
      i.requester_id = CASE WHEN i.requester_id = m.id THEN null ELSE i.requester_id END,
      i.target_id = CASE WHEN i.target_id = m.id THEN null ELSE i.target_id END,
      i.through_id = CASE WHEN i.through_id = m.id THEN null ELSE i.through_id END,
      i.erased_party = true
}
CALL (m) {
  MATCH (n:Need) WHERE n.filled_by = m.id
  SET n.filled_by = null
}
CALL (m) {
  MATCH (k:ApiKey) WHERE k.member_id = m.id
  // A key's name was chosen for its member ("Wendy's app"): it goes with them.
  SET k.revoked = true, k.member_id = null, k.name = '(erased)'
}
CALL () {
  MATCH (a:AuditEntry) WHERE a.acting_member = $id OR $id IN split(a.path, '/')
  SET a.acting_member = CASE WHEN a.acting_member = $id THEN '(erased)' ELSE a.acting_member END,
      a.path = reduce(path = '', part IN split(a.path, '/')[1..] |
                      path + '/' + CASE part WHEN $id THEN '(erased)' ELSE part END)
}
CALL () {
  MATCH (r:IdempotencyRecord)
  WHERE r.body CONTAINS ('"' + $id + '"')
     OR any(step IN coalesce(r.steps, []) WHERE step CONTAINS ('"' + $id + '"'))
  DELETE r
}
CALL (m) {
  MATCH (m)-[:HAS_NEED]->(n:Need)
  DETACH DELETE n
}
DETACH DELETE m
RETURN count(m) AS deleted
