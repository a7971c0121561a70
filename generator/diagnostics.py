"""Located messages: every problem in a spec is reported as `file:line:col: error: message`
(or `warning:`, for one that does not stop generation)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _one_line(text: str) -> str:
    """`text` with line breaks and other control characters escaped, so a message stays one line."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a spec file; line and column count from 1, as editors show them."""

    file: str
    line: int
    column: int

    def __init__(self, file: str, line: int, column: int) -> None:
        # The generated frozen __init__ sets each attribute through
        # object.__setattr__, twice as slow; a spec has a location per field.
        self.__dict__.update(file=file, line=line, column=column)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: Location
    message: str
    # A warning is printed, and nothing fails.
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {_one_line(self.message)}"


class SpecError(Exception):
    """Raised with every problem found in the specs, so one run reports all of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))
