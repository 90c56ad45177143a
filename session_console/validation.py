"""What a form field may hold, read from the models, and pydantic's complaints in the
console's words.

A form never copies a limit: `limits(Model, "field")` reads it from the model's field, so
the field that the secretary types into and the command it builds cannot disagree. A
`ValidationError` that still reaches the screen is told in Polish by `explain`, the one
place that translates pydantic ("String should have at most 40 characters").
"""

from dataclasses import dataclass, replace

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from session_console.i18n import _


@dataclass(frozen=True)
class Limits:
    """A text or number field's limits as the model states them (None: no limit)."""

    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None


def limits(model: type[BaseModel], field: str) -> Limits:
    """The limits of `model.field`, from its metadata (Field(max_length=...) and the like)."""
    found = Limits()
    for rule in model.model_fields[field].metadata:
        if isinstance(rule, MinLen):
            found = replace(found, min_length=rule.min_length)
        elif isinstance(rule, MaxLen):
            found = replace(found, max_length=rule.max_length)
        elif isinstance(rule, Ge) and isinstance(rule.ge, int):  # the forms' bounds are whole
            found = replace(found, ge=rule.ge)
        elif isinstance(rule, Le) and isinstance(rule.le, int):
            found = replace(found, le=rule.le)
    return found


def field_label(name: str) -> str:
    """A model field's name as a form labels it."""
    labels = {"subject": _("Subject"), "name": _("Name"), "role": _("Role"),
              "reason": _("Reason"), "number": _("Number"), "place": _("Place"),
              "title": _("Title"), "print_number": _("Print number"), "yes": _("yes"),
              "no": _("no"), "abstain": _("abstain"), "member": _("Member"),
              "date": _("Date"), "guest": _("Guest speaker"),
              "invalid": _("invalid ballots"), "ballots_issued": _("ballots issued"),
              "revote_reason": _("Grounds")}
    return labels.get(name, name)


def too_long(label: str, limit: int) -> str:
    return _("{field}: at most {limit} characters.").format(field=label, limit=limit)


def _one(error: ErrorDetails) -> str:
    names = [str(part) for part in error["loc"] if isinstance(part, str)]
    label = field_label(names[-1]) if names else _("Value")
    ctx = error.get("ctx", {})
    match error["type"]:
        case "string_too_long" | "too_long":
            return too_long(label, ctx.get("max_length", 0))
        case "string_too_short" | "too_short" | "missing":
            return _("{field}: type something.").format(field=label)
        case "greater_than_equal" | "greater_than":
            return _("{field}: at least {limit}.").format(
                field=label, limit=ctx.get("ge", ctx.get("gt", "")))
        case "less_than_equal" | "less_than":
            return _("{field}: at most {limit}.").format(
                field=label, limit=ctx.get("le", ctx.get("lt", "")))
        case "int_parsing" | "int_type" | "int_from_float":
            return _("{label}: type a whole number.").format(label=label)
        case "date_from_datetime_parsing" | "date_parsing" | "date_type":
            return _("The date must look like 2026-11-23.")
        case "string_pattern_mismatch":
            return _("{field}: letters, digits, dots, dashes and underscores only.").format(
                field=label)
    return _("{field}: this value is not allowed.").format(field=label)


def explain(error: ValidationError) -> str:
    """Every complaint of `error`, one per line, in the console's language."""
    return "\n".join(dict.fromkeys(_one(e) for e in error.errors()))
