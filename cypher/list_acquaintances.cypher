// Returns `total` and `items` (one page of {id, name, city {id, name}} by name): the members this
// one knows, whatever direction KNOWS was stored in; withdrawn members only for $include_withdrawn.
// Params: $id, $include_withdrawn (bool), $skip, $limit
// Cost: the member's KNOWS relationships.
MATCH (:Member {id: $id})-[:KNOWS]-(o:Member)
WHERE o.consent OR $include_withdrawn
WITH DISTINCT o ORDER BY o.name, o.id
WITH collect(o) AS known
RETURN size(known) AS total,
       [o IN known[$skip..($skip + $limit)] |
         o {.id, .name, city: head([(o)-[:LIVES_IN]->(c:City) | c {.id, .name}])}] AS items
