"""A package's names loaded when first used (PEP 562), shared by the packages whose light
parts must be importable without their heavy ones (server.live, server.publish)."""

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def loader(package: str, homes: Mapping[str, str],
           namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The package's module `__getattr__`: a name of `homes` is imported from its module and
    kept in `namespace` (the package's globals), so the next access skips this call."""

    def load(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = namespace[name] = getattr(import_module(homes[name]), name)
        return value

    return load
