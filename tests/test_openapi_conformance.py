"""Schemathesis against the app's own /openapi.json: no 5xx, no response that violates the
documented schema, whatever the input (as admin, so every operation is reachable).

Operations are driven through Hypothesis directly (``as_strategy``): schemathesis's pytest plugin
does not work with pytest 9 yet.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from graphsvc.keys import data as keys
from tests.graphs import city, knows, member, need, project, skill

pytestmark = pytest.mark.slow  # every operation, fuzzed

EXAMPLES = int(os.environ.get("GRAPHSVC_FUZZ_EXAMPLES", 110))  # per operation
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def api_schema(app, load):
    load([
        city("toulouse"), *skill("compta"), *skill("web", broader="compta"),
        *member("lea", skills={"compta": 3}), *member("karim"), knows("lea", "karim"),
        *project("jardin", holder="lea"), *need("n1", ("Project", "jardin"), "web"),
    ])  # fmt: skip
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


def test_every_operation_conforms(api_schema, api_keys, session_store) -> None:
    headers = {"Authorization": f"Bearer {api_keys['admin']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 30
    # The operation that revokes keys runs last, with a key of its own: whatever key id the
    # fuzzer sends, it can never revoke the key the other operations use.
    revoking = [o for o in operations if (o.method.upper(), o.path) == ("DELETE", "/keys/{key_id}")]
    assert len(revoking) == 1
    own_key = keys.create_key(session_store, name="fuzz revoke", role="admin")["secret"]

    for operation in [o for o in operations if o not in revoking] + revoking:
        sent = {"Authorization": f"Bearer {own_key}"} if operation in revoking else headers

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case) -> None:
            case.call_and_validate(headers=sent, checks=CHECKS)  # noqa: B023 (called below)

        conforms()
