"""tests/sync_fixtures/spec.yaml's Order, different from the spec only in how it is written.

Each difference is marked `REPRESENTATION:`: the same JSON values are accepted
and produced, and the documentation says the same words. Line and Customer are
those of in_sync_models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Literal, Optional, Union
from uuid import UUID

from pydantic import BaseModel, Field

from tests.sync_fixtures.in_sync_models import Customer, Line, Status


class Order(BaseModel):
    """An order placed
    in the shop."""  # REPRESENTATION: doc, wrapped differently

    id: UUID
    """`id` is the order's UUID."""  # REPRESENTATION: doc, a code mark

    status: Optional[Status] = None
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

    # REPRESENTATION: type, an open enum (any string, some named) is a string
    note: Union[
        Literal["gift wrap please", "leave at the door", "ring twice"], str, None
    ] = None
    """note is free text from the customer."""

    meta: Any = None
    """meta is arbitrary JSON attached to the order."""

    tags: List[str] = Field(default_factory=list)
    """tags label the order."""

    gift: Optional[bool] = None
    """gift is true for gift orders."""

    trace: Optional[str] = Field(default=None, alias="x-trace")
    """x-trace correlates the order with request logs."""
