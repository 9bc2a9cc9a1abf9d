"""The v1 contract: classify the difference between two OpenAPI schemas.

Additions are allowed within a version: a new path or operation, a new optional request
field or parameter, a new response field, a new enum value, a new component. Anything that
can break a client written (or generated) against the old schema is breaking: a removed or
renamed path, operation, field, parameter, component or enum value; a changed type; a new
required request field or parameter; an optional request field or parameter made required;
a response field that may now be absent.

`python -m api.contract OLD.yaml NEW.yaml` prints the changes and exits 1 on a breaking one.
"""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
REF_PREFIX = "#/components/schemas/"
REQUEST, RESPONSE = "request", "response"


@dataclass(frozen=True)
class Change:
    breaking: bool
    where: str
    what: str

    def __str__(self) -> str:
        return f"{'BREAKING' if self.breaking else 'addition'}: {self.where}: {self.what}"


@dataclass
class Report:
    changes: list[Change]

    @property
    def breaking(self) -> list[Change]:
        return [change for change in self.changes if change.breaking]

    @property
    def additions(self) -> list[Change]:
        return [change for change in self.changes if not change.breaking]

    def __str__(self) -> str:
        return "\n".join(str(change) for change in self.changes) or "no changes"


def ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref", "")
    return ref.removeprefix(REF_PREFIX) if ref.startswith(REF_PREFIX) else None


