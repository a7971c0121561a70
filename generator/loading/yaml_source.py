"""Read a YAML file into plain data while keeping every node's line and column.

PyYAML composes the node tree (in C where available); we build plain Python
values from it ourselves instead of using its constructor, because:
- a duplicate key must be an error, where PyYAML silently keeps the last one;
- tags such as `!!python/object/apply:...` must be reported, never executed;
- mapping keys are names, so they stay the text that was written (`on:` is the
  key "on", not the boolean True);
- the node tree is kept, so any later step can point an error at the node it
  concerns (`Locator`) without paying for marks on the happy path.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Code, Diagnostic, Location

try:  # libyaml's parser is several times faster; fall back when it is not built in
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
# The safe loader's implicit resolvers (`yes` is a bool, `0x1F` an int, ...) by a
# plain scalar's first character, with those for any first character appended,
# as `BaseResolver.resolve` looks them up.
_ANY_FIRST: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    _Loader.yaml_implicit_resolvers.get(None, [])
)
_IMPLICIT_RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: (*resolvers, *_ANY_FIRST)
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


class _SpecLoader(_Loader):
    """PyYAML's safe loader with the tag resolution a spec needs, done with fewer
    steps: the composer calls these methods, in Python, at every node."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None  # no path resolvers: a spec never uses them

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """`BaseResolver.resolve` without path resolvers (tests compare the two)."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT_RESOLVERS.get(value[:1], _ANY_FIRST):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


PathPart = str | int
Path = tuple[PathPart, ...]

_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {
    _YAML_TAG + "str",
    _YAML_TAG + "int",
    _YAML_TAG + "float",
    _YAML_TAG + "bool",
    _YAML_TAG + "null",
    _YAML_TAG + "timestamp",
}
_constructor = SafeConstructor()
# What PyYAML counts as a line break when it numbers lines.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# Deeper than any spec needs; the recursive steps after loading stay far from
# Python's recursion limit.
MAX_DEPTH = 100
# Aliases may repeat what they name; past this much repeated content a spec is
# an alias bomb. Content is counted in characters: each value counts one, and a
# string or key its length too, so one long string repeated is caught as soon
# as a thousand short values. What a spec can expand to is thus its own text
# plus this much, and the output grows with it, not with the aliases' product.
MAX_ALIAS_EXPANSION = 10_000_000
# Below this bound of the nesting, libyaml's recursive composer is safe on any usual stack.
_SAFE_NESTING_BOUND = 10_000


@dataclass
class Locator:
    """Finds the line and column of any value of a loaded file by its path of keys."""

    file: str
    root: Node | None
    text: str = ""
    # Nodes already reported by the loader (a forbidden tag, an unreadable
    # scalar): later steps say nothing more about them or anything inside them.
    poisoned: set[int] = field(default_factory=set)
    # Paths whose problems were reported by the shape check, likewise.
    reported: set[Path] = field(default_factory=set)
    _index: dict[int, dict[str, tuple[ScalarNode, Node]]] = field(default_factory=dict)
    _mappings: dict[Path, MappingNode] = field(default_factory=dict)  # by exact path

    def at_node(self, node: Node, offset: int = 0) -> Location:
        column = node.start_mark.column + 1 + offset
        return Location(self.file, node.start_mark.line + 1, column)

    def node(self, path: Path, *, key: bool = False) -> Node | None:
        """The node at `path` (its key node when `key`), or the deepest node that exists."""
        parent = self._mappings.get(path[:-1]) if path else None
        if parent is not None and isinstance(path[-1], str):
            # A sibling of a key found before (the next field of the same model).
            pair = self._pairs(parent).get(path[-1])
            if pair is not None:
                return pair[0] if key else pair[1]
        node = self.root
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, MappingNode) and isinstance(part, str):
                pair = self._pairs(node).get(part)
                if pair is None:
                    return node
                node = pair[0] if (last and key) else pair[1]
                if isinstance(node, MappingNode) and not (last and key):
                    self._mappings[path[: i + 1]] = node
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return node
                node = node.value[part]
            else:
                return node
        return node

    def locate(self, path: Path, *, key: bool = False) -> Location:
        node = self.node(path, key=key)
        if node is None:
            return Location(self.file, 1, 1)
        return self.at_node(node)

    def key_locations(self, path: Path) -> dict[str, Location]:
        """Where each key of the mapping at `path` stands (empty when there is no mapping).

        One walk for all the keys of a mapping, such as a model's fields, instead
        of one `locate` each.
        """
        node = self.node(path)
        if not isinstance(node, MappingNode):
            return {}
        file = self.file
        return {
            name: Location(file, key.start_mark.line + 1, key.start_mark.column + 1)
            for name, (key, _) in self._pairs(node).items()
        }

    def is_reported(self, path: Path) -> bool:
        """Whether a problem of the value at `path`, or of a value around it, was reported."""
        if any(path[: len(done)] == done for done in self.reported):
            return True
        return self.is_poisoned(path)

    def is_poisoned(self, path: Path) -> bool:
        """Whether the loader reported the node at `path` or a node around it."""
        if not self.poisoned:
            return False
        node = self.root
        for part in path:
            if node is None or id(node) in self.poisoned:
                return node is not None
            if isinstance(node, MappingNode) and isinstance(part, str):
                pair = self._pairs(node).get(part)
                node = pair[1] if pair else None
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                node = node.value[part] if 0 <= part < len(node.value) else None
            else:
                node = None
        return node is not None and id(node) in self.poisoned

    def locate_in_scalar(self, path: Path, offset: int) -> Location:
        """The place of character `offset` of the text at `path`, in any scalar style.

        The value's characters are matched against the source in order, which
        skips quotes, indentation and a block scalar's header; when the source
        spells a character differently (an escape), the scalar's start is used.
        """
        node = self.node(path)
        if not isinstance(node, ScalarNode) or not self.text:
            return self.locate(path)
        value: str = node.value
        start, end = node.start_mark.index, node.end_mark.index
        text = self.text
        if node.style in ("|", ">"):
            header_end = _LINE_BREAK.search(text, start, end)
            start = end if header_end is None else header_end.end()
        elif node.style in ("'", '"'):
            start += 1
        position = start
        for ch in value[: offset + 1]:
            while position < end and text[position] != ch:
                position += 1
            if position >= end:
                break
            position += 1
        else:
            position -= 1 if offset < len(value) else 0
            return self._at_index(node, position)
        return self.at_node(node)

    def _at_index(self, node: Node, position: int) -> Location:
        """The location of character `position` of the source, counted from `node`'s start."""
        mark = node.start_mark
        breaks = list(_LINE_BREAK.finditer(self.text, mark.index, position))
        if not breaks:
            return Location(
                self.file, mark.line + 1, mark.column + 1 + position - mark.index
            )
        return Location(
            self.file, mark.line + 1 + len(breaks), position - breaks[-1].end() + 1
        )

    def scalar_style(self, path: Path) -> str | None:
        node = self.node(path)
        return node.style if isinstance(node, ScalarNode) else None

    def _pairs(self, node: MappingNode) -> dict[str, tuple[ScalarNode, Node]]:
        pairs = self._index.get(id(node))
        if pairs is None:
            pairs = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    pairs.setdefault(key_node.value, (key_node, value_node))
            self._index[id(node)] = pairs
        return pairs


