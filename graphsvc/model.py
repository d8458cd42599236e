"""The graph model's fixed vocabulary: the only labels and relationship types any query uses.

Labels and types cannot be Cypher parameters, so whatever picks one at run time picks it from
these lists, never from user input.

    (Member)-[:LIVES_IN]->(City)              (Project)-[:BASED_IN]->(City)
    (Member)-[:HAS_SKILL {level}]->(Skill)    (Project)-[:HAS_NEED]->(Need)
    (Member)-[:KNOWS {since}]->(Member)       (Member)-[:HAS_NEED]->(Need)
    (Member)-[:MEMBER_OF {role}]->(Project)   (Need)-[:REQUIRES]->(Skill)
    (Skill)-[:BROADER]->(Skill)
    (Introduction)-[:FROM|TO|THROUGH]->(Member)   (Introduction)-[:ABOUT]->(Project or Need)
"""

from __future__ import annotations

from typing import Final, NamedTuple

NODE_LABELS: Final = ("City", "Skill", "Member", "Project", "Need", "Introduction")
ROLES: Final = ("holder", "contributor")
NEED_STATUSES: Final = ("open", "filled")
INTRODUCTION_STATUSES: Final = ("proposed", "accepted", "declined")
SKILL_LEVELS: Final = (1, 2, 3, 4, 5)


class Relation(NamedTuple):
    type: str
    start: str
    end: str

    @property
    def import_query(self) -> str:
        return f"import_{self.type.lower()}_{self.start.lower()}_{self.end.lower()}"


RELATIONS: Final = (
    Relation("LIVES_IN", "Member", "City"),
    Relation("HAS_SKILL", "Member", "Skill"),
    Relation("KNOWS", "Member", "Member"),
    Relation("MEMBER_OF", "Member", "Project"),
    Relation("BASED_IN", "Project", "City"),
    Relation("HAS_NEED", "Project", "Need"),
    Relation("HAS_NEED", "Member", "Need"),
    Relation("REQUIRES", "Need", "Skill"),
    Relation("BROADER", "Skill", "Skill"),
    # Introductions are records of the API's history; exported so that a restore keeps the
    # declined pairs the ranking leaves out, and the load each member carries.
    Relation("FROM", "Introduction", "Member"),
    Relation("TO", "Introduction", "Member"),
    Relation("THROUGH", "Introduction", "Member"),
    Relation("ABOUT", "Introduction", "Project"),
    Relation("ABOUT", "Introduction", "Need"),
)
RELATION_BY_KEY: Final = {(r.type, r.start, r.end): r for r in RELATIONS}
REL_TYPES: Final = tuple(dict.fromkeys(r.type for r in RELATIONS))


def node_import_query(label: str) -> str:
    return f"import_{label.lower()}_nodes"
