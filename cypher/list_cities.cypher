// Returns one row: `total` and `items`, one page of cities as maps (id, name, population,
// region, location {latitude, longitude}), in a stable order.
// Params: $text (substring of the name, or null), $sort (whitelisted property), $descending,
//   $skip, $limit
// Cost: a scan of City nodes (several hundred).
MATCH (c:City)
WHERE $text IS NULL OR toLower(c.name) CONTAINS toLower($text)
WITH c
ORDER BY CASE WHEN $descending THEN null ELSE c[$sort] END ASC,
         CASE WHEN $descending THEN c[$sort] END DESC, c.id
WITH collect(c) AS matched
RETURN size(matched) AS total,
       [c IN matched[$skip..($skip + $limit)] | c {.id, .name, .population, .region, .location}] AS items
