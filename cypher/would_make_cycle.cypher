// Returns `cycle`: true if making $broader_id the broader skill of $id would close a loop in
// the taxonomy (the broader one is the skill itself or one of its narrower skills).
// Params: $id, $broader_id
// Cost: a bounded walk down the taxonomy (at most 10 levels).
OPTIONAL MATCH path = (:Skill {id: $broader_id})-[:BROADER*0..10]->(:Skill {id: $id})
WITH path LIMIT 1
RETURN path IS NOT NULL AS cycle
