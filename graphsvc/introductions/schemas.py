"""What the introductions endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import UtcDateTime, id_field, text_field
from graphsvc.limits import MESSAGE_MAX


class IntroductionCreateSchema(Schema):
    target_id = id_field("The member to introduce.", required=True)
    requester_id = id_field("Who asks; a frontend key's acting member by default.")
    project_id = id_field("For this project (or give need_id).")
    need_id = id_field("For this need (or give project_id).")
    through_id = id_field("The acquaintance who makes the introduction, if any.")
    message = text_field(MESSAGE_MAX, "A few words to the member introduced.")


class DecisionSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(("accepted", "declined")),
        metadata={
            "description": "accepted (they become acquaintances, and contributor for a project) or declined."
        },
    )


class PartySchema(Schema):
    id = fields.String(
        allow_none=True,
        metadata={"description": "Member id; null (with the name) when they withdrew consent."},
    )
    name = fields.String(allow_none=True, metadata={"description": "Member name."})


class AboutProjectSchema(Schema):
    id = fields.String(metadata={"description": "Project id."})
    name = fields.String(metadata={"description": "Project name."})


class AboutNeedSchema(Schema):
    id = fields.String(metadata={"description": "Need id."})
    title = fields.String(metadata={"description": "Need title."})


class IntroductionRecordSchema(Schema):
    id = fields.String(metadata={"description": "The introduction's id."})
    status = fields.String(
        metadata={"description": "proposed, accepted, declined or expired (30 days unanswered)."}
    )
    created_at = fields.DateTime(metadata={"description": "When it was proposed."})
    decided_at = fields.DateTime(allow_none=True, metadata={"description": "When it was answered."})
    message = fields.String(allow_none=True, metadata={"description": "The requester's words."})
    requester = fields.Nested(PartySchema, metadata={"description": "Who asked."})
    target = fields.Nested(PartySchema, metadata={"description": "Who is introduced."})
    through = fields.Nested(
        PartySchema, allow_none=True, metadata={"description": "The intermediary."}
    )
    project = fields.Nested(
        AboutProjectSchema, allow_none=True, metadata={"description": "About this project."}
    )
    need = fields.Nested(
        AboutNeedSchema, allow_none=True, metadata={"description": "About this need."}
    )


class IntroductionFilters(Schema):
    status = fields.String(
        validate=validate.OneOf(("proposed", "accepted", "declined", "expired")),
        metadata={"description": "proposed, accepted, declined or expired."},
    )
    city_id = id_field("About a project based in this city (or a need of one).")
    project_id = id_field("About this project.")
    requester_id = id_field("Proposed by this member.")
    since = UtcDateTime(metadata={"description": "Proposed at or after this time."})
    until = UtcDateTime(metadata={"description": "Proposed before this time."})
