from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import PlaceSchema, SkillRefSchema, id_field
from graphsvc.members.schemas import ProjectRefSchema

# How a recommendation was found, the same words for introductions, projects and mutual help.
FOUND_BY = ("network", "same_city", "radius", "remote")


def found_by_field(network: str, example: str | None = None) -> fields.String:
    """``found_by``: one vocabulary for every recommendation; ``network`` says what the walk
    means for this endpoint."""
    return fields.String(
        metadata={
            "enum": list(FOUND_BY),
            **({"example": example} if example else {}),
            "description": f"network ({network}), same_city (a need met in the same city), "
            "radius (within radius_km) or remote (anywhere, for a remote need).",
        }
    )


class RecommendationArgs(Schema):
    limit = fields.Integer(
        load_default=10,
        validate=validate.Range(1, 50),
        metadata={"description": "At most this many results (1-50)."},
    )
    city_id = id_field("Look around this city instead of the project's or member's own.")
    radius_km = fields.Float(
        validate=validate.Range(0, 1000),
        metadata={
            "description": "When widening (or for projects and matches), how far to look, in km."
        },
    )
    remote = fields.Boolean(
        load_default=True,
        metadata={"description": "Accept people anywhere for needs that can be met remotely."},
    )
    lang = fields.String(
        load_default="fr",
        validate=validate.OneOf(("fr", "en")),
        metadata={"description": "Language of the sentences: fr or en."},
    )


class IntroductionArgs(RecommendationArgs):
    max_hops = fields.Integer(
        load_default=2,
        validate=validate.Range(1, 2),
        metadata={
            "description": "Steps of the walk from the team (1-2); beyond, people are found by place."
        },
    )


class HeldSchema(Schema):
    id = fields.String(metadata={"description": "The skill the member holds."})
    name = fields.String(metadata={"description": "Its name."})
    level = fields.Integer(metadata={"description": "Their level, 1-5."})


class CoveredNeedSchema(Schema):
    id = fields.String(metadata={"description": "The need's id."})
    title = fields.String(metadata={"description": "The need's title."})
    skill = fields.Nested(SkillRefSchema, metadata={"description": "The skill the need requires."})
    held = fields.Nested(HeldSchema, metadata={"description": "The member's skill that meets it."})
    match = fields.String(
        metadata={"description": "exact, or narrower (a more specific skill; scored lower)."}
    )
    depth = fields.Integer(
        metadata={
            "description": "Taxonomy steps from the skill held up to the one required (0 = exact)."
        }
    )


class PathNodeSchema(Schema):
    kind = fields.String(metadata={"description": "member."})
    id = fields.String(metadata={"description": "The member's id."})
    name = fields.String(metadata={"description": "The member's name."})
    team = fields.Boolean(
        metadata={"description": "True for the project's team member the path starts from."}
    )


class PathRelationshipSchema(Schema):
    type = fields.String(
        metadata={"description": "KNOWS, or SHARES_PROJECT (both belong to `project`)."}
    )
    from_ = fields.String(data_key="from", attribute="from", metadata={"description": "Member id."})
    to = fields.String(metadata={"description": "Member id."})
    project = fields.Nested(
        ProjectRefSchema, metadata={"description": "The shared project (SHARES_PROJECT)."}
    )


class PathSchema(Schema):
    nodes = fields.List(
        fields.Nested(PathNodeSchema), metadata={"description": "From the team to the member."}
    )
    relationships = fields.List(
        fields.Nested(PathRelationshipSchema),
        metadata={"description": "Between consecutive nodes."},
    )


class PartyRefSchema(Schema):
    id = fields.String(metadata={"description": "The member's id."})
    name = fields.String(metadata={"description": "The member's name."})


class MemberRefSchema(Schema):
    id = fields.String(metadata={"description": "The member's id."})
    name = fields.String(metadata={"description": "The member's name."})
    city = fields.Nested(PlaceSchema, allow_none=True, metadata={"description": "Where they live."})


COMPONENTS = fields.Dict(
    keys=fields.String(),
    values=fields.Float(),
    metadata={
        "description": "The score's parts, which add up to it (see GET /ranking and README)."
    },
)


FEATURES = fields.Dict(
    keys=fields.String(),
    values=fields.Float(),
    metadata={"description": "The ranking model's inputs for this result (see GET /ranking)."},
)


class IntroductionSchema(Schema):
    member = fields.Nested(
        MemberRefSchema,
        metadata={
            "example": {
                "id": "m000117",
                "name": "Karim Benali",
                "city": {"id": "toulouse", "name": "Toulouse"},
            },
            "description": "Who to meet.",
        },
    )
    found_by = found_by_field(
        "the walk from the team",
        "network",
    )
    meets_need = fields.Boolean(
        metadata={
            "example": True,
            "description": "Whether they meet an open need (listed in `needs`). Those who do "
            "come first: through the team's network, then by place; people close to the team "
            "who meet none come last.",
        }
    )
    hops = fields.Integer(
        allow_none=True,
        metadata={"example": 2, "description": "Handshakes from the team (network results)."},
    )
    connections = fields.Integer(
        metadata={
            "example": 1,
            "description": "Distinct people one handshake closer to the team through whom they are reached.",
        }
    )
    needs = fields.List(
        fields.Nested(CoveredNeedSchema), metadata={"description": "The open needs they can meet."}
    )
    score = fields.Float(
        metadata={"example": 1.73, "description": "The sum of the components; higher first."}
    )
    components = COMPONENTS
    features = FEATURES
    distance_km = fields.Float(
        allow_none=True,
        metadata={
            "example": 0.0,
            "description": "From the project's city.",
        },
    )
    paths = fields.List(
        fields.Nested(PathSchema), metadata={"description": "Up to 3 paths from the team."}
    )
    explanation = fields.String(
        metadata={
            "example": "Sophie (équipe du projet) connaît Léa, qui connaît Karim — Karim a la "
            "compétence « Droit du travail ».",
            "description": "One readable sentence.",
        }
    )


