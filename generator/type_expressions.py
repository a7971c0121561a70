"""Parse the `type:` of a field: `string`, `Event`, `list<Event>`, `map<list<integer>>`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator import ir


@dataclass(frozen=True)
class Named:
    """A name the parser has not resolved yet: a scalar, a model or an enum."""

    name: str
    offset: int  # where the name starts in the expression, for error columns


@dataclass(frozen=True)
class Wrapped:
    kind: str  # "list" or "map"
    inner: Expression


Expression = Named | Wrapped


class TypeSyntaxError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# Far more than any real type needs; keeps the recursive parser and every
# target's recursive type writers far from Python's recursion limit.
MAX_NESTING = 32

_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[<>,])|(?P<other>\S))"
)


@functools.lru_cache(
    maxsize=4096
)  # specs repeat the same few types; results are frozen
def parse(text: str) -> Expression:
    tokens: list[tuple[str, int]] = []
    for match in _TOKEN.finditer(text):
        value = match.group("name") or match.group("punct") or match.group("other")
        if value is None:
            break
        if match.group("other"):
            raise TypeSyntaxError(
                f"unexpected character '{value}' in type '{text}'", match.start("other")
            )
        tokens.append((value, match.start(match.lastgroup or 0)))
    if not tokens:
        raise TypeSyntaxError("the type is empty", 0)
    expression, position = _expression(text, tokens, 0, 0)
    if position < len(tokens):
        value, offset = tokens[position]
        raise TypeSyntaxError(
            f"unexpected '{value}' after the end of type '{text}'", offset
        )
    return expression


def _expression(
    text: str, tokens: list[tuple[str, int]], position: int, depth: int
) -> tuple[Expression, int]:
    if position >= len(tokens):
        offset = len(text)
        raise TypeSyntaxError(
            f"type '{text}' ends where a type name was expected", offset
        )
    value, offset = tokens[position]
    if not (value[0].isalpha() or value[0] == "_"):
        raise TypeSyntaxError(
            f"expected a type name in '{text}', found '{value}'", offset
        )
    if (
        value not in ("list", "map")
        or position + 1 >= len(tokens)
        or tokens[position + 1][0] != "<"
    ):
        return Named(value, offset), position + 1
    if position + 2 < len(tokens) and tokens[position + 2][0] == ">":
        raise TypeSyntaxError(
            f"'{value}<>' needs a type inside the brackets", tokens[position + 2][1]
        )
    if depth >= MAX_NESTING:
        raise TypeSyntaxError(
            f"type nests more than {MAX_NESTING} lists and maps", offset
        )
    inner, position = _expression(text, tokens, position + 2, depth + 1)
    if position >= len(tokens):
        raise TypeSyntaxError(
            f"missing '>' to close '{value}<' in type '{text}'", len(text)
        )
    closing, closing_offset = tokens[position]
    if closing == "," and value == "map":
        raise TypeSyntaxError(
            "map keys are always strings: write 'map<VALUE>', not a key type and a value type",
            closing_offset,
        )
    if closing != ">":
        raise TypeSyntaxError(
            f"expected '>' to close '{value}<', found '{closing}'", closing_offset
        )
    return Wrapped(value, inner), position + 1


def scalar_kind(name: str) -> ir.ScalarKind | None:
    for kind in ir.SCALAR_KINDS:
        if kind == name:
            return kind
    return None
