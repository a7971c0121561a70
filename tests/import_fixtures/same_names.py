"""Two classes of one name, in two modules."""

from __future__ import annotations

from pydantic import BaseModel

from tests.import_fixtures import odd_names


class Dict_(BaseModel):
    other: str


class Holder(BaseModel):
    mine: Dict_
    theirs: odd_names.Dict_