class LackingSchema(Schema):
    need_id = fields.String(metadata={"description": "An open need."})
    need_title = fields.String(metadata={"description": "Its title."})
    remote = fields.Boolean(metadata={"description": "Can it be met remotely?"})
    skill_id = fields.String(metadata={"description": "A skill it requires that the team lacks."})
    skill_name = fields.String(metadata={"description": "Its name."})


class ProjectIntroductionsSchema(Schema):
    project = fields.Nested(ProjectRefSchema, metadata={"description": "The project."})
    lacking = fields.List(
        fields.Nested(LackingSchema), metadata={"description": "What its team lacks."}
    )
    introductions = fields.List(
        fields.Nested(IntroductionSchema), metadata={"description": "Best first."}
    )


class NeedOwnerSchema(Schema):
    kind = fields.String(metadata={"example": "project", "description": "project or member."})
    id = fields.String(metadata={"description": "The owner's id."})
    name = fields.String(metadata={"description": "Its name."})


class NeedRefSchema(Schema):
    id = fields.String(metadata={"description": "The need."})
    title = fields.String(allow_none=True, metadata={"description": "Its title."})
    open = fields.Boolean(
        metadata={"description": "Only an open need gets introductions; a filled one, none."}
    )
    owner = fields.Nested(NeedOwnerSchema, metadata={"description": "Who has the need."})


class NeedIntroductionsSchema(Schema):
    need = fields.Nested(NeedRefSchema, metadata={"description": "The need."})
    introductions = fields.List(
        fields.Nested(IntroductionSchema),
        metadata={"description": "Holders of a skill that meets it, best first."},
    )


class ProjectWithCitySchema(Schema):
    id = fields.String(metadata={"description": "The project's id."})
    name = fields.String(metadata={"description": "Its name."})
    city = fields.Nested(
        PlaceSchema, allow_none=True, metadata={"description": "Where it is based."}
    )


class ProjectSuggestionSchema(Schema):
    project = fields.Nested(ProjectWithCitySchema, metadata={"description": "The project."})
    found_by = found_by_field("its team is within two steps of the member")
    hops = fields.Integer(
        allow_none=True, metadata={"description": "Steps from the member to its team, if any."}
    )
    needs = fields.List(
        fields.Nested(CoveredNeedSchema),
        metadata={"description": "Its open needs the member can meet."},
    )
    distance_km = fields.Float(allow_none=True, metadata={"description": "From the member's city."})
    team_contacts = fields.List(
        fields.Nested(PartyRefSchema), metadata={"description": "Team members the member knows."}
    )
    score = fields.Float(metadata={"description": "The sum of the components; higher first."})
    components = COMPONENTS
    features = FEATURES
    explanation = fields.String(metadata={"description": "One readable sentence."})


class MemberProjectsSchema(Schema):
    member = fields.Nested(MemberRefSchema, metadata={"description": "The member."})
    projects = fields.List(
        fields.Nested(ProjectSuggestionSchema), metadata={"description": "Best first."}
    )


class MatchSchema(Schema):
    member = fields.Nested(MemberRefSchema, metadata={"description": "The other member."})
    found_by = found_by_field("within two steps of the member")
    both_ways = fields.Boolean(
        metadata={"description": "Each can help the other (the `mutual` component)."}
    )
    known = fields.Boolean(metadata={"description": "They already know each other."})
    you_help = fields.List(
        fields.Nested(CoveredNeedSchema),
        metadata={"description": "Their needs this member can meet."},
    )
    helps_you = fields.List(
        fields.Nested(CoveredNeedSchema),
        metadata={"description": "This member's needs they can meet."},
    )
    distance_km = fields.Float(allow_none=True, metadata={"description": "Between their cities."})
    score = fields.Float(metadata={"description": "The sum of the components; higher first."})
    components = COMPONENTS
    features = FEATURES
    explanation = fields.String(metadata={"description": "One readable sentence."})


class MemberMatchesSchema(Schema):
    member = fields.Nested(MemberRefSchema, metadata={"description": "The member."})
    matches = fields.List(fields.Nested(MatchSchema), metadata={"description": "Best first."})


class RankingModelSchema(Schema):
    version = fields.String(metadata={"description": "The model's version."})
    source = fields.String(
        metadata={"description": "default (shipped with the code) or tuned (by graphsvc tune)."}
    )
    created_at = fields.String(metadata={"description": "When it was fitted (ISO 8601)."})
    weights = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        metadata={"description": "Weight of each feature; a score is the sum of weight × value."},
    )
    metrics = fields.Dict(
        metadata={
            "description": "Recall@10 and MRR on validation joins the fit never saw, next to the "
            "previous model and personalized PageRank."
        }
    )
    graph = fields.Dict(metadata={"description": "Size of the graph it was fitted on."})
    fitted_on = fields.String(
        metadata={
            "description": "In words: the shipped default (fitted on another graph), or tuned "
            "on this graph, and when."
        }
    )
    training = fields.Dict(
        metadata={"description": "How many joins and projects it was fitted on."}
    )
