// Indexes for every lookup and sort the API does besides lookups by id.
CREATE INDEX member_name IF NOT EXISTS FOR (n:Member) ON (n.name);
CREATE INDEX member_consent IF NOT EXISTS FOR (n:Member) ON (n.consent);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX skill_name IF NOT EXISTS FOR (n:Skill) ON (n.name);
CREATE INDEX city_name IF NOT EXISTS FOR (n:City) ON (n.name);
CREATE INDEX need_status IF NOT EXISTS FOR (n:Need) ON (n.status);
CREATE INDEX need_created_at IF NOT EXISTS FOR (n:Need) ON (n.created_at);
CREATE POINT INDEX city_location IF NOT EXISTS FOR (n:City) ON (n.location);
CREATE INDEX introduction_status IF NOT EXISTS FOR (n:Introduction) ON (n.status);
CREATE INDEX member_of_role IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.role);
// Accent- and case-insensitive search ("comptabilite" finds "Comptabilité").
CREATE FULLTEXT INDEX search_text IF NOT EXISTS
  FOR (n:Member|Project|Skill|Need|City) ON EACH [n.name, n.description, n.bio, n.title]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}
