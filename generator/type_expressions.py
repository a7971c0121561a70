"""Parse the `type:` of a field: `string`, `Event`, `list<Event>`, `map<string?>`,
`string | list<string>`.

Grammar (whitespace is free between tokens):

    union    := element ('|' element)*
    element  := primary '?'?                 (`?`: the value may also be null)
    primary  := NAME | 'list' '<' union '>' | 'map' '<' union '>'
    NAME     := IDENT ('.' IDENT)?          (`common.Usage`: a type of the imported spec `common`)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator import ir


@dataclass(frozen=True)
class Named:
    """A name the parser has not resolved yet: a scalar, a model, an enum or a union."""

    name: str
    offset: int  # where the name starts in the expression, for error columns


@dataclass(frozen=True)
class Wrapped:
    kind: str  # "list" or "map"
    inner: Expression


@dataclass(frozen=True)
class OrNull:
    """`T?`: a T, or null."""

    inner: Expression
    offset: int  # where the `?` stands


@dataclass(frozen=True)
class Either:
    """`A | B | ...`: a value of any of the members."""

    members: tuple[Expression, ...]
    offsets: tuple[int, ...]  # where each member starts


Expression = Named | Wrapped | OrNull | Either


class TypeSyntaxError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# Far more than any real type needs; keeps the recursive parser and every
# target's recursive type writers far from Python's recursion limit.
MAX_NESTING = 32

_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(?P<punct>[<>,|?])|(?P<other>\S))"
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
    expression, position = _Parser(text, tokens).union(0, 0)
    if position < len(tokens):
        value, offset = tokens[position]
        raise TypeSyntaxError(
            f"unexpected '{value}' after the end of type '{text}'", offset
        )
    return expression


class _Parser:
    def __init__(self, text: str, tokens: list[tuple[str, int]]) -> None:
        self.text = text
        self.tokens = tokens

    def _token(self, position: int) -> str | None:
        return self.tokens[position][0] if position < len(self.tokens) else None

    def union(self, position: int, depth: int) -> tuple[Expression, int]:
        members: list[Expression] = []
        offsets: list[int] = []
        while True:
            offsets.append(
                self.tokens[position][1]
                if position < len(self.tokens)
                else len(self.text)
            )
            member, position = self.element(position, depth)
            members.append(member)
            if self._token(position) != "|":
                break
            position += 1
        if len(members) == 1:
            return members[0], position
        return Either(tuple(members), tuple(offsets)), position

    def element(self, position: int, depth: int) -> tuple[Expression, int]:
        primary, position = self.primary(position, depth)
        if self._token(position) == "?":
            offset = self.tokens[position][1]
            position += 1
            if self._token(position) == "?":
                raise TypeSyntaxError(
                    f"'?' written twice in type '{self.text}'", self.tokens[position][1]
                )
            return OrNull(primary, offset), position
        return primary, position

    def primary(self, position: int, depth: int) -> tuple[Expression, int]:
        text, tokens = self.text, self.tokens
        if position >= len(tokens):
            raise TypeSyntaxError(
                f"type '{text}' ends where a type name was expected", len(text)
            )
        value, offset = tokens[position]
        if not (value[0].isalpha() or value[0] == "_"):
            raise TypeSyntaxError(
                f"expected a type name in '{text}', found '{value}'", offset
            )
        if value not in ("list", "map") or self._token(position + 1) != "<":
            return Named(value, offset), position + 1
        if self._token(position + 2) == ">":
            raise TypeSyntaxError(
                f"'{value}<>' needs a type inside the brackets", tokens[position + 2][1]
            )
        if depth >= MAX_NESTING:
            raise TypeSyntaxError(
                f"type nests more than {MAX_NESTING} lists and maps", offset
            )
        inner, position = self.union(position + 2, depth + 1)
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
