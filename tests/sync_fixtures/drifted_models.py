"""An SDK's hand-written take on tests/sync_fixtures/spec.yaml, drifted on purpose.

Each drift is marked `DRIFT:`; everything else matches the spec although it is
written differently (UUID for a uuid string, an alias for a wire name, Field
descriptions next to attribute docstrings, forward references as strings).
"""

from datetime import datetime
from enum import Enum
from typing import Any, Dict, List, Literal, Optional
from uuid import UUID

from pydantic import BaseModel, Field


class Status(str, Enum):
    OPEN = "OPEN"
    PAID = "PAID"
    CANCELLED = (
        "CANCELLED"  # DRIFT: enum, SHIPPED only in the spec, CANCELLED only here
    )


class Line(BaseModel):
    # DRIFT: doc, the model has no docstring
    sku: str = "?"  # DRIFT: required, optional here (still not nullable)
    """sku names the product."""

    quantity: Optional[str] = None  # DRIFT: type, integer in the spec
    """quantity is how many were ordered."""

    # DRIFT: missing_in_target, no `price`


class Customer(BaseModel):
    """Who placed an order, with the customer who referred them
    (if any)."""  # DRIFT: doc, the same words wrapped differently

    name: Optional[str] = None
    """name is the customer's name."""

    referrer: Optional["Customer"] = None  # a cycle, followed once
    """referrer is the customer who referred this one."""

    since: Optional[datetime] = None  # DRIFT: type, date in the spec
    """since is when the customer joined."""


class Order(BaseModel):
    """An order placed in the shop, as the SDK sees it."""  # DRIFT: doc, different text

    id: UUID
    """id is the order's UUID."""

    status: Optional[Status] = None
    """status is where the order is."""

    channel: Optional[Literal["WEB", "STORE", "APP"]] = (
        None  # DRIFT: enum, APP only here
    )
    """channel is where the order was placed."""

    lines: Optional[List["Line"]] = None
    """lines are what was ordered."""

    customer: Optional[Customer] = None
    """customer is who placed the order."""

    totals: Optional[Dict[str, int]] = None  # DRIFT: type, map<number> in the spec
    """totals maps each currency to the order's total in it."""

    placed_at: Optional[datetime] = None
    """placed_at is when the order was placed."""

    # DRIFT: missing_in_target, no `note`

    meta: Optional[Dict[str, Any]] = None  # DRIFT: type, any JSON value in the spec
    """meta is arbitrary JSON attached to the order."""

    tags: List[str] = Field(default_factory=list)
    """tags label the order."""

    gift: bool = False  # DRIFT: nullable, null is allowed in the spec
    """`gift` is true for gift orders."""  # DRIFT: doc, only code marks differ

    trace: Optional[str] = Field(
        default=None,
        alias="x-trace",
        description="x-trace correlates the order with request logs.",
    )

    coupon: Optional[str] = None  # DRIFT: missing_in_spec
    """coupon is a discount code."""
