"""The value constraints a field may carry: one registry, read by the loader's shape,
the spec-format schema, the resolver, every target and `schemasmith diff`.

Each constraint applies to one kind of value (a string, a number, a list) at the
top of a field's type, and is written the same way in the spec, the IR and
Pydantic's `Field(...)`; the JSON Schema keyword is its camelCase twin.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from generator import ir

# What a constraint applies to: "number" is an integer or a number field, "integer"
# an integer field only.
Applies = Literal["string", "number", "integer", "list"]
# How `schemasmith diff` reads a change of the constraint's value: a lower bound
# tightens when it grows, an upper bound when it shrinks; any other change of
# a pattern or a step is a change in both directions.
Bound = Literal["lower", "upper", "other"]


@dataclass(frozen=True)
class Constraint:
    name: str  # the spec key, the IR name and the Pydantic `Field` argument
    applies: Applies
    json_keyword: str
    pydantic_argument: str
    bound: Bound
    value: Literal["count", "number", "step", "pattern"]
    doc: str  # a line for the spec-format schema and the reference page


CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        "min_length", "string", "minLength", "min_length", "lower", "count",
        "the fewest characters (code points) the string may have",
    ),
    Constraint(
        "max_length", "string", "maxLength", "max_length", "upper", "count",
        "the most characters (code points) the string may have",
    ),
    Constraint(
        "pattern", "string", "pattern", "pattern", "other", "pattern",
        "a regular expression the string must contain a match of (the subset "
        "Python, ECMA-262 and Rust read alike: docs/spec-format.md)",
    ),
    Constraint(
        "minimum", "number", "minimum", "ge", "lower", "number",
        "the smallest value allowed",
    ),
    Constraint(
        "maximum", "number", "maximum", "le", "upper", "number",
        "the largest value allowed",
    ),
    Constraint(
        "exclusive_minimum", "number", "exclusiveMinimum", "gt", "lower", "number",
        "every value must be greater than this",
    ),
    Constraint(
        "exclusive_maximum", "number", "exclusiveMaximum", "lt", "upper", "number",
        "every value must be less than this",
    ),
    Constraint(
        "multiple_of", "integer", "multipleOf", "multiple_of", "other", "step",
        "a positive whole number every value must be a multiple of (integers "
        "only: Pydantic checks a float's remainder with a tolerance)",
    ),
    Constraint(
        "min_items", "list", "minItems", "min_length", "lower", "count",
        "the fewest items the list may have",
    ),
    Constraint(
        "max_items", "list", "maxItems", "max_length", "upper", "count",
        "the most items the list may have",
    ),
)  # fmt: skip
BY_NAME = {c.name: c for c in CONSTRAINTS}

# The Python annotation of each kind of value in the spec document.
ANNOTATIONS = {
    "count": "int | None",
    "number": "int | float | None",
    "step": "int | None",
    "pattern": "str | None",
}


def applies_to(type_: ir.TypeRef) -> tuple[Applies, ...]:
    """The kinds of constraint a field of `type_` can carry."""
    if isinstance(type_, ir.ListOf):
        return ("list",)
    if isinstance(type_, ir.Scalar) and type_.kind == "string":  # any format
        return ("string",)
    if type_ == ir.Scalar("integer"):
        return ("number", "integer")
    if type_ == ir.Scalar("number"):
        return ("number",)
    return ()


# ---- patterns: the subset Python's `re`, ECMA-262 (`u` flag) and Rust's regex read alike


class PatternError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


_SYNTAX = set("^$\\.*+?()[]{}|")
_CONTROL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "f": "\f", "v": "\v"}
_REFUSED_ESCAPES = {
    "d": "`\\d` is Unicode digits in Python and Rust but ASCII in ECMA-262: "
    "write `[0-9]`",
    "D": "`\\D` differs between Python, Rust and ECMA-262: write `[^0-9]`",
    "w": "`\\w` differs between Python, Rust and ECMA-262: write `[A-Za-z0-9_]`",
    "W": "`\\W` differs between Python, Rust and ECMA-262: write `[^A-Za-z0-9_]`",
    "s": "`\\s` differs between Python, Rust and ECMA-262: list the characters, "
    "`[ \\t\\n\\r]`",
    "S": "`\\S` differs between Python, Rust and ECMA-262: list the characters, "
    "`[^ \\t\\n\\r]`",
    "b": "word boundaries differ between Python, Rust and ECMA-262",
    "B": "word boundaries differ between Python, Rust and ECMA-262",
    "Z": "`\\Z` is Python's only: write `$` for the end of the text",
    "A": "`\\A` is Python's only: write `^` for the start of the text",
    "z": "`\\z` is not ECMA-262: write `$` for the end of the text",
}
_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")


def check_pattern(pattern: str) -> str:
    """The pattern as Python's `re` must be given it to mean what ECMA-262 means
    (`$` is the end of the text, not also the place before a final newline);
    PatternError when it uses anything outside the common subset."""
    out: list[str] = []
    i = 0
    can_repeat = False  # whether the token before may take a quantifier
    depth = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            text, i = _escape(pattern, i, in_class=False)
            out.append(text)
            can_repeat = True
            continue
        if ch == "[":
            text, i = _class(pattern, i)
            out.append(text)
            can_repeat = True
            continue
        if ch == "(":
            if pattern.startswith("(?:", i):
                out.append("(?:")
                i += 3
            elif pattern.startswith("(?", i):
                raise PatternError(
                    "lookarounds, named groups and inline flags differ between "
                    "Python, Rust and ECMA-262 (only `(...)` and `(?:...)` are "
                    "accepted)",
                    i,
                )
            else:
                out.append("(")
                i += 1
            depth += 1
            can_repeat = False
            continue
        if ch == ")":
            if depth == 0:
                raise PatternError("`)` closes no group", i)
            depth -= 1
            out.append(")")
            i += 1
            can_repeat = True
            continue
        if ch in "*+?{":
            if not can_repeat:
                raise PatternError(f"`{ch}` repeats nothing", i)
            end = i + 1
            if ch == "{":
                match = _QUANTIFIER.match(pattern, i)
                if match is None:
                    raise PatternError(
                        "`{` starts a repetition `{n}`, `{n,}` or `{n,m}`; "
                        "write `\\{` for the character",
                        i,
                    )
                low, high = match.group(1), match.group(3)
                if high and int(high) < int(low):
                    raise PatternError("a repetition's maximum is below its minimum", i)
                end = match.end()
            if pattern.startswith("?", end):
                end += 1  # lazy: the same in all three
            if end < len(pattern) and pattern[end] in "*+?{":
                raise PatternError(
                    "possessive and stacked quantifiers are not ECMA-262 "
                    "(group the part first: `(?:a+)+`)",
                    end,
                )
            out.append(pattern[i:end])
            i = end
            can_repeat = False
            continue
        if ch == ".":
            raise PatternError(
                "`.` differs between Python, Rust and ECMA-262 (which also stops at "
                "`\\r`): write `[^\\n]` for any character but a newline",
                i,
            )
        if ch in "]}":
            raise PatternError(f"write `\\{ch}` for the character `{ch}`", i)
        if ch == "$":
            out.append("\\Z")  # Python's `$` also matches before a final newline
            i += 1
            can_repeat = False
            continue
        out.append(ch)
        can_repeat = ch not in "^|"
        i += 1
    if depth:
        raise PatternError("a group is not closed", len(pattern))
    translated = "".join(out)
    try:
        re.compile(translated)
    except re.error as exc:  # pragma: no cover - the checks above cover the syntax
        raise PatternError(str(exc), exc.pos or 0) from None
    return translated


def _escape(pattern: str, i: int, *, in_class: bool) -> tuple[str, int]:
    """An escape at `i`: its Python text and the offset after it."""
    if i + 1 >= len(pattern):
        raise PatternError("a pattern cannot end with `\\`", i)
    ch = pattern[i + 1]
    if ch in _SYNTAX or (in_class and ch == "-"):
        return pattern[i : i + 2], i + 2
    if ch in _CONTROL_ESCAPES:
        return pattern[i : i + 2], i + 2
    if ch == "x":
        digits = pattern[i + 2 : i + 4]
        if len(digits) == 2 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return pattern[i : i + 4], i + 4
        raise PatternError("`\\x` takes two hexadecimal digits", i)
    if ch in _REFUSED_ESCAPES:
        raise PatternError(_REFUSED_ESCAPES[ch], i)
    raise PatternError(
        f"the escape `\\{ch}` is not read alike by Python, Rust and ECMA-262 "
        "(accepted: `\\` before a syntax character, `\\n \\r \\t \\f \\v`, `\\xHH`)",
        i,
    )


def _class(pattern: str, start: int) -> tuple[str, int]:
    """A character class `[...]` at `start`: its Python text and the offset after it."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    first = i
    previous = ""
    while True:
        if i >= len(pattern):
            raise PatternError("a character class `[` is not closed", start)
        ch = pattern[i]
        if ch == "]":
            if i == first:
                raise PatternError(
                    "an empty class or a leading `]` differ between Python and "
                    "ECMA-262: write `\\]` for the character",
                    i,
                )
            return pattern[start : i + 1], i + 1
        if ch == "[":
            raise PatternError(
                "write `\\[` inside a class (Rust reads `[` as a nested class)", i
            )
        if ch == "\\":
            _, i = _escape(pattern, i, in_class=True)
            previous = ""
            continue
        pair = pattern[i : i + 2]
        if pair in ("&&", "--", "~~"):
            raise PatternError(
                f"`{pair}` in a class is a set operation in Rust: escape one of them",
                i,
            )
        if ch == "-" and previous and i + 1 < len(pattern) and pattern[i + 1] != "]":
            high = pattern[i + 1]
            if high == "\\":
                raise PatternError("write a range's ends as characters: `a-z`", i)
            if ord(high) < ord(previous):
                raise PatternError(
                    f"the range `{previous}-{high}` runs backwards", i - 1
                )
            previous = ""
            i += 2
            continue
        previous = ch
        i += 1


