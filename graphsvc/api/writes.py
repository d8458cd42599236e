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
  422; while the first is still running (or if its answer could not be stored), a 409.
  Records live 24 hours.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from neo4j.exceptions import DriverError, Neo4jError

from graphsvc.api.auth import current_principal, presented_secret
from graphsvc.api.errors import http_error
from graphsvc.breaker import CircuitOpen
from graphsvc.credentials import hash_secret
from graphsvc.db import get_store
from graphsvc.errors import Conflict
from graphsvc.store import Store, Tx

REQUEST_ID_HEADER = "X-Request-Id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_TTL = timedelta(hours=24)
TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
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


def _replay(record: dict[str, Any]) -> Response:
    if record["fingerprint"] != g.idempotency_fingerprint:
        raise http_error(
            422,
            f"This {IDEMPOTENCY_HEADER} was used for a different request (another path or body) "
            "in the last 24 hours: send a new key for a new request.",
        )
    if record["status"] is None:
        raise Conflict(
            f"A request with this {IDEMPOTENCY_HEADER} changed data, and its answer is not "
            "recorded yet (it may still be running): retry in a moment, or read the resource."
        )
    response = Response(record["body"], status=record["status"], mimetype="application/json")
    if record["location"]:
        response.headers["Location"] = record["location"]
    response.headers[REPLAYED_HEADER] = "true"
    return response


def record_write(tx: Tx) -> None:
    """The Store's write hook: the audit entry and, for the first write, the idempotency claim."""
    if not has_request_context() or "request_id" not in g or g.get("finishing"):
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
    tx.run("record_write", entry=entry)
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
        g.finishing = True
        try:
            get_store().write(
                "save_idempotent_response",
                scope=scope,
                status=response.status_code,
                body=response.get_data(as_text=True),
                location=response.headers.get("Location"),
            )
        except (Neo4jError, DriverError, CircuitOpen) as error:
            # The write is done and answered; a retry will get a 409 rather than its answer.
            log.warning("Idempotency record of request %s not saved: %s", g.request_id, error)
    return response


def init_app(app: Flask, store: Store) -> None:
    store.write_hooks.append(record_write)
    app.before_request(_begin)
    app.after_request(_finish)
