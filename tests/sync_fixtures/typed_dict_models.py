"""tests/sync_fixtures/spec.yaml with the nested models written as TypedDicts, no drift.

As in SDKs that type request parameters as TypedDicts: the Pydantic `Order`
holds `Optional[List[Line]]` and `Optional[Customer]`, where `Line` and
`Customer` are `typing_extensions` TypedDicts (Pydantic takes only those before
Python 3.12): `total=False` with `Required[...]` keys, class and attribute
docstrings, a self-reference written as a string.
"""

from datetime import date, datetime
from typing import Any, Dict, List, Literal, Optional
from uuid import UUID

from pydantic import BaseModel, Field
from typing_extensions import Required, TypedDict


class Line(TypedDict, total=False):
    """One line of an order."""

    sku: Required[str]
    """sku names the product."""

    quantity: Optional[int]
    """quantity is how many were ordered."""

    price: Optional[float]
    """price is the price of one unit."""


class Customer(TypedDict, total=False):
    """Who placed an order, with the customer who
    referred them (if any).
    """

    name: Optional[str]
    """name is the customer's name."""

    referrer: Optional["Customer"]
    """referrer is the customer who referred this one."""

    since: Optional[date]
    """since is when the customer joined."""


class Order(BaseModel):
    """An order placed in the shop."""

    id: UUID
    """id is the order's UUID."""

    status: Optional[Literal["OPEN", "PAID", "SHIPPED"]] = None
    """status is where the order is."""

    channel: Optional[Literal["WEB", "STORE"]] = None
    """channel is where the order was placed."""

    lines: Optional[List[Line]] = None
    """lines are what was ordered."""

    customer: Optional[Customer] = None
    """customer is who placed the order."""

    totals: Optional[Dict[str, float]] = None
    """totals maps each currency to the order's total in it."""

    placed_at: Optional[datetime] = None
    """placed_at is when the order was placed."""

    note: Optional[str] = None
    """note is free text from the customer."""

    meta: Any = None
    """meta is arbitrary JSON attached to the order."""

    tags: List[str] = Field(default_factory=list)
    """tags label the order."""

    gift: Optional[bool] = None
    """gift is true for gift orders."""

    trace: Optional[str] = Field(default=None, alias="x-trace")
    """x-trace correlates the order with request logs."""
