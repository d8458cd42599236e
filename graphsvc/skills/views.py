"""/skills: the vocabulary members and needs refer to, with its taxonomy."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView

from graphsvc.api.auth import requires
from graphsvc.api.common import (
    Blueprint,
    CountedPage,
    PagedRead,
    new_id,
    sorting,
)
from graphsvc.db import get_store
from graphsvc.skills import data
from graphsvc.skills.schemas import SkillCreateSchema, SkillListArgs, SkillSchema, SkillUpdateSchema

blp = Blueprint("skills", __name__, url_prefix="/skills", description="Skills and their taxonomy.")


@blp.route("")
class Skills(MethodView):
    @requires("frontend")
    @blp.arguments(SkillListArgs, location="query")
    @blp.response(200, SkillSchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, args: dict[str, Any]):
        """List skills, by name; filter by text, broader skill or top level."""
        return PagedRead(partial(
            data.list_skills, get_store(), text=args.get("text"), broader_id=args.get("broader_id"),
            top_level=args.get("top_level"), **sorting(args["sort"]),
        ))  # fmt: skip

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
