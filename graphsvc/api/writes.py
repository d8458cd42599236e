"""What every write of the API leaves behind: a request id, an audit entry, an idempotency record.

- **Request ids.** Each request has one: the caller's ``X-Request-Id`` when it is a sane token,
  else a new one. It is returned in ``X-Request-Id`` and written into the audit log and the logs.
- **Audit log.** Every write transaction of a request first creates an ``AuditEntry`` (who: key,
  role, acting member; what: method, path, route; when; request id) in that same transaction, so
  the log holds exactly the writes that committed. Managers read it at ``GET /audit``.
- **Idempotency-Key** on POST (as Stripe's API and the IETF draft do it): the first write
  transaction of the request also claims the key (an ``IdempotencyRecord``, unique per API key
  and idempotency key), so the claim commits if and only if the write does. Once the answer is
  sent it is stored with the claim. A retry with the same key and the same request gets that
  answer again (``Idempotent-Replayed: true``) and writes nothing; with a different request, a
  422; while the first is still running, a 409. Each write transaction of the request also
  appends its result to the record (a *step*), so if the process dies after a commit and before
  the answer is stored (a ``kill -9``, a lost connection), a retry once the claim is stale
  (``IDEMPOTENCY_STALE_SECONDS``) takes the claim over and runs the view again: the recorded
  steps are returned instead of written, the ones that never committed run once, and the answer
  is the one the first request would have given (the id the server chose included). A field
  named ``secret`` (a new API key) is never stored: its replay shows the key without it.
  Records live 24 hours.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Flask, Response, current_app, g, has_request_context, request
from neo4j.exceptions import DriverError, Neo4jError

from graphsvc.api.auth import current_principal, presented_secret
from graphsvc.api.errors import http_error
from graphsvc.breaker import CircuitOpen
from graphsvc.credentials import hash_secret
from graphsvc.db import get_store
from graphsvc.errors import Conflict, Paused
from graphsvc.store import NOT_RECORDED, Store, Tx

REQUEST_ID_HEADER = "X-Request-Id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_TTL = timedelta(hours=24)
TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
NEVER_STORED = "secret"  # a new API key's secret: shown once, stored nowhere
UNRECORDABLE = "!"  # a step whose result is not plain data: such a request cannot be resumed
log = logging.getLogger(__name__)


def _expired_before() -> datetime:
    return datetime.now(UTC) - IDEMPOTENCY_TTL


def _begin() -> Response | None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if TOKEN.match(incoming) else secrets.token_hex(8)
    g.writes = 0
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or request.method != "POST":
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise http_error(
            422,
            f"{IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters (a UUID is a good "
            "choice); send a new one for each new request, the same one to retry it.",
        )
    # Only a key that still works may replay; and per API key, so that two clients cannot replay
    # each other's answers by guessing idempotency keys.
    principal = current_principal()
    secret = presented_secret() or ""
    g.idempotency_scope = hashlib.sha256(f"{hash_secret(secret)}\n{key}".encode()).hexdigest()
    request_parts = [request.method, request.full_path, principal.acting_member or ""]
    g.idempotency_fingerprint = hashlib.sha256(
        "\n".join(request_parts).encode() + b"\n" + request.get_data()
    ).hexdigest()
    found = get_store().read(
        "find_idempotency_record", scope=g.idempotency_scope, expired_before=_expired_before()
    )
    if not found:
        return None
    return _replay(found[0]["record"])


def _replay(record: dict[str, Any]) -> Response | None:
    """The recorded answer; or None when the request that claimed the key died after it wrote
    and this retry now finishes it (the view runs again, its committed steps replayed)."""
    if record["fingerprint"] != g.idempotency_fingerprint:
        raise http_error(
            422,
            f"This {IDEMPOTENCY_HEADER} was used for a different request (another path or body) "
            "in the last 24 hours: send a new key for a new request.",
        )
    if record["status"] is None:
        if _resumed(record):
            return None
        raise Conflict(
            f"A request with this {IDEMPOTENCY_HEADER} changed data, and its answer is not "
            "recorded yet (it may still be running): retry in a moment, or read the resource."
        )
    response = Response(record["body"], status=record["status"], mimetype="application/json")
    if record["location"]:
        response.headers["Location"] = record["location"]
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _resumed(record: dict[str, Any]) -> bool:
    """Take over a stale claim whose steps are all recorded; the view then runs again."""
    stale = timedelta(seconds=current_app.config["IDEMPOTENCY_STALE_SECONDS"])
    steps = record.get("steps") or []
    if datetime.now(UTC) - record["created_at"] < stale or not steps or UNRECORDABLE in steps:
        return False
    g.bookkeeping = True
    try:
        taken = get_store().write(
            "take_over_idempotency_key", scope=g.idempotency_scope,
            claimant=record["claimant"], new_claimant=secrets.token_hex(8),
        )  # fmt: skip
    finally:
        g.bookkeeping = False
    if not taken or not taken[0]["taken"]:
        return False
    log.warning("Request %s finishes a write that died before its answer was stored", g.request_id)
    g.recorded_steps = [json.loads(step, object_hook=_decoded) for step in steps]
    return True


def _encoded(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _decoded(value: dict[str, Any]) -> Any:
    if value.keys() == {"$datetime"}:
        return datetime.fromisoformat(value["$datetime"])
    if value.keys() == {"$date"}:
        return date.fromisoformat(value["$date"])
    return value


def _stored(value: Any) -> Any:
    if isinstance(value, dict) and NEVER_STORED in value:
        return {key: item for key, item in value.items() if key != NEVER_STORED}
    return value


def recorded_result() -> Any:
    """The Store's replay source: a resumed request's committed steps, in order."""
    if not has_request_context() or g.get("bookkeeping") or not g.get("recorded_steps"):
        return NOT_RECORDED
    if g.writes >= len(g.recorded_steps):
        return NOT_RECORDED
    g.writes += 1
    return g.recorded_steps[g.writes - 1]


def record_step(tx: Tx, result: Any) -> None:
    """The Store's result hook: a request with an Idempotency-Key records each committed step."""
    scope = g.get("idempotency_scope") if has_request_context() else None
    if not scope or g.get("bookkeeping"):
        return
    try:
        step = json.dumps(_stored(result), default=_encoded, ensure_ascii=False)
    except (TypeError, ValueError):
        step = UNRECORDABLE
    tx.run("record_idempotent_step", scope=scope, step=step)


