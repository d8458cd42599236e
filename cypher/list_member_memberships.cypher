// Returns `total` and `items` (one page of {project {id, name}, role, since}, by project name):
// the projects the member belongs to.
// Params: $id, $skip, $limit
// Cost: the member's MEMBER_OF relationships.
MATCH (:Member {id: $id})-[r:MEMBER_OF]->(p:Project)
WITH p, r ORDER BY p.name, p.id
WITH collect({project: p {.id, .name}, role: r.role, since: r.since}) AS memberships
RETURN size(memberships) AS total, memberships[$skip..($skip + $limit)] AS items
