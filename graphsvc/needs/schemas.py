from __future__ import annotations

from datetime import datetime, timedelta

from marshmallow import Schema, fields, validate

from graphsvc.api.common import (
    CursorArgs,
    PlaceSchema,
    SearchText,
    SkillRefSchema,
    StrictBoolean,
    UpdateSchema,
    id_field,
    sort_field,
    text_field,
)
from graphsvc.limits import DESCRIPTION_MAX, NAME_MAX
from graphsvc.model import NEED_STATUSES

NEWEST_FIRST = "-created_at"


class OwnerSchema(Schema):
    kind = fields.String(metadata={"description": "project or member."})
    id = fields.String(metadata={"description": "The owner's id."})
    name = fields.String(metadata={"description": "The owner's name."})


class NeedSchema(Schema):
    id = fields.String(metadata={"description": "The need's id."})
    title = fields.String(metadata={"description": "What is needed, in a line."})
    description = fields.String(allow_none=True, metadata={"description": "More detail."})
    status = fields.String(metadata={"description": "open or filled."})
    remote = fields.Boolean(metadata={"description": "Can it be done remotely?"})
    created_at = fields.DateTime(metadata={"description": "When it was published."})
    filled_at = fields.DateTime(allow_none=True, metadata={"description": "When it was filled."})
    filled_by = fields.String(
        allow_none=True, metadata={"description": "The member who filled it."}
    )
    owner = fields.Nested(OwnerSchema, metadata={"description": "The project or member in need."})
    city = fields.Nested(
        PlaceSchema, allow_none=True, metadata={"description": "The owner's city."}
    )
    skills = fields.List(
        fields.Nested(SkillRefSchema), metadata={"description": "Skills it requires."}
    )


class NeedCreateSchema(Schema):
    id = id_field()
    title = text_field(NAME_MAX, "What is needed, in a line.", required=True)
    description = text_field(DESCRIPTION_MAX, "More detail.")
    remote = StrictBoolean(load_default=False, metadata={"description": "Can it be done remotely?"})
    skill_ids = fields.List(
        id_field("A skill id."),
        required=True,
        validate=validate.Length(1, 5),
        metadata={"description": "The skills it requires (1 to 5; GET /skills)."},
    )


class NeedUpdateSchema(UpdateSchema):
    title = text_field(NAME_MAX, "What is needed, in a line.")
    description = text_field(DESCRIPTION_MAX, "More detail; null removes it.", allow_none=True)
    remote = StrictBoolean(metadata={"description": "Can it be done remotely?"})


class FillSchema(Schema):
    member_id = id_field(
        "The member who fills it (becomes a contributor of a project's need).", required=True
    )


class NeedListArgs(SearchText, CursorArgs):
    CURSOR_SORTS = (NEWEST_FIRST,)
    city_id = id_field("Only needs of projects or members in this city.")
    skill_id = id_field("Only needs requiring this skill.")
    status = fields.String(
        validate=validate.OneOf(NEED_STATUSES), metadata={"description": "open or filled."}
    )
    remote = fields.Boolean(
        metadata={"description": "Only remote (true) or on-site (false) needs."}
    )
    sort = sort_field(("created_at", "title"), NEWEST_FIRST)

    def cursor_value_error(self, value: str) -> bool:
        """A time with its offset, in whole minutes (Neo4j's own rule: an offset with seconds
        cannot even be sent to it)."""
        try:
            offset = datetime.fromisoformat(value).utcoffset()
        except ValueError:
            return True
        return offset is None or offset % timedelta(minutes=1) != timedelta(0)
