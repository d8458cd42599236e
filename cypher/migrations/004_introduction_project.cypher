// Introductions by project: the introductions query leaves out whoever declined one to the
// project, and finds them by this index once per request.
CREATE INDEX introduction_project IF NOT EXISTS FOR (n:Introduction) ON (n.project_id)
