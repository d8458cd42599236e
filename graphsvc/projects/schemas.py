from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import (
    CursorArgs,
    PlaceSchema,
    SearchText,
    UpdateSchema,
    id_field,
    sort_field,
    text_field,
)
from graphsvc.limits import DESCRIPTION_MAX, NAME_MAX
from graphsvc.model import NEED_STATUSES, ROLES


class TeamMemberSchema(Schema):
    id = fields.String(metadata={"description": "The member's id."})
    name = fields.String(metadata={"description": "Their name."})
    role = fields.String(metadata={"description": "holder or contributor."})


class ProjectSchema(Schema):
    id = fields.String(metadata={"example": "p00007", "description": "The project's id."})
    name = fields.String(
        metadata={"example": "Jardin partagé des Minimes", "description": "Its name."}
    )
    description = fields.String(
        allow_none=True,
        metadata={"example": "Un potager ouvert au quartier.", "description": "What it does."},
    )
    created_at = fields.DateTime(
        allow_none=True,
        metadata={"example": "2025-09-01T08:00:00+00:00", "description": "When it was created."},
    )
    city = fields.Nested(
        PlaceSchema,
        allow_none=True,
        metadata={
            "example": {"id": "toulouse", "name": "Toulouse"},
            "description": "Where it is based.",
        },
    )
    open_needs = fields.Integer(
        metadata={"example": 2, "description": "How many of its needs are open."}
    )
    team = fields.List(
        fields.Nested(TeamMemberSchema),
        metadata={
            "example": [{"id": "m000042", "name": "Sophie Martin", "role": "holder"}],
            "description": "Holders then contributors (one project only; consenting members only for frontends).",
        },
    )


class ProjectCreateSchema(Schema):
    id = id_field()
    name = text_field(NAME_MAX, "Its name.", required=True)
    description = text_field(DESCRIPTION_MAX, "What it does.")
    city_id = id_field("Where it is based (GET /cities).", required=True)
    holder_id = id_field(
        "Its holder; a frontend key's acting member by default (admins must give it)."
    )


class ProjectUpdateSchema(UpdateSchema):
    name = text_field(NAME_MAX, "Its name.")
    description = text_field(DESCRIPTION_MAX, "What it does; null removes it.", allow_none=True)
    city_id = id_field("Move it to this city.")


class ProjectListArgs(SearchText, CursorArgs):
    CURSOR_SORTS = ("name", "-name")
    city_id = id_field("Only projects based in this city.")
    skill_id = id_field("Only projects with an open need requiring this skill.")
    need_status = fields.String(
        validate=validate.OneOf(NEED_STATUSES),
        metadata={"description": "Only projects with at least one need in this status."},
    )
    sort = sort_field(("name", "created_at"), "name")


class JoinSchema(Schema):
    role = fields.String(
        load_default="contributor",
        validate=validate.OneOf(ROLES),
        metadata={
            "description": "holder or contributor (default); only holders and admins add holders."
        },
    )


class MembershipCreatedSchema(Schema):
    member_id = fields.String(metadata={"description": "The member."})
    project_id = fields.String(metadata={"description": "The project."})
    role = fields.String(metadata={"description": "Their role."})
