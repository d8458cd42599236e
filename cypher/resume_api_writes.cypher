// Returns `resumed` (1, or 0 if writes were not paused): API writes are accepted again (the
// WriteGate is deleted: it exists only while writes are paused).
// Params: none
// Cost: one node.
OPTIONAL MATCH (gate:WriteGate)
DELETE gate
RETURN count(gate) AS resumed
