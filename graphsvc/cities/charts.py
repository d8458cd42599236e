"""A city's pictures, drawn from its stats with matplotlib: SVG for the dashboard (sharp at any
size), PNG at twice the usual density for reports (sharp on a HiDPI screen), in French or English.

A chart with nothing to show says so in a sentence, with no axes: an empty line plot otherwise
draws axes from -0.04 to 0.04, and a single month gets fractional ticks.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
LANGUAGES = ("fr", "en")

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "holding": "membres qui l'ont", "open_needs": "besoins ouverts",
        "skills_title": "Compétences : offre et demande", "links": "liens dans la ville",
        "members": "membres", "degrees_title": "Liens par membre",
        "communities_title": "Communautés (Louvain) : {count} en tout, les plus grandes",
        "proposed": "proposées", "accepted": "acceptées",
        "introductions_title": "Introductions pour les projets de la ville, par mois",
        "empty": {
            "skills": "Aucun besoin ouvert ni compétence à comparer.",
            "degrees": "Aucun membre relié dans la ville.",
            "communities": "Aucune communauté : trop peu de liens.",
            "introductions": "Aucune introduction pour l'instant.",
        },
    },
    "en": {
        "holding": "members holding it", "open_needs": "open needs",
        "skills_title": "Skills: supply and demand", "links": "links within the city",
        "members": "members", "degrees_title": "Links per member",
        "communities_title": "Communities (Louvain): {count} in all, largest shown",
        "proposed": "proposed", "accepted": "accepted",
        "introductions_title": "Introductions about the city's projects, per month",
        "empty": {
            "skills": "No open need nor skill to compare.",
            "degrees": "No linked member in the city.",
            "communities": "No community: too few links.",
            "introductions": "No introduction yet.",
        },
    },
}  # fmt: skip


def _supply_demand(stats: dict[str, Any], axes: Any, words: dict[str, Any]) -> None:
    skills = stats["skills"][::-1]
    positions = range(len(skills))
    axes.barh(
        [p + 0.2 for p in positions], [s["supply"] for s in skills], 0.4, label=words["holding"]
    )
    axes.barh(
        [p - 0.2 for p in positions], [s["demand"] for s in skills], 0.4, label=words["open_needs"]
    )
    axes.set_yticks(list(positions), [s["name"] for s in skills])
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(words["skills_title"])
    axes.legend(loc="best")


def _degrees(stats: dict[str, Any], axes: Any, words: dict[str, Any]) -> None:
    degrees = {int(d): n for d, n in stats["degrees"].items()}
    axes.bar(list(degrees), list(degrees.values()))
    axes.set_xlabel(words["links"])
    axes.set_ylabel(words["members"])
    for axis in (axes.xaxis, axes.yaxis):
        axis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(words["degrees_title"])


def _communities(stats: dict[str, Any], axes: Any, words: dict[str, Any]) -> None:
    sizes = [c["size"] for c in stats["communities"]]
    axes.bar([f"#{i + 1}" for i in range(len(sizes))], sizes)
    axes.set_ylabel(words["members"])
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(words["communities_title"].format(count=stats["community_count"]))


def _introductions(stats: dict[str, Any], axes: Any, words: dict[str, Any]) -> None:
    months = [m["month"] for m in stats["introductions"]]
    for field in ("proposed", "accepted"):
        axes.plot(
            months, [m[field] for m in stats["introductions"]], marker="o", label=words[field]
        )
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    axes.set_title(words["introductions_title"])
    axes.legend()
    axes.tick_params(axis="x", labelrotation=45)


CHARTS: dict[str, Callable[[dict[str, Any], Any, dict[str, Any]], None]] = {
    "skills": _supply_demand,
    "degrees": _degrees,
    "communities": _communities,
    "introductions": _introductions,
}
# Which of the stats each chart draws: empty, the chart is a sentence.
DRAWS = {"skills": "skills", "degrees": "degrees", "communities": "communities",
         "introductions": "introductions"}  # fmt: skip


def is_empty(stats: dict[str, Any], chart: str) -> bool:
    return not stats[DRAWS[chart]]


def render(stats: dict[str, Any], chart: str, fmt: str, lang: str = "fr") -> bytes:
    """One chart of a city's stats, as SVG or PNG bytes."""
    words = WORDS[lang if lang in LANGUAGES else "fr"]
    figure = Figure(figsize=(7, 4), layout="constrained")
    axes = figure.subplots()
    if is_empty(stats, chart):
        axes.set_axis_off()
        axes.text(
            0.5, 0.5, words["empty"][chart], ha="center", va="center", transform=axes.transAxes
        )
    else:
        CHARTS[chart](stats, axes, words)
    figure.suptitle(stats["city"]["name"])
    out = io.BytesIO()
    # A bare Figure: no pyplot, no display. PNG at 200 dpi: 1400 × 800 pixels. SVG keeps its
    # words as text (readable by screen readers and searchable), not as drawn outlines.
    with rc_context({"svg.fonttype": "none"}):
        figure.savefig(out, format=fmt, dpi=200 if fmt == "png" else 100)
    return out.getvalue()
