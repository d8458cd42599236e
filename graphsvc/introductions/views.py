"""/introductions: proposed by a member or a community manager, answered by the person introduced."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView

from graphsvc.access import Principal
from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import Blueprint, CountedPage, PagedRead, new_id
from graphsvc.db import get_store
from graphsvc.errors import Invalid, NotFound
from graphsvc.introductions import data
from graphsvc.introductions.schemas import (
    DecisionSchema,
    IntroductionCreateSchema,
    IntroductionFilters,
    IntroductionRecordSchema,
)

blp = Blueprint(
    "introductions", __name__, url_prefix="", description="Introductions between members."
)


def _parties(introduction: dict[str, Any]) -> set[str]:
    return {
        p["id"]
        for p in (introduction["requester"], introduction["target"], introduction["through"])
        if p
    }


def _visible(introduction: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """The record for its parties and staff; a party who withdrew consent is not named."""
    if not principal.may_follow(_parties(introduction)):
        raise NotFound(f"No introduction has id {introduction['id']!r}.")

    def named(party: dict[str, Any] | None) -> dict[str, Any] | None:
        return party if party is None or principal.may_see(party) else None

    unnamed = {"id": None, "name": None}
    return {
        **introduction,
        "requester": named(introduction["requester"]) or unnamed,
        "target": named(introduction["target"]) or unnamed,
        "through": named(introduction["through"]),
    }


@blp.route("/introductions")
class Introductions(MethodView):
    @requires("manager")
    @blp.arguments(IntroductionFilters, location="query")
    @blp.response(200, IntroductionRecordSchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, args: dict[str, Any]):
        """Follow-up for community managers: introductions newest first, filtered."""
        filters = {name: args.get(name) for name in IntroductionFilters().fields}
        return PagedRead(
            partial(data.list_introductions, get_store(), filters),
            each=partial(_visible, principal=current_principal()),
        )

    @requires("frontend")
    @blp.arguments(IntroductionCreateSchema)
    @blp.response(201, IntroductionRecordSchema)
    def post(self, body: dict[str, Any]):
        """Propose an introduction (the requester through a frontend, or a community manager)."""
        requester = current_principal().requester_of(body.get("requester_id"))
        if requester is None:
            raise Invalid("requester_id is required: who asks for this introduction?")
        return data.create_introduction(
            get_store(), {**body, "requester_id": requester, "id": new_id("i")}
        )


@blp.route("/introductions/<introduction_id>")
class Introduction(MethodView):
    @requires("frontend")
    @blp.response(200, IntroductionRecordSchema)
    def get(self, introduction_id: str):
        """An introduction (its parties and managers only)."""
        introduction = data.read_introduction(get_store(), introduction_id)
        return _visible(introduction, current_principal())

    @requires("frontend")
    @blp.arguments(DecisionSchema)
    @blp.response(200, IntroductionRecordSchema)
    def patch(self, body: dict[str, Any], introduction_id: str):
        """Accept or decline (the member introduced); 409 once decided or expired."""
        principal = current_principal()

        def authorize(introduction: dict[str, Any]) -> None:
            _visible(introduction, principal)
            principal.require_answer(introduction)

        decided = data.decide(get_store(), introduction_id, body["status"], authorize)
        return _visible(decided, principal)


@blp.route("/members/<member_id>/introductions")
class MemberIntroductions(MethodView):
    @requires("frontend")
    @blp.response(200, IntroductionRecordSchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, member_id: str):
        """The history of a member's introductions, newest first (the member or managers)."""
        principal = current_principal()
        principal.require_own_or_staff(member_id, "sees their introductions")
        return PagedRead(
            partial(data.list_for_member, get_store(), member_id),
            each=partial(_visible, principal=principal),
        )
