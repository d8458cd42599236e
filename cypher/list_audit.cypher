// Returns `total` and `items`: one page of audit entries {id, at, request_id, key_id, role,
// acting_member, method, path, endpoint}, newest first, filtered by each parameter that is not
// null: $since and $until (datetimes), $key_id, $acting_member, $path_prefix.
// Params: $since, $until, $key_id, $acting_member, $path_prefix, $skip, $limit
// Cost: the page is read from the AuditEntry(at) index newest first and stops once $skip +
// $limit entries passed the filters; `total` counts the index entries in range (no property read
// but the filters'). Nothing is collected beyond the page, however long the log grows.
CALL () {
  MATCH (a:AuditEntry)
  WHERE a.at >= coalesce($since, datetime('0001-01-01T00:00:00Z'))
    AND ($until IS NULL OR a.at < $until)
    AND ($key_id IS NULL OR a.key_id = $key_id)
    AND ($acting_member IS NULL OR a.acting_member = $acting_member)
    AND ($path_prefix IS NULL OR a.path STARTS WITH $path_prefix)
  RETURN count(a) AS total
}
CALL () {
  MATCH (a:AuditEntry)
  USING INDEX a:AuditEntry(at)
  WHERE a.at >= coalesce($since, datetime('0001-01-01T00:00:00Z'))
    AND ($until IS NULL OR a.at < $until)
    AND ($key_id IS NULL OR a.key_id = $key_id)
    AND ($acting_member IS NULL OR a.acting_member = $acting_member)
    AND ($path_prefix IS NULL OR a.path STARTS WITH $path_prefix)
  WITH a ORDER BY a.at DESC, a.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(a {.id, .at, .request_id, .key_id, .role, .acting_member, .method, .path,
                    .endpoint}) AS items
}
RETURN total, items
