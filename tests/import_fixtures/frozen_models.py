"""Frozen models for `schemasmith import`: frozen bases, their children, and a
frozen child of a mutable base (which a spec's `extends` cannot say)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from typing_extensions import NotRequired, ReadOnly, TypedDict


class Point(BaseModel):
    """A point, fixed once made."""

    model_config = ConfigDict(frozen=True)

    x: int
    y: int


class NamedPoint(Point):
    name: str


class Label(BaseModel):
    text: str


class FixedLabel(Label, frozen=True):
    size: int


class PointParam(TypedDict):
    x: ReadOnly[int]
    y: NotRequired[ReadOnly[int]]
