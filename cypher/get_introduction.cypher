// Returns `introduction` (id, status, created_at, decided_at, message, requester, target,
// through {id, name, consent} or null, project {id, name} or null, need {id, title} or null); a proposal
// older than $expired_before reads as `expired`. No row if the id is unknown.
// Params: $id, $expired_before (datetime)
// Cost: one unique-index seek and the introduction's relationships.
MATCH (i:Introduction {id: $id})
RETURN i {.id, .created_at, .decided_at, .message,
          status: CASE WHEN i.status = 'proposed' AND i.created_at < $expired_before
                       THEN 'expired' ELSE i.status END,
          requester: head([(i)-[:FROM]->(m:Member) | m {.id, .name, .consent}]),
          target: head([(i)-[:TO]->(m:Member) | m {.id, .name, .consent}]),
          through: head([(i)-[:THROUGH]->(m:Member) | m {.id, .name, .consent}]),
          project: head([(i)-[:ABOUT]->(p:Project) | p {.id, .name}]),
          need: head([(i)-[:ABOUT]->(n:Need) | n {.id, .title}])} AS introduction