def normalized(schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI 3.0's `nullable` written as 3.1 writes it, so the two versions compare."""
    if not schema.get("nullable"):
        return schema
    schema = {key: value for key, value in schema.items() if key != "nullable"}
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    parts = schema.pop("allOf", None)
    if parts and len(parts) == 1:
        return {**schema, "oneOf": [parts[0], {"type": "null"}]}
    return schema


def nullable_ref(schema: dict[str, Any]) -> tuple[str | None, bool]:
    """(component, nullable) for `{$ref}` and for 3.1's `oneOf: [{$ref}, {type: null}]`."""
    parts = schema.get("oneOf", [])
    if len(parts) == 2 and parts[1] == {"type": "null"} and ref_name(parts[0]):
        return ref_name(parts[0]), True
    return ref_name(schema), False


def type_of(schema: dict[str, Any]) -> Any:
    """What a client's type for the schema depends on: its reference, type and format."""
    name = ref_name(schema)
    if name is not None:
        return ("ref", name)
    kind = schema.get("type")
    kinds = tuple(sorted(kind)) if isinstance(kind, list) else kind
    return (kinds, schema.get("format"))


class Classifier:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []

    def add(self, breaking: bool, where: str, what: str) -> None:
        self.changes.append(Change(breaking, where, what))

    def run(self) -> Report:
        self.paths()
        self.components()
        return Report(self.changes)

    # Paths and operations ------------------------------------------------------------------

    def paths(self) -> None:
        old_paths, new_paths = self.old.get("paths", {}), self.new.get("paths", {})
        for path in old_paths.keys() - new_paths.keys():
            self.add(True, path, "path removed (or renamed)")
        for path in new_paths.keys() - old_paths.keys():
            self.add(False, path, "new path")
        for path in old_paths.keys() & new_paths.keys():
            old_item, new_item = old_paths[path], new_paths[path]
            for method in METHODS:
                old_op, new_op = old_item.get(method), new_item.get(method)
                where = f"{method.upper()} {path}"
                if old_op is not None and new_op is None:
                    self.add(True, where, f"operation {old_op.get('operationId')} removed")
                elif old_op is None and new_op is not None:
                    self.add(False, where, f"new operation {new_op.get('operationId')}")
                elif old_op is not None:
                    self.operation(where, old_op, new_op)

    def operation(self, where: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_id, new_id = old.get("operationId"), new.get("operationId")
        if old_id != new_id:
            self.add(True, where, f"operation renamed from {old_id} to {new_id}")
        where = f"{where} ({new_id})"
        self.parameters(where, old.get("parameters", []), new.get("parameters", []))
        old_body = old.get("requestBody", {}).get("content", {})
        new_body = new.get("requestBody", {}).get("content", {})
        for media in old_body.keys() & new_body.keys():
            old_schema, new_schema = old_body[media]["schema"], new_body[media]["schema"]
            self.schema(f"{where} request body", old_schema, new_schema, REQUEST)
        for media in old_body.keys() - new_body.keys():
            self.add(True, where, f"request body no longer accepts {media}")
        if not old.get("requestBody", {}).get("required") and new.get("requestBody", {}).get(
            "required"
        ):
            self.add(True, where, "request body made required")
        old_responses, new_responses = old.get("responses", {}), new.get("responses", {})
        for code in old_responses.keys() & new_responses.keys():
            old_content = old_responses[code].get("content", {})
            new_content = new_responses[code].get("content", {})
            for media in old_content.keys() - new_content.keys():
                self.add(True, f"{where} response {code}", f"media type {media} removed")
            for media in new_content.keys() - old_content.keys():
                self.add(False, f"{where} response {code}", f"new media type {media}")
            for media in old_content.keys() & new_content.keys():
                old_schema = old_content[media].get("schema", {})
                new_schema = new_content[media].get("schema", {})
                self.schema(f"{where} response {code}", old_schema, new_schema, RESPONSE)

    def parameters(self, where: str, old: list[dict], new: list[dict]) -> None:
        old_by = {(p["in"], p["name"]): p for p in old}
        new_by = {(p["in"], p["name"]): p for p in new}
        for key in old_by.keys() - new_by.keys():
            self.add(True, where, f"{key[0]} parameter '{key[1]}' removed (or renamed)")
        for key in new_by.keys() - old_by.keys():
            if new_by[key].get("required"):
                self.add(True, where, f"new required {key[0]} parameter '{key[1]}'")
            else:
                self.add(False, where, f"new optional {key[0]} parameter '{key[1]}'")
        for key in old_by.keys() & new_by.keys():
            old_param, new_param = old_by[key], new_by[key]
            label = f"{where} {key[0]} parameter '{key[1]}'"
            if new_param.get("required") and not old_param.get("required"):
                self.add(True, label, "optional parameter made required")
            self.schema(label, old_param.get("schema", {}), new_param.get("schema", {}), REQUEST)

    # Schemas ---------------------------------------------------------------------------------

    def schema(self, where: str, old: dict, new: dict, direction: str) -> None:
        """Compare two schemas in place; referenced components are compared once, by name."""
        old, new = normalized(old), normalized(new)
        (old_ref, old_null), (new_ref, new_null) = nullable_ref(old), nullable_ref(new)
        if old_ref is not None and old_ref == new_ref and old_null != new_null:
            # null newly allowed: fine for what clients send, not for what they receive.
            widened = new_null
            breaking = (direction == RESPONSE) == widened
            self.add(breaking, where, f"null {'now' if widened else 'no longer'} allowed")
            return
        if type_of(old) != type_of(new):
            self.type_change(where, old, new, direction)
            return
        if ref_name(old) is not None:
            return  # the same component: compared in components()
        self.enum(where, old, new)
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in old_props.keys() - new_props.keys():
            self.add(True, where, f"field '{name}' removed (or renamed)")
        for name in new_props.keys() - old_props.keys():
            if direction == REQUEST and name in new_required:
                self.add(True, where, f"new required request field '{name}'")
            else:
                self.add(False, where, f"new optional field '{name}'")
        for name in old_props.keys() & new_props.keys():
            label = f"{where}.{name}"
            if direction == REQUEST and name in new_required - old_required:
                self.add(True, label, "optional request field made required")
            if direction == RESPONSE and name in old_required - new_required:
                self.add(True, label, "response field may now be absent")
            self.schema(label, old_props[name], new_props[name], direction)
        if "items" in old and "items" in new:
            self.schema(f"{where}[]", old["items"], new["items"], direction)
        for keyword in ("allOf", "oneOf", "anyOf"):
            old_parts, new_parts = old.get(keyword, []), new.get(keyword, [])
            if len(old_parts) != len(new_parts):
                self.add(True, where, f"{keyword} changed from {old_parts} to {new_parts}")
                continue
            for index, (old_part, new_part) in enumerate(zip(old_parts, new_parts, strict=True)):
                self.schema(f"{where} {keyword}[{index}]", old_part, new_part, direction)

    def type_change(self, where: str, old: dict, new: dict, direction: str) -> None:
        (old_kind, old_format), (new_kind, new_format) = type_of(old), type_of(new)
        old_kinds = set(old_kind) if isinstance(old_kind, tuple) else {old_kind}
        new_kinds = set(new_kind) if isinstance(new_kind, tuple) else {new_kind}
        if "ref" not in old_kinds | new_kinds and old_format == new_format:
            # A wider type (`integer` to `integer or null`) is fine in what clients send and
            # breaks what they receive; a narrower one the other way round.
            if old_kinds < new_kinds:
                self.add(direction == RESPONSE, where, f"now also {sorted(new_kinds - old_kinds)}")
                return
            if new_kinds < old_kinds:
                self.add(direction == REQUEST, where, f"no longer {sorted(old_kinds - new_kinds)}")
                return
        self.add(True, where, f"type changed from {describe(old)} to {describe(new)}")

    def enum(self, where: str, old: dict, new: dict) -> None:
        old_values, new_values = old.get("enum"), new.get("enum")
        if old_values is None and new_values is None:
            return
        if old_values is None:
            self.add(True, where, f"now restricted to {new_values}")
            return
        for value in old_values:
            if value not in (new_values or []):
                self.add(True, where, f"enum value {value!r} removed (or renamed)")
        for value in new_values or []:
            if value not in old_values:
                self.add(False, where, f"new enum value {value!r}")

    def components(self) -> None:
        old = self.old.get("components", {}).get("schemas", {})
        new = self.new.get("components", {}).get("schemas", {})
        directions = usage(self.new)
        for name in old.keys() - new.keys():
            self.add(True, f"component {name}", "removed (or renamed): generated SDKs name it")
        for name in new.keys() - old.keys():
            self.add(False, f"component {name}", "new component")
        for name in sorted(old.keys() & new.keys()):
            # A component used by requests and responses is held to both sets of rules.
            for direction in sorted(directions.get(name, {RESPONSE})):
                self.schema(f"component {name}", old[name], new[name], direction)
        self.changes = list(dict.fromkeys(self.changes))  # each change once


def describe(schema: dict) -> str:
    name = ref_name(schema)
    if name is not None:
        return name
    kind, fmt = type_of(schema)
    return f"{kind}{f' ({fmt})' if fmt else ''}"


def usage(schema: dict) -> dict[str, set[str]]:
    """Which components requests use, which responses use (through any reference chain)."""
    components = schema.get("components", {}).get("schemas", {})
    found: dict[str, set[str]] = {}

    def visit(node: Any, direction: str) -> None:
        if isinstance(node, dict):
            name = ref_name(node)
            if name is not None:
                if direction not in found.setdefault(name, set()):
                    found[name].add(direction)
                    visit(components.get(name, {}), direction)
                return
            for value in node.values():
                visit(value, direction)
        elif isinstance(node, list):
            for value in node:
                visit(value, direction)

    for item in schema.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            visit(operation.get("parameters", []), REQUEST)
            visit(operation.get("requestBody", {}), REQUEST)
            visit(operation.get("responses", {}), RESPONSE)
    return found


def classify(old: dict[str, Any], new: dict[str, Any]) -> Report:
    """Every difference between two schemas that a client can notice, breaking or not."""
    return Classifier(old, new).run()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m api.contract OLD.yaml NEW.yaml", file=sys.stderr)
        return 2
    old, new = (yaml.safe_load(Path(path).read_text(encoding="utf-8")) for path in argv)
    report = classify(old, new)
    print(report)
    return 1 if report.breaking else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
