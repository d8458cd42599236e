"""Recommendations: introductions for a project, projects for a member, mutual help."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Response, current_app, jsonify
from flask.views import MethodView

from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import Blueprint
from graphsvc.db import get_store
from graphsvc.members.views import shown
from graphsvc.recommendations import data
from graphsvc.recommendations.introductions import Request
from graphsvc.recommendations.model import RankingModel
from graphsvc.recommendations.ranking import Ranking
from graphsvc.recommendations.schemas import (
    IntroductionArgs,
    MemberMatchesSchema,
    MemberProjectsSchema,
    NeedIntroductionsSchema,
    ProjectIntroductionsSchema,
    RankingModelSchema,
    RecommendationArgs,
)

blp = Blueprint(
    "recommendations", __name__, url_prefix="", description="Introductions along explained paths."
)
# Instances, not classes: webargs builds a schema from a class on every request (a deep copy of
# its fields), and these are the busiest endpoints. Loading does not change a schema.
INTRODUCTION_ARGS, RECOMMENDATION_ARGS = IntroductionArgs(), RecommendationArgs()


def ranking() -> Ranking:
    return current_app.extensions["graphsvc.ranking"]


def model() -> RankingModel:
    return current_app.extensions["graphsvc.model"]


def may_see():
    """The check that the caller may see a member, as the members' own views apply it."""
    principal = current_principal()
    return lambda member: shown({**member, "email": None}, principal)


def as_documented(result: dict[str, Any]) -> Response:
    """The result as JSON, already in its schema's shape.

    Recommendations are built field by field in the shape their schema documents (a test dumps
    them through the schema and finds them unchanged), so they skip marshmallow's dump, which
    cost about as much as the query itself.
    """
    return jsonify(result)


@blp.route("/projects/<project_id>/introductions")
class ProjectIntroductions(MethodView):
    @requires("frontend")
    @blp.arguments(INTRODUCTION_ARGS, location="query")
    @blp.response(200, ProjectIntroductionsSchema)
    def get(self, args: dict[str, Any], project_id: str):
        """The people likeliest to join the project, near its team or fit for its needs, explained."""
        request = Request(**args)
        return as_documented(data.for_project(get_store(), project_id, request, ranking(), model()))


@blp.route("/needs/<need_id>/introductions")
class NeedIntroductions(MethodView):
    @requires("frontend")
    @blp.arguments(INTRODUCTION_ARGS, location="query")
    @blp.response(200, NeedIntroductionsSchema)
    def get(self, args: dict[str, Any], need_id: str):
        """Holders of a skill that meets this need (a project's or a member's), explained."""
        request, visible = Request(**args), may_see()
        return as_documented(
            data.for_need(get_store(), need_id, request, ranking(), model(), visible)
        )


@blp.route("/members/<member_id>/projects")
class ProjectsForMember(MethodView):
    @requires("frontend")
    @blp.arguments(RECOMMENDATION_ARGS, location="query")
    @blp.response(200, MemberProjectsSchema)
    def get(self, args: dict[str, Any], member_id: str):
        """Projects the member is likeliest to join: their acquaintances' or ones needing their skills."""
        request, visible = Request(**args), may_see()
        return as_documented(
            data.projects_for(get_store(), member_id, request, ranking(), model(), visible)
        )


@blp.route("/members/<member_id>/matches")
class MutualHelp(MethodView):
    @requires("frontend")
    @blp.arguments(RECOMMENDATION_ARGS, location="query")
    @blp.response(200, MemberMatchesSchema)
    def get(self, args: dict[str, Any], member_id: str):
        """Members this one can help or be helped by, or is close to; help both ways scores higher."""
        request, visible = Request(**args), may_see()
        return as_documented(
            data.matches_for(get_store(), member_id, request, ranking(), model(), visible)
        )


@blp.route("/ranking")
class RankingInUse(MethodView):
    @requires("manager")
    @blp.response(200, RankingModelSchema)
    def get(self):
        """The model that ranks recommendations: its weights, and how it did on joins it never saw."""
        return {**asdict(model()), "fitted_on": model().fitted_on()}
