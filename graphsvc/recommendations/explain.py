"""Readable explanations of a path, French by default, English on request."""

from __future__ import annotations

from typing import Any

TEXT = {
    "fr": {
        "team": "{name} (équipe du projet)",
        "knows": "connaît {name}",
        "project": "participe avec {name} au projet « {project} »",
        "then_knows": ", qui connaît {name}",
        "then_project": ", qui participe avec {name} au projet « {project} »",
        "skill": " — {name} a la compétence « {skill} »",
        "narrower": " — {name} a la compétence « {held} », plus précise que « {skill} »",
        "same_city": "{name} habite à {city}, comme le projet",
        "radius": "{name} habite à {city}, à {km:.0f} km du projet",
        "remote": "{name} peut aider à distance",
    },
    "en": {
        "team": "{name} (project team)",
        "knows": "knows {name}",
        "project": "works with {name} on the project “{project}”",
        "then_knows": ", who knows {name}",
        "then_project": ", who works with {name} on the project “{project}”",
        "skill": " — {name} has the skill “{skill}”",
        "narrower": " — {name} has the skill “{held}”, narrower than “{skill}”",
        "same_city": "{name} lives in {city}, like the project",
        "radius": "{name} lives in {city}, {km:.0f} km from the project",
        "remote": "{name} can help remotely",
    },
}


def path_sentence(path: dict[str, Any], lang: str) -> str:
    """'Léa (équipe du projet) connaît Karim, qui connaît Sophie'."""
    text = TEXT[lang]
    nodes, links = path["nodes"], path["relationships"]
    parts = [text["team"].format(name=nodes[0]["name"])]
    for index, link in enumerate(links):
        target = nodes[index + 1]["name"]
        kind = "project" if link["type"] == "SHARES_PROJECT" else "knows"
        key = kind if index == 0 else f"then_{kind}"
        sep = " " if index == 0 else ""
        parts.append(
            sep + text[key].format(name=target, project=link.get("project", {}).get("name"))
        )
    return "".join(parts)


def place_sentence(
    found_by: str, name: str, city: dict[str, Any], km: float | None, lang: str
) -> str:
    key = {"same_city": "same_city", "radius": "radius", "remote": "remote"}[found_by]
    return TEXT[lang][key].format(name=name, city=city["name"], km=km or 0)


def skills_sentence(name: str, covers: list[dict[str, Any]], lang: str) -> str:
    """' — Sophie a la compétence « comptabilité »', one clause per skill covered."""
    clauses: dict[str, str] = {}
    for cover in covers:
        key = "skill" if cover["depth"] == 0 else "narrower"
        clause = TEXT[lang][key].format(
            name=name, skill=cover["skill_name"], held=cover["held_name"]
        )
        clauses.setdefault(cover["skill_id"], clause.removeprefix(" — "))
    return " — " + "; ".join(clauses.values())
