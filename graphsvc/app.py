"""The application factory."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson
import swagger_ui_bundle
from flask import Flask, send_from_directory
from flask_cors import CORS
from flask_orjson import OrjsonProvider

from graphsvc import db, observability
from graphsvc.api import auth, body, caching, conventions, errors, limits, openapi, writes
from graphsvc.config import Settings
from graphsvc.recommendations.model import active_model
from graphsvc.recommendations.ranking import Ranking


class JSONProvider(OrjsonProvider):
    """orjson writes responses (UTF-8: "Léa", not "L\\u00e9a"), in a tenth of the time the
    standard library takes on a recommendation's 10 kB; request bodies are still read by the
    standard library, whose errors body.py turns into clear 4xx answers. Integer keys are
    allowed: marshmallow names a list item's errors by its index."""

    option = orjson.OPT_NAIVE_UTC | orjson.OPT_NON_STR_KEYS
    loads = staticmethod(json.loads)


def create_app(config: Settings | Mapping[str, Any] | None = None) -> Flask:
    """The app for ``config``: a ``Settings``, or a mapping of Flask config keys laid over the
    environment's settings (tests, the CLI)."""
    app = Flask(__name__)
    app.json = JSONProvider(app)
    if isinstance(config, Settings):
        app.config.update(config.flask_config())
        config = None
    else:
        app.config.update(Settings.from_environment().flask_config())
    app.config.update(
        API_TITLE="graphsvc",
        API_VERSION="0.1.0",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        # Served by the app itself from the swagger-ui-bundle package: no CDN, works offline.
        OPENAPI_SWAGGER_UI_URL="/docs/assets/",
        API_SPEC_OPTIONS={
            "security": [{"ApiKey": []}],
            "info": {
                "description": (
                    "Introductions along explained paths in a civic-engagement network. "
                    "Send an API key as `Authorization: Bearer <key>`; frontend keys name the "
                    f"member they act for in `{auth.ACTING_HEADER}`. Errors are RFC 9457 "
                    "problem details (`application/problem+json`): `{type, title, status, detail, "
                    "errors}`."
                )
            },
        },
    )
    app.config.update(config or {})
    db.init_app(app)
    api = errors.Api(app)
    api.spec.components.security_scheme(
        "ApiKey", {"type": "http", "scheme": "bearer", "description": "An API key (gsk_...)."}
    )
    errors.init_app(app, api)
    conventions.init_app(app)
    body.init_app(app)
    auth.init_app(app)
    writes.init_app(app, db.get_store_of(app))
    observability.init_app(app, db.get_store_of(app))
    caching.init_app(app)

    @app.get("/docs/assets/<path:filename>")
    def swagger_assets(filename: str):
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)

    from graphsvc import health
    from graphsvc.audit.views import blp as audit
    from graphsvc.cities import dashboard
    from graphsvc.cities.views import blp as cities
    from graphsvc.explore.views import blp as explore
    from graphsvc.explore.views import pages as explore_pages
    from graphsvc.introductions.views import blp as introductions
    from graphsvc.keys.views import blp as keys
    from graphsvc.members.views import blp as members
    from graphsvc.needs.views import blp as needs
    from graphsvc.projects.views import blp as projects
    from graphsvc.recommendations.views import blp as recommendations
    from graphsvc.search.views import blp as search
    from graphsvc.skills.views import blp as skills

    app.extensions["graphsvc.ranking"] = Ranking.from_settings(app.config.get("RANKING"))
    app.extensions["graphsvc.model"] = active_model(db.get_store_of(app))
    blueprints = (
        health.blp,
        members,
        projects,
        needs,
        skills,
        cities,
        search,
        keys,
        recommendations,
        introductions,
        audit,
        explore,
    )
    dashboard.init_app(app)
    limits.init_app(app, costly=recommendations)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.register_blueprint(explore_pages)
    openapi.document(api.spec)
    if app.config["CORS_ORIGINS"]:  # a frontend on another origin: only the ones configured
        CORS(
            app,
            origins=app.config["CORS_ORIGINS"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", auth.ACTING_HEADER,
                           writes.IDEMPOTENCY_HEADER, writes.REQUEST_ID_HEADER],
            expose_headers=["X-Pagination", "Link", "X-Request-Id", "Retry-After", "Location",
                            writes.REPLAYED_HEADER, "X-RateLimit-Remaining"],
            max_age=600,
        )  # fmt: skip
    return app
