"""/skills: the vocabulary members and needs refer to, with its taxonomy."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from graphsvc.api.auth import requires
from graphsvc.api.common import (
    MAX_PAGE_SIZE,
    SearchText,
    SkillRefSchema,
    UpdateSchema,
    id_field,
    new_id,
    paging,
    sort_field,
    sorting,
    text_field,
)
from graphsvc.db import get_store
from graphsvc.limits import NAME_MAX, SKILL_DESCRIPTION_MAX
from graphsvc.skills import data

blp = Blueprint("skills", __name__, url_prefix="/skills", description="Skills and their taxonomy.")


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


@blp.route("")
class Skills(MethodView):
    @requires("frontend")
    @blp.arguments(SkillListArgs, location="query")
    @blp.response(200, SkillSchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    def get(self, args: dict[str, Any], pagination_parameters):
        """List skills, by name; filter by text, broader skill or top level."""
        total, items = data.list_skills(
            get_store(), text=args.get("text"), broader_id=args.get("broader_id"),
            top_level=args.get("top_level"), **sorting(args["sort"]), **paging(pagination_parameters),
        )  # fmt: skip
        pagination_parameters.item_count = total
        return items

    @requires("manager")
    @blp.arguments(SkillCreateSchema)
    @blp.response(201, SkillSchema)
    def post(self, body: dict[str, Any]):
        """Add a skill to the vocabulary (managers)."""
        broader_id = body.pop("broader_id", None)
        return data.create_skill(
            get_store(), {"id": body.pop("id", None) or new_id("s"), **body}, broader_id
        )


@blp.route("/<skill_id>")
class Skill(MethodView):
    @requires("frontend")
    @blp.response(200, SkillSchema)
    def get(self, skill_id: str):
        """A skill with its broader and narrower skills."""
        return data.get_skill(get_store(), skill_id)

    @requires("manager")
    @blp.arguments(SkillUpdateSchema)
    @blp.response(200, SkillSchema)
    def patch(self, changes: dict[str, Any], skill_id: str):
        """Rename a skill or move it in the taxonomy (managers; loops are refused)."""
        return data.update_skill(get_store(), skill_id, changes)

    @requires("admin")
    @blp.response(204)
    def delete(self, skill_id: str):
        """Delete an unused skill (admins; 409 while members hold it or needs require it)."""
        data.delete_skill(get_store(), skill_id)
