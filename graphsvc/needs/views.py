"""/needs, /projects/{id}/needs, /members/{id}/needs: what projects and members need."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView

from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import (
    NEXT_PAGE_HEADER,
    Blueprint,
    keyset_page,
    new_id,
)
from graphsvc.db import get_store
from graphsvc.errors import NotFound
from graphsvc.members.views import visible_member
from graphsvc.needs import data
from graphsvc.needs.schemas import (
    NEWEST_FIRST,
    FillSchema,
    NeedCreateSchema,
    NeedListArgs,
    NeedSchema,
    NeedUpdateSchema,
)
from graphsvc.projects import data as projects

blp = Blueprint("needs", __name__, url_prefix="", description="Needs of projects and members.")


def shown(need: dict[str, Any]) -> dict[str, Any]:
    """Who filled a need is named only to those who may see them."""
    filler = {"id": need["filled_by"], "consent": need.pop("filler_consent", True)}
    if need["filled_by"] and not current_principal().may_see(filler):
        need["filled_by"] = None
    return need


def _list(args: dict[str, Any], pagination_parameters, **owner: str):
    """Pages by number carry their total in `X-Pagination`; newest first, a page that has a next
    one links to it (`Link: rel="next"`, with a cursor), which skips the count."""
    filters = {
        **{k: args.get(k) for k in ("city_id", "skill_id", "status", "remote", "text")},
        **owner,
        "include_withdrawn": current_principal().is_staff,
    }
    items, link = keyset_page(
        pagination_parameters, args, get_store(), filters,
        list_items=data.list_needs, count_items=data.count_needs,
        cursor_of=(lambda n: (n["created_at"].isoformat(), n["id"]))
        if args["sort"] == NEWEST_FIRST else None,
    )  # fmt: skip
    return [shown(need) for need in items], link


def _create(body: dict[str, Any], **owner: str) -> dict[str, Any]:
    skill_ids = body.pop("skill_ids")
    need = {"id": body.pop("id", None) or new_id("n"), **body}
    authorize = current_principal().require_change
    return data.create_need(get_store(), need, skill_ids=skill_ids, authorize=authorize, **owner)


def visible_need(need_id: str) -> dict[str, Any]:
    need = data.get_need(get_store(), need_id)
    principal = current_principal()
    owner = need["owner"]
    if not principal.may_see(owner):
        raise NotFound(f"No need has id {need_id!r}.")
    return shown(need)


@blp.route("/needs")
class Needs(MethodView):
    @requires("frontend")
    @blp.arguments(NeedListArgs, location="query")
    @blp.response(200, NeedSchema(many=True), headers={"Link": NEXT_PAGE_HEADER})
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters):
        """List needs, filtered by city, skill, status, remote or title; newest first."""
        return _list(args, pagination_parameters)


@blp.route("/needs/<need_id>")
class Need(MethodView):
    @requires("frontend")
    @blp.response(200, NeedSchema)
    def get(self, need_id: str):
        """A need with its owner, city and required skills."""
        return visible_need(need_id)

    @requires("frontend")
    @blp.arguments(NeedUpdateSchema)
    @blp.response(200, NeedSchema)
    def patch(self, changes: dict[str, Any], need_id: str):
        """Change a need (its owner: a project holder or the member; or an admin)."""
        authorize = current_principal().require_change
        return shown(data.update_need(get_store(), need_id, changes, authorize))

    @requires("frontend")
    @blp.response(204)
    def delete(self, need_id: str):
        """Withdraw a need (its owner or an admin)."""
        data.delete_need(get_store(), need_id, current_principal().require_change)


@blp.route("/needs/<need_id>/fill")
class FillNeed(MethodView):
    @requires("frontend")
    @blp.arguments(FillSchema)
    @blp.response(200, NeedSchema)
    def post(self, body: dict[str, Any], need_id: str):
        """Mark a need filled by a member: for a project's need, a member of its team (its
        holders or an admin; 409 if already filled)."""
        filler = body["member_id"]
        authorize = partial(current_principal().require_fill, member_id=filler)
        return shown(data.fill_need(get_store(), need_id, filler, authorize))


@blp.route("/projects/<project_id>/needs")
class ProjectNeeds(MethodView):
    @requires("frontend")
    @blp.arguments(NeedListArgs, location="query")
    @blp.response(200, NeedSchema(many=True), headers={"Link": NEXT_PAGE_HEADER})
    @blp.paginate()
    def get(self, args: dict[str, Any], project_id: str, pagination_parameters):
        """A project's needs."""
        projects.get_project(get_store(), project_id)
        return _list(args, pagination_parameters, project_id=project_id)

    @requires("frontend")
    @blp.arguments(NeedCreateSchema)
    @blp.response(201, NeedSchema)
    def post(self, body: dict[str, Any], project_id: str):
        """Publish a need of a project (its holders or an admin)."""
        return _create(body, project_id=project_id)


@blp.route("/members/<member_id>/needs")
class MemberNeeds(MethodView):
    @requires("frontend")
    @blp.arguments(NeedListArgs, location="query")
    @blp.response(200, NeedSchema(many=True), headers={"Link": NEXT_PAGE_HEADER})
    @blp.paginate()
    def get(self, args: dict[str, Any], member_id: str, pagination_parameters):
        """A member's own needs."""
        visible_member(member_id)
        return _list(args, pagination_parameters, member_id=member_id)

    @requires("frontend")
    @blp.arguments(NeedCreateSchema)
    @blp.response(201, NeedSchema)
    def post(self, body: dict[str, Any], member_id: str):
        """Publish a need of a member (the member itself or an admin)."""
        return _create(body, member_id=member_id)
