"""/projects: projects, their teams and memberships."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView

from graphsvc.access import Principal
from graphsvc.api.auth import current_principal, requires
from graphsvc.api.caching import if_match
from graphsvc.api.common import (
    NEXT_PAGE_HEADER,
    Blueprint,
    keyset_page,
    new_id,
    sorting,
)
from graphsvc.db import get_store
from graphsvc.errors import Invalid
from graphsvc.projects import data
from graphsvc.projects.schemas import (
    JoinSchema,
    MembershipCreatedSchema,
    ProjectCreateSchema,
    ProjectListArgs,
    ProjectSchema,
    ProjectUpdateSchema,
)

blp = Blueprint("projects", __name__, url_prefix="/projects", description="Projects and teams.")


def shown(project: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """Team members who withdrew consent stay hidden from frontends (but from themselves)."""
    team = [m for m in project["team"] if principal.may_see(m)]
    return {**project, "team": team}


@blp.route("")
class Projects(MethodView):
    @requires("frontend")
    @blp.arguments(ProjectListArgs, location="query")
    @blp.response(200, ProjectSchema(many=True), headers={"Link": NEXT_PAGE_HEADER})
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters):
        """List projects, filtered by city, needed skill, need status or name.

        Pages by number carry their total in `X-Pagination`. In name order, a page that has a
        next one links to it (`Link: rel="next"`, with a cursor), which skips the count.
        """
        filters = {k: args.get(k) for k in ("city_id", "skill_id", "need_status", "text")}
        return keyset_page(
            pagination_parameters, args, get_store(), filters,
            list_items=data.list_projects, count_items=data.count_projects,
            cursor_of=(lambda p: (p["name"], p["id"]))
            if sorting(args["sort"])["sort"] == "name" else None,
        )  # fmt: skip

    @requires("frontend")
    @blp.arguments(ProjectCreateSchema)
    @blp.response(201, ProjectSchema)
    def post(self, body: dict[str, Any]):
        """Publish a project; its holder is the acting member (or, for admins, `holder_id`)."""
        principal = current_principal()
        holder_id = principal.holder_of_new_project(body.pop("holder_id", None))
        if holder_id is None:
            raise Invalid("holder_id is required: who holds this project?")
        project = {"id": body.pop("id", None) or new_id("p"), **body}
        city_id = project.pop("city_id")
        created = data.create_project(get_store(), project, city_id=city_id, holder_id=holder_id)
        return shown(created, principal)


@blp.route("/<project_id>")
class Project(MethodView):
    @requires("frontend")
    @blp.response(200, ProjectSchema)
    def get(self, project_id: str):
        """A project with its city, team and number of open needs."""
        return shown(data.get_project(get_store(), project_id), current_principal())

    @requires("frontend")
    @blp.arguments(ProjectUpdateSchema)
    @blp.response(200, ProjectSchema)
    def patch(self, changes: dict[str, Any], project_id: str):
        """Change a project (its holders, or an admin)."""
        principal = current_principal()
        holder = principal.require_change
        unchanged = if_match(lambda project: ProjectSchema().dump(shown(project, principal)))
        project = data.update_project(get_store(), project_id, changes, holder, unchanged)
        return shown(project, principal)

    @requires("frontend")
    @blp.response(204)
    def delete(self, project_id: str):
        """Delete a project with its needs (its holders, or an admin)."""
        data.delete_project(get_store(), project_id, current_principal().require_change)


@blp.route("/<project_id>/members/<member_id>")
class Membership(MethodView):
    @requires("frontend")
    @blp.arguments(JoinSchema)
    @blp.response(201, MembershipCreatedSchema)
    def put(self, body: dict[str, Any], project_id: str, member_id: str):
        """Join a project (the member as contributor), or add someone (holders, admins)."""
        principal, role = current_principal(), body["role"]
        authorize = partial(principal.require_join, member_id=member_id, role=role)
        role = data.add_member(get_store(), project_id, member_id, role, authorize)
        return {"member_id": member_id, "project_id": project_id, "role": role}

    @requires("frontend")
    @blp.response(204)
    def delete(self, project_id: str, member_id: str):
        """Leave a project (the member), or remove someone (holders, admins)."""
        authorize = partial(current_principal().require_leave, member_id=member_id)
        data.remove_member(get_store(), project_id, member_id, authorize)
