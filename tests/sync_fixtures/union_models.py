"""tests/sync_fixtures/unions.yaml written by hand in Pydantic, with no drift.

The discriminator is said four ways: Pydantic's `Discriminator`, a field's own
`Field(discriminator=...)`, and two classes of this module in `Annotated`
metadata, one with a `discriminator` attribute (as Stainless SDKs'
`PropertyInfo`) and one named `...Discriminator` with a `field_name` (as the
Anthropic SDK's `UnionDiscriminator`). A field that may be absent but is never
null is `Union[T, SkipJsonSchema[None]] = None`.
"""

from __future__ import annotations

from typing import Annotated, List, Literal, Optional, Union

from pydantic import BaseModel, Discriminator, Field
from pydantic.json_schema import SkipJsonSchema


class PropertyInfo:
    def __init__(self, discriminator: str) -> None:
        self.discriminator = discriminator


class UnionDiscriminator:
    def __init__(self, field_name: str) -> None:
        self.field_name = field_name


class Circle(BaseModel):
    """A circle."""

    kind: Literal["circle"]
    """Always circle."""

    radius: float
    """The radius."""


class Square(BaseModel):
    """A square."""

    kind: Literal["square"] = Field(description="Always square.")
    side: float = Field(description="The side.")


Shape = Annotated[Union[Square, Circle], Discriminator("kind")]
Palette = Union[Literal["green", "red"], str]
Size = Union[Literal["small", "large"], int]


class Drawing(BaseModel):
    """A drawing."""

    version: Literal[2]
    """The version of this shape."""

    final: Literal[True]
    """Always true for a finished drawing."""

    shapes: List[Shape]
    """The shapes, bottom first."""

    focus: Optional[Union[Circle, Square]] = Field(
        default=None, discriminator="kind", description="The shape in focus, if any."
    )

    palette: Optional[Palette] = None
    """The main colour."""

    size: Optional[Size] = None
    """How big it is."""

    layer: Optional[Literal[2, 1, 0]] = None
    """The layer it is on."""

    weights: Optional[List[Optional[float]]] = None
    """A weight per shape; null for none."""

    title: Union[str, SkipJsonSchema[None]] = None
    """The title; absent when untitled, never null."""

    extra: Union[object, SkipJsonSchema[None]]
    """Anything else; never null."""

    label: Union[str, List[str], None] = None
    """One label, or several."""


class TaggedByProperty(BaseModel):
    """A holder of shapes told apart by metadata of the SDKs' own kinds."""

    property_info: Annotated[Union[Circle, Square], PropertyInfo(discriminator="kind")]
    union_discriminator: Annotated[
        Union[Circle, Square], UnionDiscriminator(field_name="kind")
    ]
