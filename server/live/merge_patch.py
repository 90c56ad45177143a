"""JSON Merge Patch (RFC 7386): the smallest patch from one view to the next, and applying it.

Views never hold null values (a null in a merge patch means "remove"), and whatever is
keyed by id is an object, so a change to one member's tile is a patch of that tile only.
Arrays are replaced whole, as the RFC says.
"""

from typing import Any

JsonObject = dict[str, Any]


def diff(old: JsonObject, new: JsonObject) -> JsonObject:
    """The merge patch that turns `old` into `new` ({} when they are equal)."""
    patch: JsonObject = {key: None for key in old if key not in new}
    for key, value in new.items():
        before = old.get(key, _MISSING)
        if before == value:
            continue
        if isinstance(value, dict) and isinstance(before, dict):
            patch[key] = diff(before, value)
        else:
            patch[key] = value
    return patch


def apply(target: Any, patch: Any) -> Any:
    """RFC 7386 MergePatch(target, patch); returns a new document, `target` is untouched."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = apply(result.get(key), value)
    return result


_MISSING = object()
