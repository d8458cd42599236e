// Returns one row per edge of the network for analyses with networkx: `kind` (KNOWS or
// MEMBER_OF), `source` (a member id), `target` (a member id, or a project id for MEMBER_OF),
// `consent` of the source member.
// Params: none
// Cost: a scan of all KNOWS and MEMBER_OF relationships (about 85,000 at 40,000 members).
MATCH (a:Member)-[:KNOWS]->(b:Member)
RETURN 'KNOWS' AS kind, a.id AS source, b.id AS target, a.consent AS consent
UNION ALL
MATCH (a:Member)-[:MEMBER_OF]->(p:Project)
RETURN 'MEMBER_OF' AS kind, a.id AS source, p.id AS target, a.consent AS consent
