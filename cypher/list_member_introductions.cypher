// Returns `total` and `items`: one page of the ids of introductions the member is a party to
// (requester, target or intermediary), newest first.
// Params: $member_id, $skip, $limit
// Cost: the member's introduction relationships.
MATCH (i:Introduction)-[:FROM|TO|THROUGH]->(:Member {id: $member_id})
WITH DISTINCT i ORDER BY i.created_at DESC, i.id
WITH collect(i.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS items
