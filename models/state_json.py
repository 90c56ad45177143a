"""The state as JSON values and back, by the declared types of its frozen dataclasses.

One codec for every field the state has or will have: each dataclass is walked by its
fields and their annotations, so a field added to `models.state` needs no edit here as long
as its type is one of: `str`, `int`, `float`, `bool`, `None`, a `StrEnum`/`Enum`,
`datetime`/`date`/`time`, a tuple (`tuple[X, ...]` or fixed), a `frozenset`, a `Mapping`
(stored as `[key, value]` pairs: keys may be None), a `PMap`, a `Trail`, another frozen
dataclass, a pydantic model (its own JSON), or a union of these with None (or of pydantic
models only). Any other type is refused when its codec is built, with the field named.

The values made are what `json.dumps` writes; never pickle: a checkpoint is read by later
versions and must say exactly what it holds.
"""

import types
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel, TypeAdapter

from models.pmap import PMap
from models.trail import Trail

Json = Any  # what json.loads gives: dict, list, str, int, float, bool, None
Encode = Callable[[Any], Json]
Decode = Callable[[Json], Any]

_PLAIN: tuple[type, ...] = (str, int, bool)
_new = object.__new__
_set_attribute = object.__setattr__


class StateJsonError(TypeError):
    """A type the codec cannot store, or a value that does not fit its type."""


def _same(value: Any) -> Any:
    return value


def _union_members(annotation: Any) -> tuple[Any, ...] | None:
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        return get_args(annotation)
    return None


@cache
def encoder(annotation: Any) -> Encode:
    """The function that turns a value of `annotation` into JSON values."""
    return _codec(annotation)[0]


@cache
def decoder(annotation: Any) -> Decode:
    """The function that turns JSON values back into a value of `annotation`."""
    return _codec(annotation)[1]


@cache
def _codec(annotation: Any) -> tuple[Encode, Decode]:
    members = _union_members(annotation)
    if members is not None:
        return _union(annotation, members)
    origin = get_origin(annotation)
    if origin is not None:
        return _generic(annotation, origin, get_args(annotation))
    if annotation is type(None):
        return _same, _same
    if isinstance(annotation, type):
        return _simple(annotation)
    raise StateJsonError(f"the state cannot store a value of type {annotation!r}")


def _simple(cls: type) -> tuple[Encode, Decode]:
    if issubclass(cls, Enum):
        members = cls._value2member_map_  # what cls(value) looks up, without its call
        return (lambda value: value.value), (lambda data: members[data] if data in members else cls(data))
    if cls in _PLAIN:
        return _same, _same
    if cls is float:
        return _same, float
    if cls is datetime:
        return (lambda value: value.isoformat()), datetime.fromisoformat
    if cls is date:
        return (lambda value: value.isoformat()), date.fromisoformat
    if cls is time:
        return (lambda value: value.isoformat()), time.fromisoformat
    if issubclass(cls, BaseModel):
        model = cls
        return (lambda value: value.model_dump(mode="json")), model.model_validate
    if is_dataclass(cls):
        return _dataclass(cls)
    raise StateJsonError(f"the state cannot store a value of type {cls.__name__}")


def _union(annotation: Any, members: tuple[Any, ...]) -> tuple[Encode, Decode]:
    others = tuple(member for member in members if member is not type(None))
    if len(others) == 1:
        encode, decode = _codec(others[0])
        return ((lambda value: None if value is None else encode(value)),
                (lambda data: None if data is None else decode(data)))
    if all(isinstance(member, type) and issubclass(member, BaseModel) for member in others):
        adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        return ((lambda value: adapter.dump_python(value, mode="json")),
                adapter.validate_python)
    raise StateJsonError(f"the state cannot store a union {annotation!r}: only one type "
                         "or None, or pydantic models, can be told apart in JSON")


