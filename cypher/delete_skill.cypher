// Returns `deleted` (1, or 0 if the id is unknown, or if members hold it or needs require it:
// then `in_use` says how many).
// Params: $id
// Cost: one unique-index seek and the skill's relationships.
OPTIONAL MATCH (s:Skill {id: $id})
WITH s, COUNT { (s)<-[:HAS_SKILL|REQUIRES]-() } AS in_use
CALL (s, in_use) {
  WITH s WHERE s IS NOT NULL AND in_use = 0
  DETACH DELETE s
}
RETURN CASE WHEN s IS NOT NULL AND in_use = 0 THEN 1 ELSE 0 END AS deleted, in_use
