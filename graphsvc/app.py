"""The application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api

from graphsvc import config as settings
from graphsvc import db


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(settings.from_environment())
    app.config.update(
        API_TITLE="graphsvc",
        API_VERSION="0.1.0",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        JSON_SORT_KEYS=False,
    )
    app.config.update(config or {})
    db.init_app(app)
    api = Api(app)

    from graphsvc import health

    api.register_blueprint(health.blp)
    return app