def record_write(tx: Tx) -> None:
    """The Store's write hook: the audit entry and, for the first write, the idempotency claim."""
    if not has_request_context() or "request_id" not in g or g.get("bookkeeping"):
        return  # not an API write (the CLI, the seed), or the idempotency record's own update
    principal = g.get("principal")
    claim = g.get("idempotency_scope") if g.writes == 0 else None
    entry = {
        "id": secrets.token_hex(8),
        "request_id": g.request_id,
        "key_id": principal.key_id if principal else None,
        "role": principal.role if principal else None,
        "acting_member": principal.acting_member if principal else None,
        "method": request.method,
        "path": request.path,
        "endpoint": request.url_rule.rule if request.url_rule else None,
    }
    paused = tx.one("record_write", entry=entry)["paused"]
    if paused:
        raise Paused(
            f"API writes are paused while {paused}; nothing was written: retry in a moment."
        )
    if claim is not None:
        claimed = tx.single(
            "claim_idempotency_key",
            scope=claim,
            fingerprint=g.idempotency_fingerprint,
            claimant=entry["id"],
            expired_before=_expired_before(),
        )
        if not claimed or not claimed["claimed"]:
            raise Conflict(
                f"Another request with this {IDEMPOTENCY_HEADER} is running or just finished: "
                "retry it in a moment to get its answer."
            )
    g.writes += 1


def _finish(response: Response) -> Response:
    if "request_id" not in g:
        return response
    response.headers[REQUEST_ID_HEADER] = g.request_id
    scope = g.get("idempotency_scope")
    if scope and g.writes and REPLAYED_HEADER not in response.headers:
        g.bookkeeping = True
        body = response.get_data(as_text=True)
        if f'"{NEVER_STORED}"' in body and response.is_json:
            body = json.dumps(_stored(response.get_json()), ensure_ascii=False)
        try:
            get_store().write(
                "save_idempotent_response",
                scope=scope,
                status=response.status_code,
                body=body,
                location=response.headers.get("Location"),
            )
        except (Neo4jError, DriverError, CircuitOpen) as error:
            # The write is done and answered; once the claim is stale, a retry finishes the
            # request again from its recorded steps.
            log.warning("Idempotency record of request %s not saved: %s", g.request_id, error)
        finally:
            g.bookkeeping = False
        if g.get("recorded_steps"):
            response.headers[REPLAYED_HEADER] = "true"
    return response


def init_app(app: Flask, store: Store) -> None:
    store.write_hooks.append(record_write)
    store.result_hooks.append(record_step)
    store.recorded_result = recorded_result
    app.before_request(_begin)
    app.after_request(_finish)
