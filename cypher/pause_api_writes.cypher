// Returns `paused_until`: API write transactions are refused (rolled back, answered 503) from
// now until then, or until resume_api_writes; $reason says why, in the refusal's message. A
// bound, so that a backup that dies never leaves the service read-only for long.
// Params: $seconds, $reason
// Cost: one node.
MERGE (gate:WriteGate)
SET gate.paused_until = datetime() + duration({seconds: $seconds}), gate.reason = $reason
RETURN gate.paused_until AS paused_until
