// Returns one row: `project_id`, `member_id` (a consenting member), `need_id` (an open need) and
// `remote_need_id` (an open remote need of a project), each null when the graph has none: ids to run each recommendation statement once at start,
// so that Neo4j has planned and cached them before /health says ready.
// Params: none
// Cost: four scans, each stopped at its first match.
RETURN COLLECT { MATCH (p:Project) RETURN p.id LIMIT 1 }[0] AS project_id,
       COLLECT { MATCH (m:Member) WHERE m.consent RETURN m.id LIMIT 1 }[0] AS member_id,
       COLLECT { MATCH (n:Need {status: 'open'}) RETURN n.id LIMIT 1 }[0] AS need_id,
       COLLECT {
         MATCH (:Project)-[:HAS_NEED]->(n:Need {status: 'open', remote: true}) RETURN n.id LIMIT 1
       }[0] AS remote_need_id
