"""Recommendations: introductions for a project, projects for a member, mutual help."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from graphsvc.api.auth import requires
from graphsvc.db import get_store
from graphsvc.recommendations.introductions import Request, introductions_for_project
from graphsvc.recommendations.ranking import Ranking
from graphsvc.recommendations.schemas import IntroductionArgs, ProjectIntroductionsSchema

blp = Blueprint(
    "recommendations", __name__, url_prefix="", description="Introductions along explained paths."
)


def ranking() -> Ranking:
    return current_app.extensions["graphsvc.ranking"]


@blp.route("/projects/<project_id>/introductions")
class ProjectIntroductions(MethodView):
    @requires("frontend")
    @blp.arguments(IntroductionArgs, location="query")
    @blp.response(200, ProjectIntroductionsSchema)
    def get(self, args: dict[str, Any], project_id: str):
        """Members within a few handshakes of the team who hold what its open needs lack."""
        request = Request(**args)
        return get_store().read_unit(
            lambda tx: introductions_for_project(tx, project_id, request, ranking())
        )
