"""Who may do what: the roles, the principal a request acts as, and the one permission table.

Access is decided here and nowhere else, so that a rule reads once and the README prints the
same table the code follows. The module knows nothing of HTTP: ``api/auth.py`` finds the
principal from the request's key, and a refusal is a domain ``Forbidden``. Writes ask inside
their own transaction (``authorize`` callbacks in the data modules), so the team a check saw is
the team the write changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphsvc.errors import Forbidden

ACTING_HEADER = "X-Acting-Member"


class Role(StrEnum):
    """Ordered: each role may do what the ones before it may."""

    FRONTEND = "frontend"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


ROLES: tuple[str, ...] = tuple(role.value for role in Role)

# What each role may do, as the README prints it (a test keeps the two equal). "Own" means the
# member a frontend key acts for (X-Acting-Member, or the member its key is bound to).
PERMISSIONS: tuple[tuple[str, str, str, str], ...] = (
    ("action", "frontend", "manager", "admin"),
    ("read recommendations, profiles, projects, needs, cities, skills", "yes", "yes", "yes"),
    ("see members who withdrew consent", "themselves", "yes", "yes"),
    ("see e-mail addresses", "own", "no", "yes"),
    ("register a member", "own (or new)", "no", "yes"),
    ("change or erase a member, their skills, needs, acquaintances", "own", "no", "yes"),
    ("publish a project", "as its holder", "no", "yes"),
    ("change a project and its needs; remove a team member", "its holders", "no", "yes"),
    ("mark a project's need filled, by a member of its team", "its holders", "no", "yes"),
    ("join a project (as contributor) or leave it", "own", "no", "yes"),
    ("propose an introduction", "own", "yes", "yes"),
    ("answer an introduction", "its target", "no", "yes"),
    ("follow introductions up, audit, dashboards, explorer", "no", "yes", "yes"),
    ("curate skills and cities", "no", "yes", "yes"),
    ("manage API keys", "no", "no", "yes"),
)


@dataclass(frozen=True)
class Principal:
    """The caller: its key, its role, and for a frontend key the member whose session it is."""

    key_id: str
    role: Role
    acting_member: str | None

    def at_least(self, role: Role | str) -> bool:
        return self.role.rank >= Role(role).rank

    @property
    def is_staff(self) -> bool:
        """Managers and admins see members who withdrew consent."""
        return self.at_least(Role.MANAGER)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def acts_for(self, member_id: str | None) -> bool:
        return (
            self.role is Role.FRONTEND and member_id is not None and self.acting_member == member_id
        )

    def may_see(self, member: Mapping[str, Any]) -> bool:
        """A member who withdrew consent is named to staff and to themselves only."""
        return bool(member["consent"]) or self.is_staff or self.acting_member == member["id"]

    def sees_contact_of(self, member_id: str) -> bool:
        return self.is_admin or self.acting_member == member_id

    def may_change(self, subject: Mapping[str, Any]) -> bool:
        """A project (a dict with its ``team``): the admin or a frontend key acting for one of its
        holders. A member (anything else with an ``id``): the admin or that member's own key."""
        if self.is_admin:
            return True
        if "team" in subject:
            holders = {m["id"] for m in subject["team"] if m["role"] == "holder"}
            return self.role is Role.FRONTEND and self.acting_member in holders
        return self.acts_for(subject["id"])

    def require_change(self, subject: Mapping[str, Any]) -> None:
        if self.may_change(subject):
            return
        if "team" in subject:
            raise Forbidden(
                f"Only a holder of project {subject['id']!r} (acting through a frontend key) or "
                "an admin may change it."
            )
        raise Forbidden(
            f"This key may not act for member {subject['id']!r}: a frontend key writes only for "
            f"the member named in {ACTING_HEADER}; managers curate skills and cities only."
        )

    def require_join(self, project: Mapping[str, Any], member_id: str, role: str) -> None:
        """Nobody joins a team without an act of their own: a member joins as contributor
        through their own key (or by accepting an introduction); only an admin adds others."""
        if self.is_admin or (role == "contributor" and self.acts_for(member_id)):
            return
        raise Forbidden(
            f"{member_id!r} joins project {project['id']!r} by themselves (as contributor, "
            "through their own frontend key) or by accepting an introduction; holders invite "
            "them with POST /introductions."
        )

    def require_leave(self, project: Mapping[str, Any], member_id: str) -> None:
        """A member leaves on their own; holders and admins remove anyone."""
        if not self.acts_for(member_id):
            self.require_change(project)

    def require_fill(self, owner: Mapping[str, Any], member_id: str) -> None:
        """A project's need is marked filled by one of its holders, naming a member of its team
        (an admin may name anyone, who then joins the team); a member's need by that member."""
        self.require_change(owner)
        team = {m["id"] for m in owner.get("team", ())}
        if "team" in owner and not self.is_admin and member_id not in team:
            raise Forbidden(
                f"{member_id!r} is not on the team of project {owner['id']!r}: a need is filled "
                "by a team member. They join first (as contributor, through their own key) or "
                "accept an introduction."
            )

    def require_answer(self, introduction: Mapping[str, Any]) -> None:
        """Only the member introduced answers (or an admin): a manager proposes, not decides."""
        if not (self.is_admin or self.acts_for(introduction["target"]["id"])):
            raise Forbidden(
                "Only the member introduced answers an introduction, through their own key."
            )

    def require_registration(self, member_id: str) -> None:
        if self.role is Role.MANAGER:
            raise Forbidden(
                "Managers curate skills and cities; members register through a frontend."
            )
        if self.role is Role.FRONTEND and self.acting_member not in (None, member_id):
            raise Forbidden("A frontend key acting for a member cannot register another one.")

    def holder_of_new_project(self, holder_id: str | None) -> str | None:
        """Who holds a project this key publishes: the acting member, or for an admin the one
        named (None when it names no one)."""
        if self.role is Role.FRONTEND:
            if self.acting_member is None or holder_id not in (None, self.acting_member):
                raise Forbidden("A frontend key publishes projects for the member it acts for.")
            return self.acting_member
        if not self.is_admin:
            raise Forbidden("Managers do not publish projects; members do, through a frontend.")
        return holder_id

    def requester_of(self, requester_id: str | None) -> str | None:
        """Who proposes an introduction: a frontend key for the member it acts for only."""
        if self.role is Role.FRONTEND and requester_id not in (None, self.acting_member):
            raise Forbidden("A frontend key proposes introductions for the member it acts for.")
        return requester_id or self.acting_member

    def may_follow(self, parties: set[str]) -> bool:
        """An introduction is seen by its parties (requester, target, go-between) and staff."""
        return self.is_staff or self.acting_member in parties

    def require_own_or_staff(self, member_id: str, what: str) -> None:
        """What concerns one member only (their introductions): themselves or staff."""
        if not (self.is_staff or self.acting_member == member_id):
            raise Forbidden(f"Only the member (or a manager) {what}.")


def permissions_table() -> str:
    """The permission table as Markdown, as the README prints it."""
    header, *rows = PERMISSIONS
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
