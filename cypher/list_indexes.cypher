// Returns `name`, `type`, `state`, `labels`, `properties` for every index (constraint-backing
// ones included), by name; migration tests and `graphsvc migrate` checks read it.
// Params: none
// Cost: constant (schema metadata).
SHOW INDEXES YIELD name, type, state, labelsOrTypes AS labels, properties
RETURN name, type, state, labels, properties
ORDER BY name