@dataclass
class LoadedYaml:
    data: Any
    locator: Locator
    diagnostics: list[Diagnostic]


def load_yaml(path: str, raw: bytes) -> LoadedYaml:
    """Parse `raw` (the bytes of the file at `path`) into plain data, collecting problems."""
    locator = Locator(path, None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)"
        return LoadedYaml(
            None,
            locator,
            [Diagnostic(Location(path, line, column), message, Code.UNREADABLE)],
        )
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return LoadedYaml(None, locator, [_syntax_diagnostic(path, text, exc)])
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML errors are marked
        return LoadedYaml(
            None,
            locator,
            [
                Diagnostic(
                    Location(path, 1, 1), f"invalid YAML: {exc}", Code.YAML_SYNTAX
                )
            ],
        )
    except _TooDeep as exc:
        message = f"the YAML nests more than {MAX_DEPTH} levels deep"
        return LoadedYaml(
            None, locator, [Diagnostic(exc.location(path), message, Code.TOO_LARGE)]
        )
    if root is None:
        message = "the file is empty; a spec starts with `schemasmith: 1`"
        return LoadedYaml(
            None,
            locator,
            [Diagnostic(Location(path, 1, 1), message, Code.SPEC_VERSION)],
        )
    locator.root = root
    locator.text = text
    builder = _Builder(locator, aliases="*" in text)
    data = builder.build(root, 0)
    return LoadedYaml(data, locator, builder.diagnostics)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:  # a pure-Python or a libyaml mark, or None
        self.mark = mark

    def location(self, path: str) -> Location:
        if self.mark is None:
            return Location(path, 1, 1)
        return Location(path, self.mark.line + 1, self.mark.column + 1)


