"""The community managers' explorer: two pages and the JSON they read.

The pages (``/explore``, ``/explore/cities/{id}``) are static shells: they hold no data and need
no key to load. The manager enters a key once; the page keeps it in the browser's localStorage
(so a dashboard opened in a new tab has it; "forget" removes it; never in a cookie, never sent
to another site) and sends it with
every fetch to the documented JSON endpoints: ``/search``, ``/explore/neighbourhood``,
``/projects/{id}/introductions``, ``/cities/{id}/stats`` and ``/cities/{id}/charts/...``.
Cytoscape.js comes from the npm registry at build time (``make assets``) and is served by the
app, like every other asset: no CDN.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint as PageBlueprint
from flask import render_template, request
from flask.views import MethodView

from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import Blueprint
from graphsvc.db import get_store
from graphsvc.explore import data
from graphsvc.explore.data import MAX_NODES_PER_HOP
from graphsvc.explore.schemas import (
    NeighbourhoodArgs,
    NeighbourhoodSchema,
)
from graphsvc.explore.texts import TEXTS, language

pages = PageBlueprint(
    "explore_pages", __name__, url_prefix="/explore", template_folder="templates",
    static_folder="static", static_url_path="/assets",
)  # fmt: skip
blp = Blueprint(
    "explore", __name__, url_prefix="/explore", description="The graph explorer's data (managers)."
)


def _page(template: str, **context: Any) -> str:
    """A page in one language: French unless ``?lang=en``, with a link to the other one."""
    lang = language(request.args.get("lang"))
    other = "en" if lang == "fr" else "fr"
    query = {**request.args.to_dict(), "lang": other}
    if other == "fr":
        query.pop("lang")
    other_href = f"{request.path}?{urlencode(query)}" if query else request.path
    return render_template(
        template, lang=lang, t=TEXTS[lang], other_lang=other, other_href=other_href, **context
    )  # fmt: skip


@pages.get("")
def explorer():
    return _page("explore.html")


@pages.get("/cities/<city_id>")
def city_dashboard(city_id: str):
    return _page("city.html", city_id=city_id)


@blp.route("/neighbourhood")
class Neighbourhood(MethodView):
    @requires("manager")
    @blp.arguments(NeighbourhoodArgs, location="query")
    @blp.response(200, NeighbourhoodSchema)
    def get(self, args: dict[str, Any]):
        """A node and its neighbours (1 or 2 hops, at most 250 new nodes per hop), as a graph."""
        return data.neighbourhood(
            get_store(), args["kind"], args["id"], hops=args["hops"], types=args["types"],
            city_id=args.get("city_id"), include_withdrawn=current_principal().is_staff,
            limit=MAX_NODES_PER_HOP,
        )  # fmt: skip
