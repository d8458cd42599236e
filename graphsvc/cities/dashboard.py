"""/cities/{id}/stats and /cities/{id}/charts/{chart}: a city's dashboard data (managers)."""

from __future__ import annotations

import threading
from typing import Any

from cachetools import TTLCache
from flask import Flask, Response, current_app
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import requires
from graphsvc.cities import charts
from graphsvc.cities.stats import city_stats
from graphsvc.cities.views import blp
from graphsvc.db import get_store
from graphsvc.errors import NotFound
from graphsvc.limits import DEFAULT_RADIUS_KM

EXTENSION = "graphsvc.city_stats"


def _described(field: fields.Field, description: str) -> fields.Field:
    field.metadata = {**field.metadata, "description": description}
    return field


class StatsArgs(Schema):
    radius_km = fields.Float(
        load_default=DEFAULT_RADIUS_KM,
        validate=validate.Range(0, 300),
        metadata={"description": "How far 'within reach' and 'nearby cities' go (km)."},
    )
    top = fields.Integer(
        load_default=10,
        validate=validate.Range(1, 100),
        metadata={"description": "How many entries per list (skills, connectors, communities)."},
    )


class ChartArgs(StatsArgs):
    format = fields.String(
        load_default="svg",
        validate=validate.OneOf(tuple(charts.FORMATS)),
        metadata={"description": "svg (for pages) or png (for reports, 1400 × 800 pixels)."},
    )
    lang = fields.String(
        load_default="fr",
        validate=validate.OneOf(charts.LANGUAGES),
        metadata={"description": "The chart's words: fr or en."},
    )


class NamedMemberSchema(Schema):
    id = _described(fields.String(), "Member id.")
    name = _described(fields.String(), "Member name.")
    betweenness = _described(fields.Float(), "Betweenness centrality (connectors only).")


class NamedSchema(Schema):
    id = _described(fields.String(), "Its id.")
    name = _described(fields.String(), "Its name.")


class LackingSkillSchema(NamedSchema):
    open_needs = _described(fields.Integer(), "Open needs for it that no member here can meet.")


class SkillBalanceSchema(NamedSchema):
    demand = _described(fields.Integer(), "Open needs of the city's projects requiring it.")
    supply = _described(fields.Integer(), "Consenting members of the city holding it.")


class NearbyCitySchema(NamedSchema):
    distance_km = _described(fields.Float(), "Distance from the city (km).")
    members_holding_lacking_skills = _described(
        fields.Integer(), "Its consenting members holding a lacking skill (counted per skill)."
    )
    skills = _described(fields.List(fields.String()), "The lacking skills they hold.")


class CommunitySchema(Schema):
    size = _described(fields.Integer(), "Members in it (withdrawn ones included).")
    central = _described(
        fields.List(fields.Nested(NamedMemberSchema)), "Its best-linked consenting members."
    )


class MonthSchema(Schema):
    month = _described(fields.String(), "YYYY-MM.")
    proposed = _described(fields.Integer(), "Introductions proposed that month.")
    accepted = _described(fields.Integer(), "Of them, accepted.")
    declined = _described(fields.Integer(), "Of them, declined.")
    acceptance_rate = _described(
        fields.Float(allow_none=True), "accepted ÷ (accepted + declined); null if none decided."
    )


class CityStatsSchema(Schema):
    city = _described(fields.Nested(NamedSchema), "The city.")
    radius_km = _described(fields.Float(), "The reach used.")
    truncated = _described(
        fields.Boolean(), "True if the city was too large to read whole (numbers are partial)."
    )
    members = _described(fields.Integer(), "Members living there.")
    withdrawn = _described(fields.Integer(), "Of them, who withdrew consent (never named).")
    projects = _described(fields.Integer(), "Projects based there.")
    open_needs = _described(fields.Integer(), "Open needs of those projects.")
    open_needs_met_in_city = _described(
        fields.Float(allow_none=True), "Share of them a consenting member of the city can meet."
    )
    open_needs_met_within_reach = _described(
        fields.Float(allow_none=True), "Share a consenting member within radius_km can meet."
    )
    lacking_skills = _described(
        fields.List(fields.Nested(LackingSkillSchema)), "Skills of the needs nobody here meets."
    )
    nearby_cities = _described(
        fields.List(fields.Nested(NearbyCitySchema)), "Cities within reach that could fill gaps."
    )
    isolated = _described(
        fields.List(fields.Nested(NamedSchema)),
        "Consenting members with no acquaintance and no project: the onboarding targets.",
    )
    isolated_withdrawn = _described(fields.Integer(), "Isolated members who withdrew consent.")
    connectors = _described(
        fields.List(fields.Nested(NamedMemberSchema)), "Members who bridge groups (betweenness)."
    )
    communities = _described(fields.List(fields.Nested(CommunitySchema)), "Largest first.")
    community_count = _described(fields.Integer(), "Communities among linked members.")
    degrees = _described(
        fields.Dict(keys=fields.String(), values=fields.Integer()),
        "Members per number of links within the city.",
    )
    skills = _described(
        fields.List(fields.Nested(SkillBalanceSchema)), "Most demanded skills: demand and supply."
    )
    introductions = _described(
        fields.List(fields.Nested(MonthSchema)), "Introductions about its projects, per month."
    )


def cached_stats(city_id: str, radius_km: float, top: int) -> dict[str, Any]:
    """Stats are cached per city (``CITY_STATS_SECONDS``, a minute): refreshing a dashboard or
    drawing its four charts costs one computation, not five."""
    cache, lock = current_app.extensions[EXTENSION]
    key = (city_id, radius_km, top)
    with lock:
        found = cache.get(key) if cache is not None else None
    if found is None:
        found = city_stats(get_store(), city_id, radius_km=radius_km, top=top)
        with lock:
            if cache is not None:
                cache[key] = found
    return found


def init_app(app: Flask) -> None:
    seconds = app.config["CITY_STATS_SECONDS"]
    cache: TTLCache[str, Any] | None = TTLCache(maxsize=256, ttl=seconds) if seconds > 0 else None
    app.extensions[EXTENSION] = (cache, threading.Lock())


@blp.route("/<city_id>/stats")
class CityStats(MethodView):
    @requires("manager")
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, CityStatsSchema)
    def get(self, args: dict[str, Any], city_id: str):
        """The city's network: isolated members, connectors, communities, gaps (cached 60 s)."""
        return cached_stats(city_id, args["radius_km"], args["top"])


IMAGE = {"schema": {"type": "string", "format": "binary"}}


@blp.route("/<city_id>/charts/<chart>")
class CityChart(MethodView):
    @requires("manager")
    @blp.arguments(ChartArgs, location="query")
    @blp.doc(
        responses={
            "200": {
                "description": "The chart.",
                "content": {kind: IMAGE for kind in charts.FORMATS.values()},
            }
        }
    )
    def get(self, args: dict[str, Any], city_id: str, chart: str):
        """One picture of the city's stats: `skills` (supply against demand), `degrees`,
        `communities` or `introductions`, as SVG or PNG."""
        if chart not in charts.CHARTS:
            raise NotFound(f"No chart {chart!r}: choose one of {', '.join(charts.CHARTS)}.")
        stats = cached_stats(city_id, args["radius_km"], args["top"])
        image = charts.render(stats, chart, args["format"], args["lang"])
        return Response(image, mimetype=charts.FORMATS[args["format"]])
