// Returns `resumed` (1, or 0 if writes were not paused): API writes are accepted again.
// Params: none
// Cost: one node.
OPTIONAL MATCH (gate:WriteGate)
WHERE gate.paused_until IS NOT NULL
REMOVE gate.paused_until, gate.reason
RETURN count(gate) AS resumed
