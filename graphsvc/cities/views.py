"""/cities: local chapters (curated by managers)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import requires
from graphsvc.api.common import (
    MAX_PAGE_SIZE,
    JsonInteger,
    JsonNumber,
    SearchText,
    UpdateSchema,
    id_field,
    new_id,
    paging,
    sort_field,
    sorting,
    text_field,
)
from graphsvc.cities import data
from graphsvc.db import get_store
from graphsvc.limits import NAME_MAX, REGION_MAX

blp = Blueprint("cities", __name__, url_prefix="/cities", description="Cities: local chapters.")
LATITUDE: dict[str, Any] = {
    "validate": validate.Range(-90, 90),
    "metadata": {"description": "WGS-84 latitude."},
}
LONGITUDE: dict[str, Any] = {
    "validate": validate.Range(-180, 180),
    "metadata": {"description": "WGS-84 longitude."},
}


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


@blp.route("")
class Cities(MethodView):
    @requires("frontend")
    @blp.arguments(CityListArgs, location="query")
    @blp.response(200, CitySchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    def get(self, args: dict[str, Any], pagination_parameters):
        """List cities, by name or population."""
        total, items = data.list_cities(
            get_store(),
            text=args.get("text"),
            **sorting(args["sort"]),
            **paging(pagination_parameters),
        )
        pagination_parameters.item_count = total
        return items

    @requires("manager")
    @blp.arguments(CityCreateSchema)
    @blp.response(201, CitySchema)
    def post(self, body: dict[str, Any]):
        """Add a city (managers)."""
        latitude, longitude = body.pop("latitude"), body.pop("longitude")
        city = {"id": body.pop("id", None) or new_id("city"), **body}
        return data.create_city(get_store(), city, latitude=latitude, longitude=longitude)


@blp.route("/<city_id>")
class City(MethodView):
    @requires("frontend")
    @blp.response(200, CitySchema)
    def get(self, city_id: str):
        """A city with its numbers of members and projects."""
        return data.get_city(get_store(), city_id)

    @requires("manager")
    @blp.arguments(CityUpdateSchema)
    @blp.response(200, CitySchema)
    def patch(self, changes: dict[str, Any], city_id: str):
        """Correct a city (managers); the location changes when both coordinates are given."""
        latitude, longitude = changes.pop("latitude", None), changes.pop("longitude", None)
        return data.update_city(
            get_store(), city_id, changes, latitude=latitude, longitude=longitude
        )
