// Returns `version` and `edition` of the Neo4j server (the readiness check runs it).
// Params: none
// Cost: constant.
CALL dbms.components() YIELD versions, edition
RETURN versions[0] AS version, edition
