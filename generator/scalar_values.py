"""Defaults of the scalars that travel as strings (datetime, date, time, uuid,
decimal, duration): which texts are valid, and the Python value each stands for.

A default is written in the spec as it travels in JSON, and must be what the
JSON Schema's format accepts there (so a date-time or a time has its offset);
the Pydantic models hold the Python value it stands for (`datetime`, `UUID`...).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from generator import ir
from generator.targets.type_map import DECIMAL_PATTERN

_OFFSET = r"(?:[Zz]|[+-]\d{2}:\d{2})"
_TIME = r"\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?" + _OFFSET
_DATE = r"\d{4}-\d{2}-\d{2}"
_TEXTS: dict[ir.ScalarKind, re.Pattern[str]] = {
    "datetime": re.compile(_DATE + "[Tt]" + _TIME + r"\Z"),
    "date": re.compile(_DATE + r"\Z"),
    "time": re.compile(_TIME + r"\Z"),
    "uuid": re.compile(
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z"
    ),
    "decimal": re.compile(DECIMAL_PATTERN.removeprefix("^").removesuffix("$") + r"\Z"),
    # ISO 8601 in days, hours, minutes and seconds: years and months have no fixed
    # length, so Python's timedelta cannot hold them exactly.
    "duration": re.compile(
        r"P(?=\d|T\d)(?:(\d+)W)?(?:(\d+)D)?"
        r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,6})?)S)?)?\Z"
    ),
}

# What each kind's text looks like, for error messages.
EXAMPLES: dict[ir.ScalarKind, str] = {
    "datetime": "an RFC 3339 date-time with an offset, such as '2024-01-31T12:00:00Z'",
    "date": "an RFC 3339 full-date, such as '2024-01-31'",
    "time": "an RFC 3339 full-time with an offset, such as '12:00:00Z'",
    "uuid": "a UUID, such as '123e4567-e89b-12d3-a456-426614174000'",
    "decimal": "a decimal number as a string, such as '12.50'",
    "duration": "an ISO 8601 duration in weeks, days, hours, minutes and seconds, "
    "such as 'PT1H30M'",
}

WireValue = datetime | date | time | UUID | Decimal | timedelta


def parse(kind: ir.ScalarKind, text: object) -> WireValue | None:
    """The Python value of a default of `kind` written as `text`; None when invalid."""
    pattern = _TEXTS.get(kind)
    if not isinstance(text, str) or pattern is None:
        return None
    match = pattern.match(text)
    if match is None:
        return None
    # Python 3.10's fromisoformat reads neither `Z` nor a lowercase `t`.
    normal = re.sub("[Zz]$", "+00:00", text).replace("t", "T")
    try:
        if kind == "datetime":
            return datetime.fromisoformat(normal)
        if kind == "date":
            return date.fromisoformat(text)
        if kind == "time":
            return time.fromisoformat(normal)
    except ValueError:  # a day or an hour out of range
        return None
    if kind == "uuid":
        return UUID(text)
    if kind == "decimal":
        return Decimal(text)
    weeks, days, hours, minutes, seconds = match.groups(default="0")
    return timedelta(
        weeks=int(weeks),
        days=int(days),
        hours=int(hours),
        minutes=int(minutes),
        microseconds=_microseconds(seconds),
    )


def _microseconds(seconds: str) -> int:
    whole, _, fraction = seconds.partition(".")
    return int(whole) * 1_000_000 + int(fraction.ljust(6, "0"))


def python_text(value: WireValue) -> tuple[str, str]:
    """(the type the expression names, the expression's text after that name):
    `("datetime", '.fromisoformat("2024-01-31T12:00:00+00:00")')`."""
    if isinstance(value, datetime):
        return "datetime", f'.fromisoformat("{value.isoformat()}")'
    if isinstance(value, date):
        return "date", f'.fromisoformat("{value.isoformat()}")'
    if isinstance(value, time):
        return "time", f'.fromisoformat("{value.isoformat()}")'
    if isinstance(value, UUID):
        return "UUID", f'("{value}")'
    if isinstance(value, Decimal):
        return "Decimal", f'("{value}")'
    parts = [
        f"{name}={amount}"
        for name, amount in (
            ("days", value.days),
            ("seconds", value.seconds),
            ("microseconds", value.microseconds),
        )
        if amount
    ]
    return "timedelta", f"({', '.join(parts)})"
