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
        "skill": " — {name} a la compétence {skills}",
        "skills": " — {name} a les compétences {skills}",
        "quoted": "« {skill} »",
        "narrower_for": "« {held} » (pour « {skill} »)",
        "and": " et ",
        "same_city": "{name} habite à {city}, comme le projet",
        "radius": "{name} habite à {city}, à {km:.0f} km du projet",
        "remote": "{name} peut aider à distance",
        "somewhere": "{name} a une compétence dont le projet a besoin",
        "no_need": " (ne répond à aucun besoin ouvert)",
        "project_at": "Le projet « {project} » ({city}, {km:.0f} km)",
        "project_named": "Le projet « {project} »",
        "project_needs": " a besoin de « {skill} »",
        "project_narrower": " a besoin de « {skill} » — votre compétence « {held} » est plus précise",
        "project_contacts": " ; vous connaissez {names}, de son équipe",
        "project_friends": " ; des personnes que vous connaissez connaissent son équipe",
        "you_help": "Vous pouvez aider {name} pour « {skill} »",
        "helps_you": "{name} peut vous aider pour « {skill} »",
        "both": " — et réciproquement",
        "you_know": "Vous connaissez {name}",
        "near_you": "{name} est proche de vous dans le réseau",
    },
    "en": {
        "team": "{name} (project team)",
        "knows": "knows {name}",
        "project": "works with {name} on the project “{project}”",
        "then_knows": ", who knows {name}",
        "then_project": ", who works with {name} on the project “{project}”",
        "skill": " — {name} has the skill {skills}",
        "skills": " — {name} has the skills {skills}",
        "quoted": "“{skill}”",
        "narrower_for": "“{held}” (for “{skill}”)",
        "and": " and ",
        "same_city": "{name} lives in {city}, like the project",
        "radius": "{name} lives in {city}, {km:.0f} km from the project",
        "remote": "{name} can help remotely",
        "somewhere": "{name} has a skill the project needs",
        "no_need": " (meets no open need)",
        "project_at": "The project “{project}” ({city}, {km:.0f} km)",
        "project_named": "The project “{project}”",
        "project_needs": " needs “{skill}”",
        "project_narrower": " needs “{skill}” — your skill “{held}” is narrower",
        "project_contacts": "; you know {names} from its team",
        "project_friends": "; people you know know its team",
        "you_help": "You can help {name} with “{skill}”",
        "helps_you": "{name} can help you with “{skill}”",
        "both": " — and the other way round",
        "you_know": "You know {name}",
        "near_you": "{name} is close to you in the network",
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
    found_by: str, name: str, city: dict[str, Any] | None, km: float | None, lang: str
) -> str:
    """Where someone found by place lives; a member without a city is still named (a place
    search only finds them for a remote need, or when asked for the city they do not have)."""
    if city is None and found_by != "remote":
        return TEXT[lang]["somewhere"].format(name=name)
    return TEXT[lang][found_by].format(name=name, city=(city or {}).get("name"), km=km or 0)


def meets_no_need(lang: str) -> str:
    """The mark of someone close to the team who meets none of its open needs."""
    return TEXT[lang]["no_need"]


def skills_sentence(name: str, covers: list[dict[str, Any]], lang: str) -> str:
    """' — Sophie a les compétences « Comptabilité » et « Droit du travail »': one clause."""
    if not covers:
        return ""
    text = TEXT[lang]
    held = list(dict.fromkeys(
        text["quoted"].format(skill=c["held_name"]) if c["depth"] == 0
        else text["narrower_for"].format(held=c["held_name"], skill=c["skill_name"])
        for c in covers
    ))  # fmt: skip
    listed = held[0] if len(held) == 1 else ", ".join(held[:-1]) + text["and"] + held[-1]
    return text["skills" if len(held) > 1 else "skill"].format(name=name, skills=listed)


def project_sentence(found: dict[str, Any], covers: list[dict[str, Any]], lang: str) -> str:
    """'Le projet « Jardin » (Toulouse, 3 km) a besoin de « Comptabilité » ; vous connaissez Léa'."""
    text, project = TEXT[lang], found["project"]
    if project["city"] is None or found["distance_km"] is None:
        place = text["project_named"].format(project=project["name"])
    else:
        place = text["project_at"].format(
            project=project["name"], city=project["city"]["name"], km=found["distance_km"]
        )
    if covers:
        first = covers[0]
        key = "project_needs" if first["depth"] == 0 else "project_narrower"
        sentence = place + text[key].format(skill=first["skill_name"], held=first["held_name"])
    else:
        sentence = place
    if found["team_contacts"]:
        names = ", ".join(t["name"] for t in found["team_contacts"])
        sentence += text["project_contacts"].format(names=names)
    elif found["hops"] == 2:
        sentence += text["project_friends"]
    return sentence + "."


def match_sentence(
    name: str, gives: list[dict[str, Any]], receives: list[dict[str, Any]], known: bool, lang: str
) -> str:
    """'Vous pouvez aider Zoé pour « Comptabilité » — et réciproquement', or how they are near."""
    text = TEXT[lang]
    if gives:
        sentence = text["you_help"].format(name=name, skill=gives[0]["skill_name"])
        return sentence + (text["both"] if receives else "") + "."
    if receives:
        return text["helps_you"].format(name=name, skill=receives[0]["skill_name"]) + "."
    return text["you_know" if known else "near_you"].format(name=name) + "."
