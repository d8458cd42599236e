// Returns up to $limit rows of `kind` (member, project, skill, need, city), `id`, `name`,
// `score`: full-text matches over names, titles, descriptions and bios, accent- and
// case-insensitive (analyzer standard-folding), best first. Withdrawn members (and their needs)
// only for $include_withdrawn.
// Params: $query (Lucene syntax, escaped by the caller), $kinds (list of kinds), $include_withdrawn, $limit
// Cost: one full-text index look-up.
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: 500}) YIELD node, score
WITH node, score,
     CASE WHEN node:Member THEN 'member' WHEN node:Project THEN 'project'
          WHEN node:Skill THEN 'skill' WHEN node:Need THEN 'need' ELSE 'city' END AS kind
WHERE kind IN $kinds
  AND ($include_withdrawn OR NOT node:Member OR node.consent)
  AND ($include_withdrawn OR NOT node:Need
       OR NOT EXISTS { (m:Member {consent: false})-[:HAS_NEED]->(node) })
RETURN kind, node.id AS id, coalesce(node.name, node.title) AS name, score
ORDER BY score DESC, id
LIMIT $limit
