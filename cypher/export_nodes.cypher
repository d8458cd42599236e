// Returns every node of the exported labels as `label`, `id`, `properties`, in a stable order
// (label, then id) so that two exports of the same graph are byte-identical.
// Params: $labels (list from graphsvc.model.NODE_LABELS)
// Cost: a scan of all nodes and a sort; meant for export, not for requests.
MATCH (n)
WITH n, [l IN labels(n) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL
RETURN label, n.id AS id, properties(n) AS properties
ORDER BY label, id
