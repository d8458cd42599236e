from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import (
    CursorArgs,
    JsonInteger,
    PlaceSchema,
    SearchText,
    StrictBoolean,
    UpdateSchema,
    id_field,
    sort_field,
    text_field,
)
from graphsvc.limits import BIO_MAX, EMAIL_MAX, NAME_MAX
from graphsvc.model import SKILL_LEVELS

LEVEL = JsonInteger(
    required=True,
    validate=validate.OneOf(SKILL_LEVELS),
    metadata={"description": "1 (beginner) to 5 (expert)."},
)


class MemberSkillSchema(Schema):
    id = fields.String(metadata={"description": "The skill's id."})
    name = fields.String(metadata={"description": "The skill's French name."})
    level = fields.Integer(metadata={"description": "1 (beginner) to 5 (expert)."})


class MemberSchema(Schema):
    id = fields.String(metadata={"example": "m000042", "description": "The member's id."})
    name = fields.String(metadata={"example": "Sophie Martin", "description": "Full name."})
    bio = fields.String(
        allow_none=True,
        metadata={
            "example": "Comptable bénévole, 10 ans en association.",
            "description": "A few words about them.",
        },
    )
    email = fields.String(
        allow_none=True,
        metadata={
            "example": "sophie.martin@example.org",
            "description": "Contact address: only for admins and the member itself.",
        },
    )
    consent = fields.Boolean(
        metadata={
            "example": True,
            "description": "False: withdrew consent, never recommended, hidden from frontends.",
        }
    )
    joined_at = fields.DateTime(
        allow_none=True,
        metadata={"example": "2025-03-14T09:30:00+00:00", "description": "When they joined."},
    )
    city = fields.Nested(
        PlaceSchema,
        allow_none=True,
        metadata={
            "example": {"id": "toulouse", "name": "Toulouse"},
            "description": "Where they live.",
        },
    )
    skills = fields.List(
        fields.Nested(MemberSkillSchema),
        metadata={
            "example": [{"id": "comptabilite", "name": "Comptabilité", "level": 4}],
            "description": "Their skills (one member only).",
        },
    )


class SkillLevelSchema(Schema):
    id = id_field("A skill id (GET /skills).", required=True)
    level = LEVEL


class MemberCreateSchema(Schema):
    id = id_field()
    name = text_field(NAME_MAX, "Full name.", required=True)
    email = fields.Email(
        validate=validate.Length(max=EMAIL_MAX), metadata={"description": "Contact address."}
    )
    bio = text_field(BIO_MAX, "A few words about them.")
    consent = StrictBoolean(
        required=True, metadata={"description": "May they be recommended to others?"}
    )
    city_id = id_field("The city they live in (GET /cities).", required=True)
    skills = fields.List(
        fields.Nested(SkillLevelSchema),
        validate=validate.Length(max=50),
        load_default=list,
        metadata={"description": "Their skills with levels, at most 50."},
    )


class MemberUpdateSchema(UpdateSchema):
    name = text_field(NAME_MAX, "Full name.")
    email = fields.Email(
        allow_none=True,
        validate=validate.Length(max=EMAIL_MAX),
        metadata={"description": "null removes it."},
    )
    bio = text_field(BIO_MAX, "null removes it.", allow_none=True)
    consent = StrictBoolean(metadata={"description": "False withdraws consent."})
    city_id = id_field("Move to this city.")


class MemberExportSchema(Schema):
    id = fields.String(metadata={"description": "The member's id."})
    name = fields.String(metadata={"description": "Full name."})
    email = fields.String(allow_none=True, metadata={"description": "Contact address."})
    bio = fields.String(allow_none=True, metadata={"description": "A few words about them."})
    consent = fields.Boolean(metadata={"description": "May they be recommended to others?"})
    joined_at = fields.DateTime(allow_none=True, metadata={"description": "When they joined."})
    city = fields.Dict(allow_none=True, metadata={"description": "{id, name} of their city."})
    skills = fields.List(fields.Dict(), metadata={"description": "[{id, name, level}]."})
    needs = fields.List(fields.Dict(), metadata={"description": "Their own needs, all fields."})
    memberships = fields.List(
        fields.Dict(), metadata={"description": "[{project {id, name}, role, since}]."}
    )
    acquaintances = fields.List(
        fields.Dict(), metadata={"description": "[{id, since}]: the members they know."}
    )
    filled = fields.List(
        fields.Dict(), metadata={"description": "[{id, title, filled_at}]: needs they filled."}
    )
    introductions = fields.List(
        fields.Dict(),
        metadata={"description": "Introductions they took part in, with the parties' ids."},
    )
    keys = fields.List(
        fields.Dict(),
        metadata={
            "description": "[{id, name, role, created_at, revoked}]: API keys bound to them."
        },
    )
    audit = fields.List(
        fields.Dict(),
        metadata={
            "description": "[{id, at, request_id, key_id, role, acting_member, method, path}]: "
            "the audit log's entries naming them, oldest first."
        },
    )


class MemberListArgs(SearchText, CursorArgs):
    CURSOR_SORTS = ("name", "-name")
    city_id = id_field("Only members of this city.")
    skill_id = id_field("Only members holding this skill.")
    sort = sort_field(("name", "joined_at"), "name")


class LevelSchema(Schema):
    level = LEVEL


class AcquaintanceSchema(Schema):
    id = fields.String(metadata={"description": "The acquaintance's member id."})
    name = fields.String(metadata={"description": "Their name."})
    city = fields.Nested(PlaceSchema, allow_none=True, metadata={"description": "Where they live."})


class ProjectRefSchema(Schema):
    id = fields.String(metadata={"description": "The project's id."})
    name = fields.String(metadata={"description": "The project's name."})


class MembershipSchema(Schema):
    project = fields.Nested(ProjectRefSchema, metadata={"description": "The project."})
    role = fields.String(metadata={"description": "holder or contributor."})
    since = fields.Date(allow_none=True, metadata={"description": "Since when."})
