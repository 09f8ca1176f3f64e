"""Where in a JSON text an error lies: the line of a path such as ``sessions[3].sets[2]``, and the
line where the nesting passes a depth. The standard json module reports neither for errors found
after parsing (a bad value, too deep a tree), so the text's structure is scanned here, only
when an error is reported.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]')
_KEY_AFTER = re.compile(r"\s*:")
_PATH_PART = re.compile(r"(\w+)|\[(\d+)\]")
_PATH_HEAD = re.compile(r"^(?:\w+(?:\[\d+\])?)(?:\.\w+(?:\[\d+\])?)*")


def json_line(text: str, problem: str) -> int | None:
    """The line where the JSON path that starts ``problem`` (``sessions[3].sets[2]…``) begins:
    a scan of the text's structure, run only when an error is reported."""
    head = _PATH_HEAD.match(problem)
    if head is None:
        return None
    want: list[str | int] = [
        name if name else int(index) for name, index in _PATH_PART.findall(head.group())
    ]
    best: int | None = None
    stack: list[list[Any]] = []  # [bracket, key or index]
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok in "{[":
            here = [k for _, k in stack]
            if here == want[: len(here)] and len(here) >= 1:
                best = m.start()  # the deepest container on the way to the path so far
                if here == want:
                    break
            stack.append([tok, 0 if tok == "[" else None])
        elif tok in "}]":
            if stack:
                stack.pop()
        elif tok == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
        elif stack and stack[-1][0] == "{" and _KEY_AFTER.match(text, m.end()):
            stack[-1][1] = json.loads(tok)
    return None if best is None else text.count("\n", 0, best) + 1


def deep_line(text: str, max_depth: int) -> int | None:
    """The line where the nesting first passes ``max_depth``."""
    depth = 0
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok in "{[":
            depth += 1
            if depth > max_depth:
                return text.count("\n", 0, m.start()) + 1
        elif tok in "}]":
            depth -= 1
    return None
