// Stores a ranking model fitted by `graphsvc tune`; returns its `version`. The newest
// `created_at` is the model in use.
// Params: $version, $created_at (ISO text), $model (the model as JSON text)
// Cost: one unique-index seek.
MERGE (m:RankingModel {version: $version})
SET m.created_at = $created_at, m.model = $model
RETURN m.version AS version
