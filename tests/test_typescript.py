"""The TypeScript target: the committed modules compile under `tsc --strict`, accept
real payloads and reject wrong ones, and an independent tool reads the same
JSON Schema out of them that the JSON Schema target publishes.

The Node tools are pinned in package.json and installed with `npm ci`; without
them these tests fail (they are the only check that the TypeScript is valid).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import ir
from generator.constraints import CONSTRAINTS
from generator.diagnostics import SpecError
from generator.pipeline import Options, build
from generator.targets import typescript
from generator.targets.target import TargetOptions
from generator.targets.type_map import BASE64_PATTERN, DECIMAL_PATTERN
from generator.targets.typescript_text import ts_doc_comment, ts_string
from tests.conftest import CASES, ROOT
from tests.payloads import Payload, output_dir, valid_payloads, wrong_payloads

NODE_MODULES = ROOT / "node_modules"
TSC = NODE_MODULES / "typescript" / "bin" / "tsc"
ORACLE = NODE_MODULES / "ts-json-schema-generator"
TSC_OPTIONS = (
    "--strict",
    "--noEmit",
    "--isolatedModules",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--pretty",
    "false",
)


def typescript_modules() -> list[Path]:
    folders = [ROOT / "generated", *sorted(CASES.glob("*/expected"))]
    return [
        p for folder in folders for p in sorted((folder / "typescript").glob("*.ts"))
    ]


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail(
            "Node.js is not installed; the TypeScript tests need node and `npm ci`"
        )
    if not TSC.is_file() or not ORACLE.is_dir():
        pytest.fail(
            f"{NODE_MODULES} lacks typescript or ts-json-schema-generator: "
            "run `npm ci` in the repository root (package.json pins both)"
        )
    return found


@dataclass(frozen=True)
class TscResult:
    returncode: int
    output: str

    def errors_in(self, path: Path) -> list[str]:
        """Diagnostics located in `path`, each as `line,column: error TSnnnn: message`."""
        found = []
        for match in _DIAGNOSTIC.finditer(self.output):
            if (ROOT / match["file"]).resolve() == path.resolve():
                found.append(f"{match['line']},{match['column']}: {match['message']}")
        return found


_DIAGNOSTIC = re.compile(
    r"^(?P<file>[^\n(]+)\((?P<line>\d+),(?P<column>\d+)\): (?P<message>error .*)$",
    re.MULTILINE,
)


def run_tsc(node: str, files: list[Path]) -> TscResult:
    done = subprocess.run(
        [node, str(TSC), *TSC_OPTIONS, *map(str, files)],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return TscResult(done.returncode, done.stdout + done.stderr)


def _import_path(module: str) -> str:
    return str(output_dir(module) / "typescript" / f"{module}.js")


def payload_file(payloads: list[Payload], expect_error: bool, prefix: str = "p") -> str:
    """A TS module assigning each payload, one per line, to its generated type."""
    modules = sorted({p.module for p in payloads})
    lines = [
        f"import type * as m_{m} from {json.dumps(_import_path(m))};" for m in modules
    ]
    for index, payload in enumerate(payloads):
        if expect_error:
            lines.append(f"// @ts-expect-error -- {payload.label}")
        literal = json.dumps(payload.data, ensure_ascii=False)
        lines.append(
            f"export const {prefix}{index}: m_{payload.module}.{payload.model} = {literal};"
        )
    return "\n".join(lines) + "\n"


HOSTILE_SPEC = ROOT / "tests" / "fixtures" / "hostile_markdown.yaml"


def hostile_modules(folder: Path) -> list[Path]:
    """The TypeScript of a spec full of `*/`, quotes, backticks and odd keys."""
    files = build([str(HOSTILE_SPEC)], Options(targets=("typescript",)))
    paths = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Compiled:
    result: TscResult
    modules: list[Path]  # committed modules and the hostile spec's
    payloads_ts: Path


@pytest.fixture(scope="module")
def compiled(node: str, tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    """One `tsc --strict` run over every committed TS module, the hostile spec's,
    and a payload file: valid payloads must type-check, and each wrong one must be
    an error (`@ts-expect-error` is itself an error when it has nothing to excuse)."""
    modules = [
        *typescript_modules(),
        *hostile_modules(tmp_path_factory.mktemp("hostile")),
    ]
    payloads_ts = tmp_path_factory.mktemp("ts") / "payloads.ts"
    text = payload_file(valid_payloads(), expect_error=False, prefix="valid")
    text += payload_file(wrong_payloads(), expect_error=True, prefix="wrong")
    payloads_ts.write_text(_merge_imports(text), "utf-8")
    return Compiled(run_tsc(node, [*modules, payloads_ts]), modules, payloads_ts)


def _merge_imports(text: str) -> str:
    lines = text.splitlines()
    imports = sorted({line for line in lines if line.startswith("import ")})
    return (
        "\n".join(
            [*imports, *(line for line in lines if not line.startswith("import "))]
        )
        + "\n"
    )


def test_every_generated_module_compiles_strict(compiled: Compiled) -> None:
    committed = typescript_modules()
    assert ROOT / "generated" / "typescript" / "run.ts" in committed
    cases = list(CASES.glob("*/spec.yaml"))
    assert len(committed) >= 2 * (1 + len(cases))  # a module and index.ts each
    assert any(m.name == "hostile.ts" for m in compiled.modules)
    module_errors = {
        str(m): compiled.result.errors_in(m)
        for m in compiled.modules
        if compiled.result.errors_in(m)
    }
    assert not module_errors, compiled.result.output


def test_payloads_type_check_and_wrong_ones_do_not(compiled: Compiled) -> None:
    assert len(valid_payloads()) >= 5 and len(wrong_payloads()) >= 10
    assert not compiled.result.errors_in(compiled.payloads_ts), compiled.result.output
    assert compiled.result.returncode == 0, compiled.result.output


def test_wrong_payloads_fail_with_type_errors(node: str, tmp_path: Path) -> None:
    """Without `@ts-expect-error`, every wrong payload line is a type error (not a syntax error)."""
    wrong = wrong_payloads()
    path = tmp_path / "wrong.ts"
    text = payload_file(wrong, expect_error=False)
    path.write_text(text, "utf-8")
    result = run_tsc(node, [path])
    assert result.returncode != 0
    first_payload_line = text.count("\n", 0, text.index("export const")) + 1
    errors = result.errors_in(path)
    for index, payload in enumerate(wrong):
        line = first_payload_line + index
        here = [e for e in errors if e.startswith(f"{line},")]
        assert here, f"{payload.label}: tsc accepted it\n{result.output}"
        assert all(re.search(r"error TS(2322|2353|2741|2739):", e) for e in here), here
    assert any('"NOT_A_RUN_TYPE"' in e and "RunType" in e for e in errors), (
        result.output
    )


# --- Names -------------------------------------------------------------------


def _module_with(
    *, models: tuple[str, ...] = (), enums: tuple[str, ...] = ()
) -> ir.Module:
    return ir.Module(
        name="m",
        description="",
        enums=tuple(ir.Enum(n, "", ("a",)) for n in enums),
        models=tuple(ir.Model(n, "", ()) for n in models),
    )


def test_check_rejects_every_reserved_type_name() -> None:
    for name in sorted(typescript.RESERVED_TYPE_NAMES):
        problems = typescript.check((_module_with(models=(name,)),), TargetOptions())
        expected = (
            f"'{name}' cannot name a TypeScript type (a reserved word or a built-in type "
            "the generated code uses); rename it"
        )
        assert [d.message for d in problems] == [expected]
    assert (
        typescript.check(
            (_module_with(models=("Event", "Date", "type"), enums=("Array",)),),
            TargetOptions(),
        )
        == []
    )


def test_reserved_type_names_are_the_ones_tsc_rejects(
    node: str, tmp_path: Path
) -> None:
    """Each listed name fails as an interface name, and names left out compile.
    Syntax errors hide semantic ones, so reserved words get their own tsc run."""
    names = sorted(
        typescript.RESERVED_TYPE_NAMES - {"Record"}
    )  # legal; it would shadow maps
    allowed = [
        "Event",
        "Date",
        "Array",
        "type",
        "module",
        "from",
        "of",
        "Error",
        "Object",
    ]

    def files(folder: str, group: list[str]) -> list[Path]:
        (tmp_path / folder).mkdir()
        out = []
        for name in group:
            interface = tmp_path / folder / f"i_{name}.ts"
            interface.write_text(f"export interface {name} {{ a?: string }}\n")
            alias = tmp_path / folder / f"t_{name}.ts"
            alias.write_text(f'export type {name} = "a";\n')
            out += [interface, alias]
        return out

    syntactic = [n for n in names if re.fullmatch(r"[a-z]+", n) and n in _JS_RESERVED]
    semantic = [n for n in names if n not in syntactic]
    for group, folder in ((syntactic, "syntax"), (semantic, "semantic")):
        paths = files(folder, group)
        result = run_tsc(node, paths)
        for interface, alias in zip(paths[::2], paths[1::2]):
            assert result.errors_in(interface) or result.errors_in(alias), (
                f"tsc accepts {interface.stem[2:]} as a type name"
            )
    result = run_tsc(node, files("allowed", allowed))
    assert result.returncode == 0, result.output


_JS_RESERVED = frozenset(
    re.findall(
        r"\w+",
        "break case catch class const continue debugger default delete do else enum export "
        "extends false finally for function if import in instanceof new null return super "
        "switch this throw true try typeof var void while with as",
    )
)


def test_record_as_a_model_name_is_rejected_before_it_shadows_maps() -> None:
    problems = typescript.check((_module_with(models=("Record",)),), TargetOptions())
    assert problems and "Record" in problems[0].message


# --- The oracle --------------------------------------------------------------
#
# ts-json-schema-generator reads each generated module and writes the JSON
# Schema its types mean. Both schemas are reduced to the same terms; what the
# reduction drops is listed here, each with its reason, and any keyword it
# does not know is kept, so an unexplained difference fails the comparison:
#  - documentation (title, description, deprecated, default): the oracle runs
#    with `jsDoc: none`, since docs are not types;
#  - `format` (date-time, date, uuid, uri): TypeScript has no string formats; the
#    TSDoc comment carries the RFC 3339 note instead;
#  - `integer` is `number`: TypeScript has one number type;
#  - `additionalProperties` of a model: the generated interfaces have no index
#    signature whatever `extra` says (see generator/targets/typescript.py), and
#    the oracle writes `false` for every interface;
#  - json (`{}`) admits null already, so `{}` or null is `{}` (`unknown` in TS);
#  - a union is the set of its members (nested ones flattened, see _reduce_union);
#  - `const: v` is `enum: [v]`; the values compare as JSON text;
#  - the oracle writes TS `{}` (any value but null) as an object without properties;
#  - the root `$ref`/`title`/`$id` and `$defs` vs `definitions`: document framing.

_DOC_KEYWORDS = {"title", "description", "deprecated", "default", "format"}


_CONSTRAINT_KEYWORDS = frozenset(c.json_keyword for c in CONSTRAINTS)


def reduce_type(schema: dict[str, Any], prefix: str) -> Any:
    """A type schema as a comparable term: ("string",), ("array", term), ("map", term),
    ("enum", values as JSON), ("ref", name), ("any",), ("any but null",),
    ("union", terms), each paired with nullability."""
    schema = {k: v for k, v in schema.items() if k not in _DOC_KEYWORDS}
    if schema.get("pattern") not in (BASE64_PATTERN, DECIMAL_PATTERN):
        # A field's value constraints, which a TypeScript type cannot say (its doc
        # comment does: tests/cases/constraints).
        schema = {k: v for k, v in schema.items() if k not in _CONSTRAINT_KEYWORDS}
    if schema.get("pattern") in (BASE64_PATTERN, DECIMAL_PATTERN):
        # The patterns of bytes and decimals, which a TypeScript type cannot say
        # (the doc comment does); any other pattern stays unexplained.
        schema = {
            k: v for k, v in schema.items() if k not in ("pattern", "contentEncoding")
        }
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema and set(schema) == {keyword}:
            return _reduce_union(schema[keyword], prefix)
    if schema == {"not": {"type": "null"}}:
        return ("any but null",), False
    nullable = False
    types = schema.pop("type", None)
    if isinstance(types, list):
        nullable = "null" in types
        rest = [t for t in types if t != "null"]
        if len(rest) > 1 and not schema:  # `type: [A, B]` is `anyOf: [A, B]`
            term, _ = _reduce_union([{"type": t} for t in rest], prefix)
            return term, nullable
        types = rest[0] if len(rest) == 1 else rest
    if types == "integer":
        types = "number"
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    if "enum" in schema:
        values = schema.pop("enum")
        nullable = nullable or None in values
        texts = tuple(json.dumps(v) for v in values if v is not None)
        kinds = {_JSON_KINDS[type(v)] for v in values if v is not None}
        if not schema and kinds == {types}:
            return ("enum", texts), nullable
        return ("unexplained", json.dumps({"type": types, "enum": values})), nullable
    if schema == {} and types is None:
        return ("any",), True
    if "$ref" in schema and set(schema) == {"$ref"} and types is None:
        ref = schema["$ref"]
        if ref.startswith(prefix):
            return ("ref", ref[len(prefix) :]), nullable
    if types in ("string", "number", "boolean") and not schema:
        return (types,), nullable
    if types == "array" and set(schema) == {"items"}:
        return ("array", reduce_type(schema["items"], prefix)), nullable
    if types == "object" and schema == {"additionalProperties": False}:
        # The oracle's reading of TypeScript's `{}`, the type of every value but
        # null and undefined, as an object without properties.
        return ("any but null",), nullable
    if (
        types == "object"
        and set(schema) == {"additionalProperties"}
        and isinstance(schema["additionalProperties"], dict)
    ):
        return ("map", reduce_type(schema["additionalProperties"], prefix)), nullable
    return (
        "unexplained",
        json.dumps({"type": types, **schema}, sort_keys=True),
    ), nullable


# A JSON value's type as a schema names it (`integer` is `number` here, as in TS).
_JSON_KINDS = {str: "string", int: "number", float: "number", bool: "boolean"}


def _reduce_union(members: list[Any], prefix: str) -> Any:
    """`anyOf` or `oneOf`: the set of its members' terms, nested unions flattened
    (TypeScript's `A | (B | C)` is `A | B | C`), null lifted out, `any` absorbing the
    rest. Our `oneOf` is a discriminated union's: its variants' constants differ
    (compared in each variant's definition), so exactly one variant fits a value
    that fits any, and the oracle's `anyOf` says the same."""
    terms: dict[str, Any] = {}  # by their JSON text, which orders them
    nullable = False
    for member in members:
        if member == {"type": "null"}:
            nullable = True
            continue
        term, member_nullable = reduce_type(member, prefix)
        nullable = nullable or member_nullable
        for inner in term[1] if term[0] == "union" else (term,):
            terms[json.dumps(inner)] = inner
    if ("any",) in terms.values():
        return ("any",), True
    if len(terms) == 1:
        return next(iter(terms.values())), nullable
    return ("union", tuple(terms[text] for text in sorted(terms))), nullable


def reduce_definition(schema: dict[str, Any], prefix: str) -> Any:
    schema = {k: v for k, v in schema.items() if k not in _DOC_KEYWORDS}
    if schema.get("type") == "object" and "properties" in schema:
        unknown = set(schema) - {
            "type",
            "properties",
            "required",
            "additionalProperties",
        }
        return {
            "properties": [
                (k, reduce_type(v, prefix)) for k, v in schema["properties"].items()
            ],
            "required": sorted(schema.get("required", [])),
            "unexplained keywords": sorted(unknown),
        }
    if schema.get("type") == "object" and set(schema) <= {
        "type",
        "additionalProperties",
    }:
        return {
            "properties": [],
            "required": [],
            "unexplained keywords": [],
        }  # no fields
    return reduce_type(schema, prefix)


def reduce_document(document: dict[str, Any], key: str, prefix: str) -> dict[str, Any]:
    return {
        name: reduce_definition(d, prefix) for name, d in document.get(key, {}).items()
    }


@pytest.fixture(scope="module")
def oracle_schemas(node: str) -> dict[str, Any]:
    modules = [p for p in typescript_modules() if p.name != "index.ts"]
    done = subprocess.run(
        [node, str(ROOT / "tests" / "ts_oracle.mjs"), *map(str, modules)],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    schemas: dict[str, Any] = json.loads(done.stdout)
    assert len(schemas) == len(modules)
    return schemas


def test_oracle_schema_matches_the_published_json_schema(
    oracle_schemas: dict[str, Any],
) -> None:
    for ts_path, derived in oracle_schemas.items():
        path = Path(ts_path)
        published_path = path.parent.parent / "json_schema" / f"{path.stem}.schema.json"
        # A `$ref` to another module's file names the type as the oracle
        # does (names are unique across specs); the oracle also lists the
        # imported types, which their own module's schema is checked against.
        text = re.sub(
            r'"\$ref": "[^"#]+#/\$defs/',
            '"$ref": "#/$defs/',
            published_path.read_text("utf-8"),
        )
        published = json.loads(text)
        ours = reduce_document(published, "$defs", "#/$defs/")
        theirs = reduce_document(derived, "definitions", "#/definitions/")
        if text != published_path.read_text("utf-8"):
            theirs = {name: theirs[name] for name in theirs if name in ours}
        # The oracle lists definitions in the order it meets them, not as declared.
        assert sorted(theirs) == sorted(ours), f"{path}: the types differ"
        for name in ours:
            assert theirs[name] == ours[name], f"{path}: {name} differs"
        text = json.dumps(ours)
        assert "unexplained" not in text.replace('"unexplained keywords": []', ""), (
            path,
            text,
        )


def test_reduction_keeps_real_differences() -> None:
    """The normalisation must not hide the differences the oracle is there to catch."""
    prefix = "#/$defs/"
    base = reduce_type({"anyOf": [{"type": "string"}, {"type": "null"}]}, prefix)
    assert base == reduce_type({"type": ["string", "null"]}, prefix)
    assert base != reduce_type({"type": "string"}, prefix)  # nullability
    assert base != reduce_type(
        {"anyOf": [{"type": "boolean"}, {"type": "null"}]}, prefix
    )
    assert reduce_type({"type": "string", "enum": ["a"]}, prefix) != reduce_type(
        {"type": "string", "enum": ["a", "b"]}, prefix
    )
    assert reduce_type(
        {"type": "array", "items": {"type": "string"}}, prefix
    ) != reduce_type(
        {"type": "object", "additionalProperties": {"type": "string"}}, prefix
    )
    assert (
        reduce_type({"type": "string", "contentMediaType": "x"}, prefix)[0][0]
        == "unexplained"
    )
    # A constraint is said by the doc comment (the golden case shows it), a
    # scalar's pattern by its type; nothing else is dropped with them.
    assert reduce_type({"type": "string", "pattern": "x"}, prefix) == (
        ("string",),
        False,
    )
    assert (
        reduce_type(
            {"type": "array", "minItems": 1, "items": {}, "uniqueItems": True}, prefix
        )[0][0]
        == "unexplained"
    )
    string, number = {"type": "string"}, {"type": "number"}
    assert reduce_type({"anyOf": [string, number]}, prefix) != reduce_type(
        {"anyOf": [string]}, prefix
    )
    assert reduce_type({"anyOf": [string, number]}, prefix) == reduce_type(
        {"anyOf": [number, {"anyOf": [string]}]}, prefix
    )
    assert reduce_type({"type": "boolean", "const": False}, prefix) != reduce_type(
        {"type": "number", "const": 0}, prefix
    )
    assert reduce_type({"type": "string", "const": "a"}, prefix) != reduce_type(
        {"type": "string", "const": "b"}, prefix
    )
    assert reduce_type({"not": {"type": "null"}}, prefix) != reduce_type({}, prefix)
    assert reduce_type({"type": ["string", "null", "number"]}, prefix) == reduce_type(
        {"anyOf": [{"anyOf": [string, {"type": "null"}]}, number]}, prefix
    )
    assert reduce_type({"type": "string", "enum": [1]}, prefix)[0][0] == "unexplained"
    one = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    assert reduce_definition(one, prefix) != reduce_definition(
        {**one, "required": []}, prefix
    )


# --- The TypeScript text helpers ----------------------------------------------


@given(st.one_of(st.text(), st.text(alphabet='"\\\n\u2028\ufeff\x00\U0001f600a')))
def test_ts_string_is_a_json_string(text: str) -> None:
    """A TS string literal that JSON reads back as the same text, on one line."""
    literal = ts_string(text)
    assert json.loads(literal) == text
    assert "\n" not in literal and "\u2028" not in literal


# Text made mostly of the characters that matter, so that `*/` and `@` show up often.
_COMMENT_TEXT = st.one_of(st.text(), st.text(alphabet="*/@{} \n\u2028\\`ab"))


@given(_COMMENT_TEXT)
def test_ts_doc_comment_cannot_be_ended_or_tagged_by_its_text(text: str) -> None:
    comment = ts_doc_comment(text, "  ", (("@deprecated", text),))
    assert comment.startswith("/**") and comment.endswith("*/")
    assert "*/" not in comment[3:-2]
    lines = comment.split("\n")
    tags = [line for line in lines if re.match(r"\s*\*?\s*@", line.removeprefix("/**"))]
    assert len(tags) == 1 and "@deprecated" in tags[0]


def test_ts_doc_comment_layout() -> None:
    assert ts_doc_comment("One line.", "") == "/** One line. */"
    assert (
        ts_doc_comment("a */ b @c {@link d}", "") == "/** a *\\/ b \\@c {\\@link d} */"
    )
    assert ts_doc_comment("First.\n\nSecond.", "  ", (("@since", "1.0"),)) == (
        "/**\n   * First.\n   *\n   * Second.\n   *\n   * @since 1.0\n   */"
    )


def test_a_name_defined_by_two_specs_is_reported_once(tmp_path: Path) -> None:
    """index.ts re-exports every module, as the Python packages do; both targets
    report the clash in the same words, so it is listed once."""
    for module in ("first", "second"):
        (tmp_path / f"{module}.yaml").write_text(
            f"schemasmith: 1\nmodule: {module}\nmodels:\n  Thing:\n    fields: {{}}\n"
        )
    with pytest.raises(SpecError) as raised:
        build([str(tmp_path / "first.yaml"), str(tmp_path / "second.yaml")], Options())
    messages = [d.message for d in raised.value.diagnostics]
    expected = (
        "'Thing' is also defined in module 'first'; names must be unique across specs, "
        "since the packages re-export them"
    )
    assert messages == [expected]
    with pytest.raises(SpecError):
        build(
            [str(tmp_path / "first.yaml"), str(tmp_path / "second.yaml")],
            Options(targets=("typescript",)),
        )
