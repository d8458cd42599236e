// Returns the newest stored ranking model as `model` (JSON text), or no row if none was tuned.
// Params: none
// Cost: an index-backed sort over the (few) stored models.
MATCH (m:RankingModel)
RETURN m.model AS model
ORDER BY m.created_at DESC, m.version DESC
LIMIT 1
