"""A city's pictures, drawn from its stats with matplotlib, as SVG (the dashboard) or PNG (reports)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from matplotlib.figure import Figure

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def _supply_demand(stats: dict[str, Any], axes) -> None:
    skills = stats["skills"][::-1]
    names = [s["name"] for s in skills]
    positions = range(len(skills))
    axes.barh(
        [p + 0.2 for p in positions], [s["supply"] for s in skills], 0.4, label="members holding it"
    )
    axes.barh([p - 0.2 for p in positions], [s["demand"] for s in skills], 0.4, label="open needs")
    axes.set_yticks(list(positions), names)
    axes.set_title("Skills: supply against demand")
    axes.legend(loc="best")


def _degrees(stats: dict[str, Any], axes) -> None:
    degrees = {int(d): n for d, n in stats["degrees"].items()}
    axes.bar(list(degrees), list(degrees.values()))
    axes.set_xlabel("links within the city (acquaintances and co-members)")
    axes.set_ylabel("members")
    axes.set_title("Degree distribution")


def _communities(stats: dict[str, Any], axes) -> None:
    sizes = [c["size"] for c in stats["communities"]]
    axes.bar([f"#{i + 1}" for i in range(len(sizes))], sizes)
    axes.set_ylabel("members")
    axes.set_title(f"Communities (Louvain): {stats['community_count']} in all, largest shown")


def _introductions(stats: dict[str, Any], axes) -> None:
    if not stats["introductions"]:
        axes.text(
            0.5, 0.5, "No introduction yet", ha="center", va="center", transform=axes.transAxes
        )
    months = [m["month"] for m in stats["introductions"]]
    axes.plot(months, [m["proposed"] for m in stats["introductions"]], marker="o", label="proposed")
    axes.plot(months, [m["accepted"] for m in stats["introductions"]], marker="o", label="accepted")
    axes.set_title("Introductions about the city's projects, per month")
    axes.legend()
    axes.tick_params(axis="x", labelrotation=45)


CHARTS: dict[str, Callable[[dict[str, Any], Any], None]] = {
    "skills": _supply_demand,
    "degrees": _degrees,
    "communities": _communities,
    "introductions": _introductions,
}


def render(stats: dict[str, Any], chart: str, fmt: str) -> bytes:
    """One chart of a city's stats, as SVG or PNG bytes."""
    figure = Figure(figsize=(7, 4), layout="constrained")
    axes = figure.subplots()
    CHARTS[chart](stats, axes)
    figure.suptitle(stats["city"]["name"])
    out = io.BytesIO()
    figure.savefig(
        out, format=fmt, dpi=100
    )  # a bare Figure: no pyplot, no display, no global state
    return out.getvalue()