def python_pattern(pattern: str) -> re.Pattern[str]:
    """A checked pattern compiled for Python's `re` with its ECMA-262 meaning."""
    return re.compile(check_pattern(pattern))


# ---- checks of the values (the resolver reports each at its key)


def value_problem(constraint: Constraint, value: object) -> str | None:
    """Why `value` cannot be the constraint's value, or None."""
    if constraint.value == "count" and isinstance(value, int) and value < 0:
        return f"is {value}; a count cannot be negative"
    if constraint.value == "step" and isinstance(value, int) and value <= 0:
        return f"is {value}; a step must be a positive whole number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"is {value}; a bound must be a finite number"
    return None


def contradictions(
    given: dict[str, ir.ConstraintValue], type_: ir.TypeRef | None
) -> list[tuple[str, str]]:
    """The constraints that leave no value, each as (the key to report at, why)."""
    found: list[tuple[str, str]] = []
    numbers = {n: v for n, v in given.items() if not isinstance(v, str)}
    for low, high, what in (
        ("min_length", "max_length", "string"),
        ("min_items", "max_items", "list"),
    ):
        if low in numbers and high in numbers and numbers[high] < numbers[low]:
            why = f"`{high}: {numbers[high]}` is below `{low}: {numbers[low]}`"
            found.append((high, f"{why}: no {what} fits"))
    numeric = [n for n in numbers if BY_NAME[n].applies in ("number", "integer")]
    if not numeric:
        return found
    lower = _bound(numbers, "minimum", "exclusive_minimum", max)
    upper = _bound(numbers, "maximum", "exclusive_maximum", min)
    integer = type_ == ir.Scalar("integer")
    if integer:
        step = int(numbers.get("multiple_of", 1))
        first, last = _first_whole(lower, step), _last_whole(upper, step)
        empty = first is not None and last is not None and first > last
    else:
        empty = (
            lower is not None
            and upper is not None
            and (
                lower[0] > upper[0] or (lower[0] == upper[0] and (lower[1] or upper[1]))
            )
        )
    if empty:
        written = ", ".join(f"`{n}: {numbers[n]}`" for n in numeric)
        uppers = [n for n in numeric if BY_NAME[n].bound == "upper"]
        kind = "integer" if integer else "number"
        found.append((uppers[-1], f"{written} leave no {kind}"))
    return found


