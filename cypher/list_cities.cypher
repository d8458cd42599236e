// Returns one row: `total` and `items`, one page of cities as maps (id, name, population,
// region, location {latitude, longitude}), in a stable order.
// Params: $text (substring of the name, or null), $sort (whitelisted property), $descending,
//   $skip, $limit
// Cost: two scans of City nodes (several hundred): one counts, one keeps the best $skip + $limit
// in a bounded sort (Top).
CALL () {
  MATCH (c:City)
  WHERE $text IS NULL OR toLower(c.name) CONTAINS toLower($text)
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:City)
  WHERE $text IS NULL OR toLower(c.name) CONTAINS toLower($text)
  WITH c
  ORDER BY CASE WHEN $descending THEN null ELSE c[$sort] END ASC,
           CASE WHEN $descending THEN c[$sort] END DESC, c.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(c {.id, .name, .population, .region, .location}) AS items
}
RETURN total, items
