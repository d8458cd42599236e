"""/members: profiles, their skills, acquaintances and memberships."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView

from graphsvc.access import Principal
from graphsvc.api.auth import current_principal, forget_cached_keys, requires
from graphsvc.api.caching import if_match
from graphsvc.api.common import (
    NEXT_PAGE_HEADER,
    Blueprint,
    CountedPage,
    PagedRead,
    keyset_page,
    new_id,
    sorting,
)
from graphsvc.db import get_store
from graphsvc.errors import Conflict, NotFound
from graphsvc.members import data
from graphsvc.members.schemas import (
    AcquaintanceSchema,
    LevelSchema,
    MemberCreateSchema,
    MemberExportSchema,
    MemberListArgs,
    MemberSchema,
    MembershipSchema,
    MemberUpdateSchema,
)

blp = Blueprint("members", __name__, url_prefix="/members", description="Members of the network.")


def shown(member: dict[str, Any], principal: Principal) -> dict[str, Any]:
    """What this caller may see of a member: withdrawn members only for staff and themselves,
    contact details only for admins and themselves."""
    if not principal.may_see(member):
        raise NotFound(f"No member has id {member['id']!r}.")
    if not principal.sees_contact_of(member["id"]):
        member = {**member, "email": None}
    return member


def visible_member(member_id: str) -> dict[str, Any]:
    return shown(data.get_member(get_store(), member_id), current_principal())


@blp.route("")
class Members(MethodView):
    @requires("frontend")
    @blp.arguments(MemberListArgs, location="query")
    @blp.response(200, MemberSchema(many=True), headers={"Link": NEXT_PAGE_HEADER})
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters):
        """List members, filtered by city, skill or name.

        Pages by number carry their total in `X-Pagination`. In name order, a page that has a
        next one links to it (`Link: rel="next"`, with a cursor), which reads only that page
        however deep it is and skips the count.
        """
        principal = current_principal()
        filters = {
            "city_id": args.get("city_id"),
            "skill_id": args.get("skill_id"),
            "text": args.get("text"),
            "include_withdrawn": principal.is_staff,
            "viewer": principal.acting_member,
        }
        items, link = keyset_page(
            pagination_parameters, args, get_store(), filters,
            list_items=data.list_members, count_items=data.count_members,
            cursor_of=(lambda m: (m["name"], m["id"]))
            if sorting(args["sort"])["sort"] == "name" else None,
        )  # fmt: skip
        return [shown(m, principal) for m in items], link

    @requires("frontend")
    @blp.arguments(MemberCreateSchema)
    @blp.response(201, MemberSchema)
    def post(self, body: dict[str, Any]):
        """Register a member with their city and skills (frontend or admin)."""
        member_id = body.pop("id", None) or new_id("m")
        current_principal().require_registration(member_id)
        city_id, skills = body.pop("city_id"), body.pop("skills")
        member = data.create_member(
            get_store(), {"id": member_id, **body}, city_id=city_id, skills=skills
        )
        return {**member, "email": member.get("email")}


@blp.route("/<member_id>")
class Member(MethodView):
    @requires("frontend")
    @blp.response(200, MemberSchema)
    def get(self, member_id: str):
        """A member's profile with their city and skills."""
        return visible_member(member_id)

    @requires("frontend")
    @blp.arguments(MemberUpdateSchema)
    @blp.response(200, MemberSchema)
    def patch(self, changes: dict[str, Any], member_id: str):
        """Change a member's profile, consent or city (the member itself, or an admin)."""
        principal = current_principal()
        principal.require_change({"id": member_id})
        unchanged = if_match(lambda member: MemberSchema().dump(shown(member, principal)))
        return shown(data.update_member(get_store(), member_id, changes, unchanged), principal)

    @requires("frontend")
    @blp.response(204)
    def delete(self, member_id: str):
        """Erase a member (the member itself, or an admin): the profile, skills, own needs and
        relationships are deleted; introductions they took part in are kept anonymised; keys
        bound to them are revoked. This cannot be undone."""
        current_principal().require_change({"id": member_id})
        data.delete_member(get_store(), member_id)
        forget_cached_keys()


@blp.route("/<member_id>/export")
class MemberExport(MethodView):
    @requires("frontend")
    @blp.response(200, MemberExportSchema)
    def get(self, member_id: str):
        """Everything held about a member, machine-readable (the member itself, or an admin)."""
        current_principal().require_change({"id": member_id})
        return data.export_member(get_store(), member_id)


@blp.route("/<member_id>/skills/<skill_id>")
class MemberSkill(MethodView):
    @requires("frontend")
    @blp.arguments(LevelSchema)
    @blp.response(200, MemberSchema)
    def put(self, body: dict[str, Any], member_id: str, skill_id: str):
        """Add a skill to a member, or change its level."""
        current_principal().require_change({"id": member_id})
        return shown(
            data.set_skill(get_store(), member_id, skill_id, body["level"]), current_principal()
        )

    @requires("frontend")
    @blp.response(204)
    def delete(self, member_id: str, skill_id: str):
        """Remove a skill from a member."""
        current_principal().require_change({"id": member_id})
        data.remove_skill(get_store(), member_id, skill_id)


@blp.route("/<member_id>/acquaintances")
class Acquaintances(MethodView):
    @requires("frontend")
    @blp.response(200, AcquaintanceSchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, member_id: str):
        """The members this one knows (KNOWS, either direction)."""
        visible_member(member_id)
        return PagedRead(partial(
            data.list_acquaintances, get_store(), member_id,
            include_withdrawn=current_principal().is_staff,
        ))  # fmt: skip


@blp.route("/<member_id>/acquaintances/<other_id>")
class Acquaintance(MethodView):
    @requires("frontend")
    @blp.response(201, AcquaintanceSchema)
    def put(self, member_id: str, other_id: str):
        """Record that two members know each other (409 if they already do)."""
        current_principal().require_change({"id": member_id})
        if not data.add_acquaintance(get_store(), member_id, other_id):
            raise Conflict(f"{member_id!r} and {other_id!r} already know each other.")
        other = data.get_member(get_store(), other_id)
        return {"id": other["id"], "name": other["name"], "city": other["city"]}

    @requires("frontend")
    @blp.response(204)
    def delete(self, member_id: str, other_id: str):
        """Forget an acquaintance."""
        current_principal().require_change({"id": member_id})
        data.remove_acquaintance(get_store(), member_id, other_id)


@blp.route("/<member_id>/memberships")
class Memberships(MethodView):
    @requires("frontend")
    @blp.response(200, MembershipSchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, member_id: str):
        """The projects a member belongs to, with their role."""
        visible_member(member_id)
        return PagedRead(partial(data.list_memberships, get_store(), member_id))
