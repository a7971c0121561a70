"""Models whose names the spec cannot keep as they are, and SDK idioms."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import Annotated, TypeAlias


class Dict_(BaseModel):
    """Named like a Python built-in the generated code imports, after a fix."""

    value: int = 3
    """An integer, 3 unless given."""


class Sequence(BaseModel):
    """Named like a name the generated code imports."""

    items: List[int]


Mode: TypeAlias = Union[Literal["fast", "slow"], str]
"""How fast to go; other modes are accepted too."""


class Request(BaseModel):
    """A request."""

    model_config = ConfigDict(extra="forbid")

    schema_: Optional[str] = Field(default=None, alias="schema")
    """A field whose wire name shadows the model base."""

    json_: Dict[str, int] = Field(alias="json")
    mode: Mode = "fast"
    tags: List[str] = ["a"]
    kind: Literal["request"] = "request"
    level: Annotated[Optional[int], Field(description="The level.")] = None
    payload: complex = 0j
