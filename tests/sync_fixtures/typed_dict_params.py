"""Line and Customer of tests/sync_fixtures/spec.yaml as `typing.TypedDict`s, no drift.

The annotations are strings (`from __future__ import annotations`), so
`__required_keys__` cannot see the `Required[...]` and `NotRequired[...]` written
in them; `Line` inherits its required `sku` from a `total=True` base; the
qualifiers come from `typing_extensions`, which `typing.TypedDict` of Python
3.10 does not know either.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional, TypedDict

from typing_extensions import NotRequired, ReadOnly, Required


class _LineKey(TypedDict):
    sku: str
    """sku names the product."""


class Line(_LineKey, total=False):
    """One line of an order."""

    quantity: Optional[int]
    """quantity is how many were ordered."""

    price: ReadOnly[Optional[float]]
    """price is the price of one unit."""


class Customer(TypedDict):
    """Who placed an order, with the customer who
    referred them (if any).
    """

    name: NotRequired[Optional[str]]
    """name is the customer's name."""

    referrer: NotRequired[Optional[Customer]]
    """referrer is the customer who referred this one."""

    since: NotRequired[Optional[dt.date]]
    """since is when the customer joined."""


class DriftedLine(TypedDict, total=False):
    """One line of an order."""

    sku: str  # DRIFT: required, optional here (total=False)
    """sku names the product."""

    quantity: Required[Optional[int]]  # DRIFT: required, optional in the spec
    """quantity is how many were ordered."""

    price: Optional[str]  # DRIFT: type, number in the spec
    """price is the price of one unit."""
