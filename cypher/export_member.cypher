// Returns one row `member`: everything held about the member (the right of access), as plain
// maps: profile (email and consent included), city, skills with levels, its own needs, its
// memberships, its acquaintances, the needs it filled, the introductions it took part in
// (with their parties' ids), the API keys bound to it (never their hashes) and the audit
// entries naming it (as the acting member or in the path written), oldest first: what erasure
// erases. No row if the id is unknown.
// Params: $id
// Cost: the member's relationships, a scan of ApiKey nodes (a handful) and of AuditEntry nodes.
MATCH (m:Member {id: $id})
RETURN m {
  .id, .name, .email, .bio, .consent, .joined_at,
  city: head([(m)-[:LIVES_IN]->(c:City) | c {.id, .name}]),
  skills: [(m)-[h:HAS_SKILL]->(k:Skill) | {id: k.id, name: k.name, level: h.level}],
  needs: [(m)-[:HAS_NEED]->(n:Need) | n {.id, .title, .description, .status, .remote,
                                         .created_at, .filled_at, .filled_by}],
  memberships: [(m)-[r:MEMBER_OF]->(p:Project) | {project: p {.id, .name}, role: r.role,
                                                  since: r.since}],
  acquaintances: [(m)-[k:KNOWS]-(o:Member) | {id: o.id, since: k.since}],
  filled: COLLECT { MATCH (n:Need) WHERE n.filled_by = m.id RETURN n {.id, .title, .filled_at} },
  introductions: COLLECT {
    MATCH (i:Introduction)-[:FROM|TO|THROUGH]->(m)
    RETURN DISTINCT i {.id, .status, .created_at, .decided_at, .message, .requester_id,
                       .target_id, .through_id, .project_id, .need_id}
  },
  keys: COLLECT {
    MATCH (k:ApiKey) WHERE k.member_id = m.id
    RETURN k {.id, .name, .role, .created_at, .revoked} ORDER BY k.created_at, k.id
  },
  audit: COLLECT {
    MATCH (a:AuditEntry) WHERE a.acting_member = m.id OR m.id IN split(a.path, '/')
    RETURN a {.id, .at, .request_id, .key_id, .role, .acting_member, .method, .path}
    ORDER BY a.at, a.id
  }
} AS member
