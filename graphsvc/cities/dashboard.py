"""/cities/{id}/stats and /cities/{id}/charts/{chart}: a city's dashboard data (managers)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from cachetools import TTLCache
from flask import Flask, Response, current_app
from flask.views import MethodView

from graphsvc.api.auth import requires
from graphsvc.api.limits import costly
from graphsvc.cities import charts, offload, stats
from graphsvc.cities.schemas import (
    ChartArgs,
    CityStatsSchema,
    StatsArgs,
)
from graphsvc.cities.views import blp
from graphsvc.db import get_store
from graphsvc.errors import NotFound

EXTENSION = "graphsvc.city_stats"


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
    return _cached(("stats", city_id, radius_km, top), lambda: city_stats(city_id, radius_km, top))


def city_stats(city_id: str, radius_km: float, top: int) -> dict[str, Any]:
    """The city's analysis and the cities around it (up to the largest radius allowed) are
    kept per city: a manager moving the radius, or a caller asking a new radius each time,
    costs a sum over the city's open needs, not a query."""
    analysis = _cached(("analysis", city_id), lambda: _analysis(city_id))
    around = _cached(
        ("around", city_id),
        lambda: stats.nearby_cities(get_store(), city_id, stats.MAX_RADIUS_KM),
    )
    nearby = [city for city in around if city["distance_km"] <= radius_km]
    return stats.summarise(analysis, nearby, radius_km=radius_km, top=top)


def _analysis(city_id: str) -> dict[str, Any]:
    """Read here (the thread waits on Neo4j), analysed in the helper process (CPU)."""
    return offload.run(stats.analyse, stats.city_network(get_store(), city_id))


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
            lambda: offload.run(
                charts.render, cached_stats(city_id, radius_km, top), chart, kind, lang
            ),
        )
        return Response(image, mimetype=charts.FORMATS[args["format"]])
