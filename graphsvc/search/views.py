"""/search: full-text search over members, projects, skills, needs and cities."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask.views import MethodView

from graphsvc.api.auth import current_principal, requires
from graphsvc.api.common import Blueprint
from graphsvc.db import get_store
from graphsvc.search import data
from graphsvc.search.schemas import HitSchema, SearchArgs

blp = Blueprint("search", __name__, url_prefix="/search", description="Full-text search.")
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


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