_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)
_BRACKET_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
# Block collections nested on one line (`- - - x`, `? -   - x`, `: - x`), with any
# spaces or tabs between the indicators, or by very deep indentation.
_COMPACT_NESTING = re.compile(r"[-?:][ \t]+[-?](?:[ \t\r\n]|\Z)")
_DEEP_INDENT = "\n" + " " * 2000


def _nesting_bound(text: str) -> int | None:
    """A cheap upper bound of how deep the YAML in `text` nests, or None when unsure.

    Flow brackets are counted as if every one were structure (a bracket inside
    a string only moves the count by one); block nesting needs deeper
    indentation for each level, so without compact nesting or lines indented by
    2,000 spaces it stays below 4,002 levels.
    """
    compact = _COMPACT_NESTING.search(text) is not None
    if _DEEP_INDENT in text or compact:
        return None
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    levels = list(
        itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets), initial=0)
    )
    return max(levels) - min(levels) + 4002


def _compose(text: str) -> Node | None:
    """`yaml.compose` with the C loader, without letting deep nesting crash it.

    libyaml composes recursively in C and overflows the stack (a crash, not an
    exception) somewhere past 20,000 levels; when the cheap bound cannot rule
    that out, the real depth is measured from the parser's events first.
    """
    bound = _nesting_bound(text)
    if bound is None or bound > _SAFE_NESTING_BOUND:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    return yaml.compose(text, Loader=_SpecLoader)


