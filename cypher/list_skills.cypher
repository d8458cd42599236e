// Returns one row: `total` and `items`, one page of skills as maps (id, name, name_en, broader
// {id, name} or null, holders: count), in a stable order.
// Params: $text (substring of the French or English name), $broader_id (direct narrower skills
//   of this one), $top_level (bool: only skills without a broader one) (nulls = no filter),
//   $sort (whitelisted property), $descending, $skip, $limit
// Cost: two scans of Skill nodes (about a hundred): one counts, one keeps the best $skip + $limit
// in a bounded sort (Top); holders read from the degree store (only members hold skills, so no
// node is visited: 150 ms a page at 400,000 members otherwise).
CALL () {
  MATCH (s:Skill)
  WHERE ($text IS NULL OR toLower(s.name) CONTAINS toLower($text)
         OR toLower(coalesce(s.name_en, '')) CONTAINS toLower($text))
    AND ($broader_id IS NULL OR EXISTS { (s)-[:BROADER]->(:Skill {id: $broader_id}) })
    AND (NOT coalesce($top_level, false) OR NOT EXISTS { (s)-[:BROADER]->() })
  RETURN count(s) AS total
}
CALL () {
  MATCH (s:Skill)
  WHERE ($text IS NULL OR toLower(s.name) CONTAINS toLower($text)
         OR toLower(coalesce(s.name_en, '')) CONTAINS toLower($text))
    AND ($broader_id IS NULL OR EXISTS { (s)-[:BROADER]->(:Skill {id: $broader_id}) })
    AND (NOT coalesce($top_level, false) OR NOT EXISTS { (s)-[:BROADER]->() })
  WITH s
  ORDER BY CASE WHEN $descending THEN null ELSE s[$sort] END ASC,
           CASE WHEN $descending THEN s[$sort] END DESC, s.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(s {.id, .name, .name_en, .description,
                    broader: head([(s)-[:BROADER]->(b:Skill) | b {.id, .name}]),
                    holders: COUNT { (s)<-[:HAS_SKILL]-() }}) AS items
}
RETURN total, items
