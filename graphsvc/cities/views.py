"""/cities: local chapters (curated by managers)."""

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
from graphsvc.cities import data
from graphsvc.cities.schemas import (
    CityCreateSchema,
    CityListArgs,
    CitySchema,
    CityUpdateSchema,
)
from graphsvc.db import get_store

blp = Blueprint("cities", __name__, url_prefix="/cities", description="Cities: local chapters.")


@blp.route("")
class Cities(MethodView):
    @requires("frontend")
    @blp.arguments(CityListArgs, location="query")
    @blp.response(200, CitySchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, args: dict[str, Any]):
        """List cities, by name or population."""
        return PagedRead(
            partial(data.list_cities, get_store(), text=args.get("text"), **sorting(args["sort"]))
        )

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
