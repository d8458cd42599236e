"""What the cities endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from graphsvc.api.common import (
    JsonInteger,
    JsonNumber,
    SearchText,
    UpdateSchema,
    id_field,
    sort_field,
    text_field,
)
from graphsvc.cities import charts
from graphsvc.cities.stats import MAX_RADIUS_KM, MAX_TOP
from graphsvc.limits import DEFAULT_RADIUS_KM, NAME_MAX, REGION_MAX

LATITUDE: dict[str, Any] = {
    "validate": validate.Range(-90, 90),
    "metadata": {"description": "WGS-84 latitude."},
}
LONGITUDE: dict[str, Any] = {
    "validate": validate.Range(-180, 180),
    "metadata": {"description": "WGS-84 longitude."},
}


def _described(field: fields.Field, description: str) -> fields.Field:
    field.metadata = {**field.metadata, "description": description}
    return field


class LocationSchema(Schema):
    latitude = fields.Float(metadata={"description": "WGS-84 latitude."})
    longitude = fields.Float(metadata={"description": "WGS-84 longitude."})


class CitySchema(Schema):
    id = fields.String(
        metadata={"description": "The city's id (city-<GeoNames id> for seeded ones)."}
    )
    name = fields.String(metadata={"description": "Its name."})
    population = fields.Integer(allow_none=True, metadata={"description": "Inhabitants."})
    region = fields.String(allow_none=True, metadata={"description": "Region code."})
    location = fields.Nested(
        LocationSchema, allow_none=True, metadata={"description": "Where it is."}
    )
    members = fields.Integer(metadata={"description": "Members living there (one city only)."})
    projects = fields.Integer(metadata={"description": "Projects based there (one city only)."})


class CityCreateSchema(Schema):
    id = id_field()
    name = text_field(NAME_MAX, "Its name.", required=True)
    population = JsonInteger(
        validate=validate.Range(0, 100_000_000),
        metadata={"description": "Inhabitants (at most 100 million)."},
    )
    region = text_field(REGION_MAX, "Region code.")
    latitude = JsonNumber(required=True, **LATITUDE)
    longitude = JsonNumber(required=True, **LONGITUDE)


class CityUpdateSchema(UpdateSchema):
    name = text_field(NAME_MAX, "Its name.")
    population = JsonInteger(
        validate=validate.Range(0, 100_000_000),
        metadata={"description": "Inhabitants (at most 100 million)."},
    )
    region = text_field(REGION_MAX, "Region code.")
    latitude = JsonNumber(**LATITUDE)
    longitude = JsonNumber(**LONGITUDE)


class CityListArgs(SearchText):
    sort = sort_field(("name", "population"), "name")


class StatsArgs(Schema):
    radius_km = fields.Float(
        load_default=DEFAULT_RADIUS_KM,
        validate=validate.Range(0, MAX_RADIUS_KM),
        metadata={"description": "How far 'within reach' and 'nearby cities' go (km)."},
    )
    top = fields.Integer(
        load_default=10,
        validate=validate.Range(1, MAX_TOP),
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
