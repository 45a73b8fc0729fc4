"""A run-file dict → TOML text (the inverse of openspins._core.parse_toml).

Exact: floats are written by ``repr`` (the shortest text that reads back as the same double;
``inf``/``nan`` as TOML spells them), integers as integers, so text → dict → text → dict
returns an equal dict. Layout: plain keys first, then sub-tables as ``[a.b]`` headers and
lists of tables as ``[[a.b]]`` blocks; below the top-level sections a table of plain values is
written inline (``broadening = { kind = "gaussian", width = 0.05 }``).
"""

from __future__ import annotations

import math
import re

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def key_text(key: str) -> str:
    """A key as TOML spells it: bare when it can be, else a basic string."""
    return key if _BARE_KEY.match(key) else string_text(key)


def string_text(s: str) -> str:
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def value_text(value) -> str:
    """One TOML value, inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return string_text(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{key_text(k)} = {value_text(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    # numpy scalars and arrays, without importing numpy here
    if hasattr(value, "tolist"):
        return value_text(value.tolist())
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as a TOML value")


def _is_table_list(value) -> bool:
    return isinstance(value, (list, tuple)) and len(value) > 0 and all(isinstance(v, dict) for v in value)


def _is_flat(value: dict) -> bool:
    return all(not isinstance(v, dict) and not _is_table_list(v) for v in value.values())


def _inline(path: list[str], value) -> bool:
    """Written as `key = value` inside its table: anything but a sub-table or a list of tables;
    below the top-level sections, a flat sub-table too (`scale = { drive = 0.0 }`)."""
    if isinstance(value, dict):
        return len(path) > 0 and _is_flat(value)
    return not _is_table_list(value)


def _write_table(lines: list[str], table: dict, path: list[str]) -> None:
    for k, v in table.items():
        if _inline(path, v):
            lines.append(f"{key_text(k)} = {value_text(v)}")
    for k, v in table.items():
        if _inline(path, v):
            continue
        if isinstance(v, dict):
            sub = path + [k]
            # A table with only sub-tables still gets its header, so that an empty one survives.
            if lines:
                lines.append("")
            lines.append("[" + ".".join(key_text(p) for p in sub) + "]")
            _write_table(lines, v, sub)
        elif _is_table_list(v):
            sub = path + [k]
            for element in v:
                if lines:
                    lines.append("")
                lines.append("[[" + ".".join(key_text(p) for p in sub) + "]]")
                _write_table(lines, element, sub)


def dumps(document: dict) -> str:
    """The run-file dict as TOML text."""
    lines: list[str] = []
    _write_table(lines, document, [])
    return "\n".join(lines) + "\n"
