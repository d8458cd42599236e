"""/cities/{id}/stats and /cities/{id}/charts/{chart}: a city's dashboard data (managers)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from cachetools import TTLCache
from flask import Flask, Response, current_app
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import requires
from graphsvc.api.limits import costly
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


def _cached(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Computed once per key and ``CITY_STATS_SECONDS`` (a minute): refreshing a dashboard or
    drawing its four charts costs one computation, not five; and requests that arrive together
    for the same key wait for the one computing it instead of each computing it too."""
    cache, lock, flights = current_app.extensions[EXTENSION]
    if cache is None:
        return compute()
    with lock:
        found = cache.get(key)
        flight = flights.setdefault(key, threading.Lock()) if found is None else None
    if flight is None:
        return found
    with flight:
        with lock:
            found = cache.get(key)
        if found is None:
            found = compute()
            with lock:
                cache[key] = found
                flights.pop(key, None)
    return found


def cached_stats(city_id: str, radius_km: float, top: int) -> dict[str, Any]:
    return _cached(
        ("stats", city_id, radius_km, top),
        lambda: city_stats(get_store(), city_id, radius_km=radius_km, top=top),
    )


def init_app(app: Flask) -> None:
    seconds = app.config["CITY_STATS_SECONDS"]
    cache: TTLCache[Any, Any] | None = TTLCache(maxsize=512, ttl=seconds) if seconds > 0 else None
    app.extensions[EXTENSION] = (cache, threading.Lock(), {})


@blp.route("/<city_id>/stats")
class CityStats(MethodView):
    @requires("manager")
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, CityStatsSchema)
    @costly
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
    @costly
    def get(self, args: dict[str, Any], city_id: str, chart: str):
        """One picture of the city's stats: `skills` (supply against demand), `degrees`,
        `communities` or `introductions`, as SVG or PNG."""
        if chart not in charts.CHARTS:
            raise NotFound(f"No chart {chart!r}: choose one of {', '.join(charts.CHARTS)}.")
        radius_km, top, kind, lang = args["radius_km"], args["top"], args["format"], args["lang"]
        image = _cached(
            ("chart", city_id, radius_km, top, chart, kind, lang),
            lambda: charts.render(cached_stats(city_id, radius_km, top), chart, kind, lang),
        )
        return Response(image, mimetype=charts.FORMATS[args["format"]])
