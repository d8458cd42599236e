// Returns `removed`: how many KNOWS relationships between the two members were deleted (both
// directions, in case both were stored).
// Params: $id, $other_id
// Cost: one unique-index seek and the member's KNOWS relationships.
OPTIONAL MATCH (:Member {id: $id})-[r:KNOWS]-(:Member {id: $other_id})
DELETE r
RETURN count(r) AS removed
