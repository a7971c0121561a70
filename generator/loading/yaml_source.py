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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, Location

try:  # libyaml's parser is several times faster; fall back when it is not built in
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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


@dataclass
class Locator:
    """Finds the line and column of any value of a loaded file by its path of keys."""

    file: str
    root: Node | None
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
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)"
        return LoadedYaml(
            None, locator, [Diagnostic(Location(path, line, column), message)]
        )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return LoadedYaml(None, locator, [_syntax_diagnostic(path, exc)])
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML errors are marked
        return LoadedYaml(
            None, locator, [Diagnostic(Location(path, 1, 1), f"invalid YAML: {exc}")]
        )
    if root is None:
        message = "the file is empty; a spec starts with `schemasmith: 1`"
        return LoadedYaml(None, locator, [Diagnostic(Location(path, 1, 1), message)])
    locator.root = root
    builder = _Builder(locator)
    data = builder.build(root)
    return LoadedYaml(data, locator, builder.diagnostics)


def _syntax_diagnostic(path: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if "'\\t'" in problem:
        message = "tab character used for indentation; YAML indents with spaces"
    else:
        context = f" ({exc.context})" if exc.context else ""
        message = f"invalid YAML: {problem}{context}"
    return Diagnostic(Location(path, line, column), message)


class _Builder:
    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.diagnostics: list[Diagnostic] = []
        self._built: dict[int, Any] = {}  # aliases share nodes: build each node once
        self._active: set[int] = set()

    def error(self, node: Node, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.at_node(node), message))

    def build(self, node: Node) -> Any:
        key = id(node)
        if key in self._built:
            return self._built[key]
        if key in self._active:
            self.error(node, "an alias refers to the structure that contains it")
            return None
        self._active.add(key)
        try:
            if isinstance(node, MappingNode):
                value: Any = self._mapping(node)
            elif isinstance(node, SequenceNode):
                value = self._sequence(node)
            else:
                value = self._scalar(node)
        finally:
            self._active.discard(key)
        self._built[key] = value
        return value

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
        if node.tag != _YAML_TAG + "map":
            self._bad_tag(node)
        result: dict[str, Any] = {}
        first_seen: dict[str, ScalarNode] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _YAML_TAG + "merge":
                self.error(
                    key_node, "merge keys (`<<`) are not supported; write the keys out"
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(
                    key_node, "a key must be a plain name, not a list or mapping"
                )
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self._bad_tag(key_node)
            name = key_node.value
            if name in first_seen:
                first = first_seen[name].start_mark.line + 1
                self.error(
                    key_node, f"duplicate key '{name}' (first defined on line {first})"
                )
                continue
            first_seen[name] = key_node
            result[name] = self.build(value_node)
        return result

    def _sequence(self, node: SequenceNode) -> list[Any]:
        if node.tag != _YAML_TAG + "seq":
            self._bad_tag(node)
        return [self.build(item) for item in node.value]

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
            self.error(
                node, f"cannot read {node.value!r} as a {tag.rsplit(':', 1)[-1]}"
            )
            return node.value
        return None

    def _bad_tag(self, node: Node) -> None:
        tag = node.tag.replace(_YAML_TAG, "!!")
        self.error(
            node, f"the YAML tag '{tag}' is not allowed; a spec holds plain data only"
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
