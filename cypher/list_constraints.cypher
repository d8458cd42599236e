// Returns `name`, `type`, `labels`, `properties` for every constraint, by name.
// Params: none
// Cost: constant (schema metadata).
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes AS labels, properties
RETURN name, type, labels, properties
ORDER BY name
