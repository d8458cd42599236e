// Returns `id` of every member with no sign of activity since $before: joined before it (a
// member without joined_at is never returned), and no acquaintance, membership, need, fill or
// introduction of theirs dated on or after it.
// Params: $before (datetime)
// Cost: a scan of members and of their relationships.
MATCH (m:Member)
WHERE m.joined_at < $before
  AND NOT EXISTS { (m)-[k:KNOWS]-() WHERE k.since >= date($before) }
  AND NOT EXISTS { (m)-[r:MEMBER_OF]->() WHERE r.since >= date($before) }
  AND NOT EXISTS { (m)-[:HAS_NEED]->(n:Need) WHERE n.created_at >= $before }
  AND NOT EXISTS { MATCH (n:Need) WHERE n.filled_by = m.id AND n.filled_at >= $before }
  AND NOT EXISTS { (m)<-[:FROM|TO|THROUGH]-(i:Introduction) WHERE i.created_at >= $before }
RETURN m.id AS id
ORDER BY id
