"""TypedDicts that extend others, for `schemasmith import` writing `extends:`."""

from __future__ import annotations

from typing import Literal

from typing_extensions import NotRequired, Required, TypedDict


class MessageParam(TypedDict, total=False):
    role: Required[str]
    content: str
    stream: bool


class StreamingMessageParam(MessageParam, total=False):
    stream: Required[Literal[True]]  # narrowed: present and a constant
    chunk_size: int


class ToolMessageParam(MessageParam):
    tool_id: str
    note: NotRequired[str]
