"""/search: full-text search over members, projects, skills, needs and cities."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import current_principal, requires
from graphsvc.db import get_store
from graphsvc.search import data

blp = Blueprint("search", __name__, url_prefix="/search", description="Full-text search.")
KINDS = ("member", "project", "skill", "need", "city")
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


class SearchArgs(Schema):
    q = fields.String(
        required=True,
        validate=validate.Length(1, 100),
        metadata={"description": "Words to find; accents and case do not matter ('comptabilite')."},
    )
    kind = fields.List(
        fields.String(validate=validate.OneOf(KINDS)),
        load_default=lambda: list(KINDS),
        metadata={"description": "Restrict to these kinds (repeat the parameter)."},
    )
    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(1, 100),
        metadata={"description": "At most this many hits."},
    )


class HitSchema(Schema):
    kind = fields.String(metadata={"description": "member, project, skill, need or city."})
    id = fields.String(metadata={"description": "Its id."})
    name = fields.String(metadata={"description": "Its name or title."})
    score = fields.Float(metadata={"description": "Relevance (higher is better)."})


def lucene_query(text: str) -> str:
    """User words as a safe Lucene query: each word as a quoted phrase (boosted) or as a prefix.

    Quoting keeps AND/OR/NOT and special characters literal; prefix terms skip the analyzer, so
    they are folded to ASCII lower case here, as the index folds its terms, and escaped.
    """
    terms = []
    for word in text.split():
        phrase = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
        folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
        prefix = LUCENE_SPECIAL.sub(r"\\\1", folded)
        terms.append(f"({phrase}^2 OR {prefix}*)" if prefix else phrase)
    return " AND ".join(terms)


@blp.route("")
class Search(MethodView):
    @requires("frontend")
    @blp.arguments(SearchArgs, location="query")
    @blp.response(200, HitSchema(many=True))
    def get(self, args: dict[str, Any]):
        """Search names, titles, descriptions and bios, best matches first."""
        query = lucene_query(args["q"])
        if not query:
            return []
        return data.search(
            get_store(), query, kinds=args["kind"], limit=args["limit"],
            include_withdrawn=current_principal().is_staff,
        )  # fmt: skip