Bound_ = tuple[float, bool]  # a bound's value, and whether it is exclusive


def _bound(
    numbers: dict[str, float],
    inclusive: str,
    exclusive: str,
    tighter: Callable[..., Bound_],
) -> Bound_ | None:
    """The tighter of an inclusive and an exclusive bound (the exclusive one, when
    they are equal)."""
    bounds = [
        (numbers[n], n == exclusive) for n in (inclusive, exclusive) if n in numbers
    ]
    if not bounds:
        return None
    return tighter(sorted(bounds, key=lambda b: b[1], reverse=True), key=lambda b: b[0])


def _first_whole(lower: Bound_ | None, step: int) -> int | None:
    if lower is None:
        return None
    value, exclusive = lower
    first = math.floor(value) + 1 if exclusive else math.ceil(value)
    return -((-first) // step) * step


def _last_whole(upper: Bound_ | None, step: int) -> int | None:
    if upper is None:
        return None
    value, exclusive = upper
    last = math.ceil(value) - 1 if exclusive else math.floor(value)
    return (last // step) * step


def value_breaks(given: dict[str, ir.ConstraintValue], value: object) -> str | None:
    """How `value` (a default, an example) breaks the constraints, or None.
    A value of another type is the type check's to report."""
    for name, limit in given.items():
        broken = _breaks(name, limit, value)
        if broken:
            return f"is {_show(value)}, {broken}"
    return None


def _breaks(name: str, limit: ir.ConstraintValue, value: object) -> str | None:
    written = f"`{name}: {limit}`"
    if isinstance(limit, str):  # the pattern
        if isinstance(value, str) and not python_pattern(limit).search(value):
            return f"which does not match {written}"
        return None
    applies = BY_NAME[name].applies
    size = None
    if (applies == "string" and isinstance(value, str)) or (
        applies == "list" and isinstance(value, list)
    ):
        size = len(value)
    if size is not None:
        if BY_NAME[name].bound == "lower" and size < limit:
            return f"with fewer {'characters' if applies == 'string' else 'items'} than {written}"
        if BY_NAME[name].bound == "upper" and size > limit:
            return f"with more {'characters' if applies == 'string' else 'items'} than {written}"
        return None
    if applies not in ("number", "integer") or not isinstance(value, (int, float)):
        return None
    if isinstance(value, bool):
        return None
    if name == "multiple_of":
        failed = value % limit != 0
    else:
        failed = {
            "minimum": value < limit,
            "maximum": value > limit,
            "exclusive_minimum": value <= limit,
            "exclusive_maximum": value >= limit,
        }[name]
    return f"outside {written}" if failed else None


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def describe(constraints: ir.Constraints) -> str:
    """The constraints as documentation reads them: `min_length: 1`, `pattern: "^a"`."""
    return ", ".join(f"{name}: {_show(value)}" for name, value in constraints)
