"""tests/sync_fixtures/spec.yaml written by hand in another style, with no drift at all.

Every annotation is a string (`from __future__ import annotations`) and spelled
differently from the generated models: builtin generics, `X | None`,
`Union[X, None]`, `Annotated`, an Enum class (values in another order) for the
named enum, a `TypeAliasType`, a NewType, descriptions in `Field(...)` and in
attribute docstrings indented in another way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Annotated, Any, Literal, NewType, Union
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType

Sku = NewType("Sku", str)
Channel = TypeAliasType("Channel", Literal["STORE", "WEB"])


class Status(Enum):
    SHIPPED = "SHIPPED"
    OPEN = "OPEN"
    PAID = "PAID"


class Order(BaseModel):
    """
    An order placed in the shop.
    """

    model_config = ConfigDict(populate_by_name=True)

    id: Annotated[UUID, Field(description="id is the order's UUID.")]
    status: Status | None = None
    """status is where the order is."""
    channel: Union[Channel, None] = None
    """channel is where the order was placed."""
    lines: Sequence[Line] | None = None
    """lines are what was ordered."""
    customer: Customer | None = None
    """customer is who placed the order."""
    totals: Mapping[str, float] | None = None
    """totals maps each currency to the order's total in it."""
    placed_at: dt.datetime | None = None
    """placed_at is when the order was placed."""
    note: str | None = None
    """note is free text from the customer."""
    meta: Any = None
    """meta is arbitrary JSON attached to the order."""
    tags: list[str] = []
    """tags label the order."""
    gift: Union[None, bool] = None
    """gift is true for gift orders."""
    trace: str | None = Field(None, validation_alias="x-trace")
    """x-trace correlates the order with request logs."""


class Line(BaseModel):
    """One line of an order."""

    sku: Sku = Field(description="sku names the product.")
    quantity: int | None = None
    """quantity is how many were ordered."""
    price: float | None = None
    """price is the price of one unit."""


class Customer(BaseModel):
    """Who placed an order, with the customer who
    referred them (if any).
    """

    name: str | None = None
    """name is the customer's name."""
    referrer: Customer | None = None
    """referrer is the customer who referred this one."""
    since: dt.date | None = None
    """since is when the customer joined."""
