// The introductions list reads newest first from this index and stops at the end of the page,
// however many introductions accumulate.
CREATE INDEX introduction_created_at IF NOT EXISTS FOR (n:Introduction) ON (n.created_at)
