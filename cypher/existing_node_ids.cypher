// Returns `id` for each of the given ids that a node with the given label already has; the bulk
// import uses it to reject references to nodes that exist neither in the file nor the database.
// Params: $label (one of graphsvc.model.NODE_LABELS), $ids (list of strings)
// Cost: one scan of the label's nodes, filtered by a list lookup.
MATCH (n)
WHERE $label IN labels(n) AND n.id IN $ids
RETURN n.id AS id
