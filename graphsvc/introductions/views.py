"""/introductions: proposed by a member or a community manager, answered by the person introduced."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graphsvc.access import Principal
from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import MAX_PAGE_SIZE, UtcDateTime, id_field, new_id, paging, text_field
from graphsvc.db import get_store
from graphsvc.errors import Invalid, NotFound
from graphsvc.introductions import data
from graphsvc.limits import MESSAGE_MAX

blp = Blueprint(
    "introductions", __name__, url_prefix="", description="Introductions between members."
)


class IntroductionCreateSchema(Schema):
    target_id = id_field("The member to introduce.", required=True)
    requester_id = id_field("Who asks; a frontend key's acting member by default.")
    project_id = id_field("For this project (or give need_id).")
    need_id = id_field("For this need (or give project_id).")
    through_id = id_field("The acquaintance who makes the introduction, if any.")
    message = text_field(MESSAGE_MAX, "A few words to the member introduced.")


class DecisionSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(("accepted", "declined")),
        metadata={
            "description": "accepted (they become acquaintances, and contributor for a project) or declined."
        },
    )


class PartySchema(Schema):
    id = fields.String(
        allow_none=True,
        metadata={"description": "Member id; null (with the name) when they withdrew consent."},
    )
    name = fields.String(allow_none=True, metadata={"description": "Member name."})


class AboutProjectSchema(Schema):
    id = fields.String(metadata={"description": "Project id."})
    name = fields.String(metadata={"description": "Project name."})


class AboutNeedSchema(Schema):
    id = fields.String(metadata={"description": "Need id."})
    title = fields.String(metadata={"description": "Need title."})


class IntroductionRecordSchema(Schema):
    id = fields.String(metadata={"description": "The introduction's id."})
    status = fields.String(
        metadata={"description": "proposed, accepted, declined or expired (30 days unanswered)."}
    )
    created_at = fields.DateTime(metadata={"description": "When it was proposed."})
    decided_at = fields.DateTime(allow_none=True, metadata={"description": "When it was answered."})
    message = fields.String(allow_none=True, metadata={"description": "The requester's words."})
    requester = fields.Nested(PartySchema, metadata={"description": "Who asked."})
    target = fields.Nested(PartySchema, metadata={"description": "Who is introduced."})
    through = fields.Nested(
        PartySchema, allow_none=True, metadata={"description": "The intermediary."}
    )
    project = fields.Nested(
        AboutProjectSchema, allow_none=True, metadata={"description": "About this project."}
    )
    need = fields.Nested(
        AboutNeedSchema, allow_none=True, metadata={"description": "About this need."}
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


class IntroductionFilters(Schema):
    status = fields.String(
        validate=validate.OneOf(("proposed", "accepted", "declined", "expired")),
        metadata={"description": "proposed, accepted, declined or expired."},
    )
    city_id = id_field("About a project based in this city (or a need of one).")
    project_id = id_field("About this project.")
    requester_id = id_field("Proposed by this member.")
    since = UtcDateTime(metadata={"description": "Proposed at or after this time."})
    until = UtcDateTime(metadata={"description": "Proposed before this time."})


@blp.route("/introductions")
class Introductions(MethodView):
    @requires("manager")
    @blp.arguments(IntroductionFilters, location="query")
    @blp.response(200, IntroductionRecordSchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    def get(self, args: dict[str, Any], pagination_parameters):
        """Follow-up for community managers: introductions newest first, filtered."""
        filters = {name: args.get(name) for name in IntroductionFilters().fields}
        total, items = data.list_introductions(
            get_store(), filters, **paging(pagination_parameters)
        )
        pagination_parameters.item_count = total
        principal = current_principal()
        return [_visible(introduction, principal) for introduction in items]

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
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    def get(self, member_id: str, pagination_parameters):
        """The history of a member's introductions, newest first (the member or managers)."""
        principal = current_principal()
        principal.require_own_or_staff(member_id, "sees their introductions")
        total, items = data.list_for_member(get_store(), member_id, **paging(pagination_parameters))
        pagination_parameters.item_count = total
        return [_visible(introduction, principal) for introduction in items]
