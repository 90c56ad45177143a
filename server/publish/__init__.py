"""Publication for BIP: named vote lists and the sitting's record in every format.

The package's names are loaded when first used (PEP 562): the formats and the error type
(`server.publish.formats`, `server.publish.record`) are importable without the writers,
so the console and the command line start without them (docs/performance.md, issue 12).
"""

from typing import TYPE_CHECKING

from server.lazy_names import loader

if TYPE_CHECKING:
    from server.publish.formats import DEFAULT_FORMATS, FORMATS
    from server.publish.live import LivePublisher
    from server.publish.package import export_package
    from server.publish.record import ExportError

__all__ = ["DEFAULT_FORMATS", "FORMATS", "ExportError", "LivePublisher", "export_package"]
_HOMES = {"DEFAULT_FORMATS": "server.publish.formats", "FORMATS": "server.publish.formats",
          "ExportError": "server.publish.record", "LivePublisher": "server.publish.live",
          "export_package": "server.publish.package"}

__getattr__ = loader(__name__, _HOMES, globals())
