// Tuned ranking models (graphsvc tune) are kept in the graph, one node per version.
CREATE CONSTRAINT ranking_model_version IF NOT EXISTS FOR (n:RankingModel) REQUIRE n.version IS UNIQUE;
CREATE INDEX ranking_model_created_at IF NOT EXISTS FOR (n:RankingModel) ON (n.created_at)
