// Returns every relationship of the exported types as `type`, `start_label`, `start`,
// `end_label`, `end`, `properties`, in a stable order so that two exports are byte-identical.
// Params: $types (list from graphsvc.model.REL_TYPES), $labels (list from graphsvc.model.NODE_LABELS)
// Cost: a scan of all relationships and a sort; meant for export, not for requests.
MATCH (a)-[r]->(b)
WHERE type(r) IN $types
WITH a, r, b,
     [l IN labels(a) WHERE l IN $labels][0] AS start_label,
     [l IN labels(b) WHERE l IN $labels][0] AS end_label
RETURN type(r) AS type, start_label, a.id AS start, end_label, b.id AS end,
       properties(r) AS properties
ORDER BY type, start_label, start, end_label, end
