"""Publication for BIP: named vote lists and the sitting's record in every format.

The package's names are loaded when first used (PEP 562): the formats and the error type
(`server.publish.formats`, `server.publish.record`) are importable without the writers,
so the console and the command line start without them (docs/performance.md, issue 12).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from server.publish.formats import DEFAULT_FORMATS, FORMATS
    from server.publish.live import LivePublisher
    from server.publish.package import export_package
    from server.publish.record import ExportError

__all__ = ["DEFAULT_FORMATS", "FORMATS", "ExportError", "LivePublisher", "export_package"]
_HOMES = {"DEFAULT_FORMATS": "server.publish.formats", "FORMATS": "server.publish.formats",
          "ExportError": "server.publish.record", "LivePublisher": "server.publish.live",
          "export_package": "server.publish.package"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value  # the next access finds it without this call
    return value
