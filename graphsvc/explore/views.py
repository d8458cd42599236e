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
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import id_field
from graphsvc.db import get_store
from graphsvc.explore import data
from graphsvc.explore.data import KINDS, MAX_NODES_PER_HOP, TYPES
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


class NeighbourhoodArgs(Schema):
    kind = fields.String(
        required=True, validate=validate.OneOf(KINDS), metadata={"description": "What `id` is."}
    )
    id = id_field("The node to start from.", required=True)
    hops = fields.Integer(
        load_default=1, validate=validate.Range(1, 2), metadata={"description": "1 or 2."}
    )
    types = fields.List(
        fields.String(validate=validate.OneOf(TYPES)),
        load_default=lambda: list(TYPES),
        metadata={"description": "Relationship types to follow (repeat the parameter)."},
    )
    city_id = id_field("Only members living in this city.")


class GraphNodeSchema(Schema):
    id = fields.String(metadata={"description": "The node's id."})
    kind = fields.String(metadata={"description": "member, project, skill, city or need."})
    label = fields.String(metadata={"description": "Its name (or a need's title)."})
    consent = fields.Boolean(
        allow_none=True, metadata={"description": "Members: false if they withdrew consent."}
    )
    links = fields.Integer(
        metadata={"description": "Its number of relationships, of every type: its importance."}
    )


class GraphEdgeSchema(Schema):
    source = fields.String(metadata={"description": "Start node id."})
    target = fields.String(metadata={"description": "End node id."})
    type = fields.String(metadata={"description": "Relationship type."})


class NeighbourhoodSchema(Schema):
    nodes = fields.List(
        fields.Nested(GraphNodeSchema), metadata={"description": "The start node first."}
    )
    edges = fields.List(fields.Nested(GraphEdgeSchema), metadata={"description": "Between them."})


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