def _generic(annotation: Any, origin: Any, args: tuple[Any, ...]) -> tuple[Encode, Decode]:
    if origin is tuple:
        return _tuple(args)
    if origin is frozenset:
        encode, decode = _codec(args[0])
        return ((lambda value: sorted((encode(item) for item in value), key=repr)),
                (lambda data: frozenset(decode(item) for item in data)))
    if origin is PMap or origin in (dict, Mapping):
        return _mapping(args, PMap.built if origin is PMap else dict)
    if origin is Trail:
        encode, decode = _codec(args[0])
        return ((lambda value: [encode(item) for item in value]),
                (lambda data: _trail(decode(item) for item in data)))
    raise StateJsonError(f"the state cannot store a value of type {annotation!r}")


def _tuple(args: tuple[Any, ...]) -> tuple[Encode, Decode]:
    if len(args) == 2 and args[1] is Ellipsis:
        encode, decode = _codec(args[0])
        return ((lambda value: [encode(item) for item in value]),
                (lambda data: tuple(decode(item) for item in data)))
    codecs = tuple(_codec(arg) for arg in args)

    def encode_fixed(value: Any) -> Json:
        return [enc(item) for (enc, _dec), item in zip(codecs, value, strict=True)]

    def decode_fixed(data: Json) -> Any:
        return tuple(dec(item) for (_enc, dec), item in zip(codecs, data, strict=True))

    return encode_fixed, decode_fixed


def _mapping(args: tuple[Any, ...], made: Callable[[Any], Any]) -> tuple[Encode, Decode]:
    encode_key, decode_key = _codec(args[0])
    encode_value, decode_value = _codec(args[1])
    return ((lambda value: [[encode_key(k), encode_value(v)] for k, v in value.items()]),
            (lambda data: made([(decode_key(k), decode_value(v)) for k, v in data])))


def _trail(items: Any) -> Trail[Any]:
    trail: Trail[Any] = Trail()
    for item in items:
        trail = trail.push(item)
    return trail


def _dataclass(cls: type) -> tuple[Encode, Decode]:
    hints = get_type_hints(cls)
    codecs = tuple((f.name, *_codec(hints[f.name])) for f in fields(cls))
    names = frozenset(name for name, _enc, _dec in codecs)
    slotted = "__slots__" in cls.__dict__

    def encode(value: Any) -> Json:
        return {name: enc(getattr(value, name)) for name, enc, _dec in codecs}

    def decode(data: Json) -> Any:
        if not isinstance(data, dict) or data.keys() != names:
            found = sorted(data) if isinstance(data, dict) else type(data).__name__
            raise StateJsonError(f"{cls.__name__} has the fields {sorted(names)}, "
                                 f"not {found}")
        values = {name: dec(data[name]) for name, _enc, dec in codecs}
        if slotted:
            return cls(**values)
        made: Any = _new(cls)  # as `evolve` does: the fields as stored, no __init__ re-run
        _set_attribute(made, "__dict__", values)
        return made

    return encode, decode


def shape(root: type) -> str:
    """Every dataclass, pydantic model and enum the state reaches, with its fields and
    their types (or its values): what a stored state's meaning depends on."""
    lines: list[str] = []
    seen: set[Any] = set()

    def visit(annotation: Any) -> None:
        if annotation in seen:
            return
        seen.add(annotation)
        for arg in get_args(annotation):
            visit(arg)
        if not isinstance(annotation, type):
            return
        if issubclass(annotation, Enum):
            values = ",".join(str(member.value) for member in annotation)
            lines.append(f"enum {annotation.__qualname__}: {values}")
        elif issubclass(annotation, BaseModel):
            for name, info in annotation.model_fields.items():
                lines.append(f"model {annotation.__qualname__}.{name}: {info.annotation!r}")
                visit(info.annotation)
        elif is_dataclass(annotation):
            hints = get_type_hints(annotation)
            for item in fields(annotation):
                lines.append(f"class {annotation.__qualname__}.{item.name}: "
                             f"{hints[item.name]!r}")
                visit(hints[item.name])

    visit(root)
    return "\n".join(lines)
