"""Pydantic models that subclass others, for `schemasmith import` writing `extends:`."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Settings(BaseModel):
    """A base of settings only (as an SDK's own BaseModel): no fields to extend."""

    model_config = ConfigDict(extra="allow")


class Animal(_Settings):
    """An animal."""

    name: str
    age: Optional[int] = None
    kind: str = "animal"
    marks: dict[str, str] = Field(default_factory=dict)


class Cat(Animal):
    """A cat: `kind` narrowed to a constant, `name` declared again as it was."""

    name: str
    kind: Literal["cat"] = "cat"
    indoor: bool = True


class Kitten(Cat):
    """Extends a model that extends another."""

    age: int  # now required and never null
    weaned: bool = False


class Loud(BaseModel):
    volume: int = 3


class Parrot(Animal, Loud):
    """Two model bases: the fields are written out in full."""

    words: list[str] = []


class Fish(Animal):
    """Declares `age` wider than its base: the fields are written out in full."""

    age: Optional[float] = None  # type: ignore[assignment]