def _syntax_diagnostic(path: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    lines = _LINE_BREAK.split(text)
    source_line = lines[line - 1] if mark and line <= len(lines) else ""
    indentation = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "'\\t'" in problem or "\t" in indentation:
        if "\t" in indentation:
            column = indentation.index("\t") + 1
        message = "tab character used for indentation; YAML indents with spaces"
    else:
        context = f" ({exc.context})" if exc.context else ""
        start = exc.context_mark
        if exc.context and start is not None and start.line + 1 != line:
            context = f" ({exc.context} that starts on line {start.line + 1})"
        message = f"invalid YAML: {problem}{context}"
    return Diagnostic(Location(path, line, column), message, Code.YAML_SYNTAX)


class _Builder:
    def __init__(self, locator: Locator, *, aliases: bool = True) -> None:
        self.locator = locator
        # Without aliases (no `*` in the file) the nodes form a tree, each met
        # once: no bookkeeping of the nodes already built is needed.
        self.aliases = aliases
        self.diagnostics: list[Diagnostic] = []
        # node -> (value, its content: values and characters, aliases expanded)
        self._built: dict[int, tuple[Any, int]] = {}
        self._active: set[int] = set()
        self._repeated = 0  # content that aliases repeat
        self._bomb_reported = False

    def error(self, node: Node, message: str, code: Code) -> None:
        self.diagnostics.append(Diagnostic(self.locator.at_node(node), message, code))
        self.locator.poisoned.add(id(node))

    def build(self, node: Node, depth: int) -> Any:
        return self._build(node, depth)[0]

    def _build(self, node: Node, depth: int) -> tuple[Any, int]:
        """The plain value of `node` and its content (`MAX_ALIAS_EXPANSION`'s measure)."""
        if not self.aliases:
            return self._build_value(node, depth)
        key = id(node)
        if key in self._built:  # an alias: the same node again
            value, size = self._built[key]
            self._repeated += size
            if self._repeated > MAX_ALIAS_EXPANSION:
                if not self._bomb_reported:
                    self._bomb_reported = True
                    self.error(
                        node,
                        f"aliases repeat more than {MAX_ALIAS_EXPANSION:,} characters of "
                        "the spec (the limit of what aliases may add); write it out instead",
                        Code.TOO_LARGE,
                    )
                return None, 1
            return value, size
        if key in self._active:
            self.error(
                node,
                "an alias refers to the structure that contains it",
                Code.YAML_FEATURE,
            )
            return None, 1
        self._active.add(key)
        try:
            built = self._build_value(node, depth)
        finally:
            self._active.discard(key)
        self._built[key] = built
        return built

    def _build_value(self, node: Node, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            self.error(
                node,
                f"the YAML nests more than {MAX_DEPTH} levels deep",
                Code.TOO_LARGE,
            )
            return None, 1
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, SequenceNode):
            return self._sequence(node, depth)
        value = self._scalar(cast(ScalarNode, node))
        return value, 1 + len(value) if isinstance(value, str) else 1

    def _mapping(self, node: MappingNode, depth: int) -> tuple[dict[str, Any], int]:
        if node.tag != _YAML_TAG + "map":
            self._bad_tag(node)
        result: dict[str, Any] = {}
        size = 1
        first_seen: dict[str, ScalarNode] = {}
        tree = not self.aliases
        for key_node, value_node in node.value:
            if key_node.tag == _YAML_TAG + "merge":
                self.error(
                    key_node,
                    "merge keys (`<<`) are not supported; write the keys out",
                    Code.YAML_FEATURE,
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(
                    key_node,
                    "a key must be a plain name, not a list or mapping",
                    Code.YAML_FEATURE,
                )
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self._bad_tag(key_node)
            name = key_node.value
            if name in first_seen:
                first = first_seen[name].start_mark.line + 1
                self.error(
                    key_node,
                    f"duplicate key '{name}' (first defined on line {first})",
                    Code.DUPLICATE_KEY,
                )
                continue
            first_seen[name] = key_node
            if (
                tree
                and value_node.tag == _STR_TAG
                and isinstance(value_node, ScalarNode)
                and depth < MAX_DEPTH
            ):
                result[name] = value_node.value  # a string in a tree: the usual value
                size += 1
                continue
            value, inner = self._build(value_node, depth + 1)
            result[name] = value
            size += len(name) + inner
        return result, size

    def _sequence(self, node: SequenceNode, depth: int) -> tuple[list[Any], int]:
        if node.tag != _YAML_TAG + "seq":
            self._bad_tag(node)
        items: list[Any] = []
        size = 1
        for item in node.value:
            value, inner = self._build(item, depth + 1)
            items.append(value)
            size += inner
        return items, size

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _YAML_TAG + "str" or tag == _YAML_TAG + "timestamp":
            return node.value  # a date written in a spec is text (`since: 2024-01-01`)
        if tag not in _SCALAR_TAGS:
            self._bad_tag(node)
            return node.value
        try:
            if tag == _YAML_TAG + "int":
                return _constructor.construct_yaml_int(node)
            if tag == _YAML_TAG + "float":
                return _constructor.construct_yaml_float(node)
            if tag == _YAML_TAG + "bool":
                return _constructor.construct_yaml_bool(node)
        except (ConstructorError, ValueError):
            kind = {"int": "an integer", "float": "a number", "bool": "true or false"}
            self.error(
                node,
                f"cannot read {node.value!r} as {kind[tag.rsplit(':', 1)[-1]]}",
                Code.YAML_FEATURE,
            )
            return node.value
        return None

    def _bad_tag(self, node: Node) -> None:
        tag = node.tag.replace(_YAML_TAG, "!!")
        self.error(
            node,
            f"the YAML tag '{tag}' is not allowed; a spec holds plain data only",
            Code.YAML_FEATURE,
        )


def describe_value(value: object) -> str:
    """How an error message names the kind of a value the user wrote."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return type(value).__name__
