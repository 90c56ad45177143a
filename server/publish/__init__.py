"""Publication for BIP: named vote lists and the sitting's record in every format."""

from server.publish.live import LivePublisher
from server.publish.package import DEFAULT_FORMATS, FORMATS, export_package
from server.publish.record import ExportError

__all__ = ["DEFAULT_FORMATS", "FORMATS", "ExportError", "LivePublisher", "export_package"]
