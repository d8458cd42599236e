"""What the skills endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from marshmallow import Schema, fields

from graphsvc.api.common import (
    SearchText,
    SkillRefSchema,
    UpdateSchema,
    id_field,
    sort_field,
    text_field,
)
from graphsvc.limits import NAME_MAX, SKILL_DESCRIPTION_MAX


class SkillSchema(Schema):
    id = fields.String(metadata={"description": "A slug of the French name, e.g. comptabilite."})
    name = fields.String(metadata={"description": "French name."})
    name_en = fields.String(allow_none=True, metadata={"description": "English name."})
    description = fields.String(allow_none=True, metadata={"description": "What it covers."})
    broader = fields.Nested(
        SkillRefSchema, allow_none=True, metadata={"description": "The broader skill."}
    )
    narrower = fields.List(
        fields.Nested(SkillRefSchema), metadata={"description": "Narrower skills (one skill only)."}
    )
    holders = fields.Integer(metadata={"description": "How many members hold it."})


class SkillCreateSchema(Schema):
    id = id_field()
    name = text_field(NAME_MAX, "French name.", required=True)
    name_en = text_field(NAME_MAX, "English name.")
    description = text_field(SKILL_DESCRIPTION_MAX, "What it covers.")
    broader_id = id_field("The broader skill, if any.")


class SkillUpdateSchema(UpdateSchema):
    name = text_field(NAME_MAX, "French name.")
    name_en = text_field(NAME_MAX, "English name; null removes it.", allow_none=True)
    description = text_field(
        SKILL_DESCRIPTION_MAX, "What it covers; null removes it.", allow_none=True
    )
    broader_id = id_field("The broader skill; null makes it top-level.", allow_none=True)


class SkillListArgs(SearchText):
    broader_id = id_field("Only the direct narrower skills of this one.")
    top_level = fields.Boolean(metadata={"description": "Only skills without a broader one."})
    sort = sort_field(("name",), "name")
