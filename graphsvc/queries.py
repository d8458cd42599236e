"""The registry of named Cypher statements in ``cypher/``.

Every statement lives in its own file, named verb-first, opening with a comment that says what it
returns and which parameters it takes. Loading happens once at start, so a missing or malformed
file fails the boot rather than a request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# "// Params: ..." and its continuation lines, up to the next "// Word:" line or the header's end.
DECLARED = re.compile(
    r"^//\s*Params:(.*?)(?=^//\s*\w+:|\Z)", re.IGNORECASE | re.MULTILINE | re.DOTALL
)


class QueryFileError(ValueError):
    """A .cypher file lacks its header or declares parameters that differ from those it uses."""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    header: str
    declared_params: frozenset[str]

    @property
    def used_params(self) -> frozenset[str]:
        body = "\n".join(
            line for line in self.text.splitlines() if not line.lstrip().startswith("//")
        )
        return frozenset(PARAMETER.findall(body))


def parse(name: str, text: str) -> Query:
    header_lines = []
    for line in text.splitlines():
        if not line.lstrip().startswith("//"):
            break
        header_lines.append(line.strip())
    header = "\n".join(header_lines)
    if not header:
        raise QueryFileError(f"{name}.cypher must open with a // comment saying what it returns")
    declared = DECLARED.search(header)
    if declared is None:
        raise QueryFileError(f"{name}.cypher must declare its parameters in a '// Params:' line")
    query = Query(name, text, header, frozenset(PARAMETER.findall(declared.group(1))))
    if query.used_params != query.declared_params:
        raise QueryFileError(
            f"{name}.cypher declares {sorted(query.declared_params)} "
            f"but uses {sorted(query.used_params)}"
        )
    return query


def load(directory: Path) -> Mapping[str, Query]:
    """Every ``*.cypher`` file directly in ``directory`` (migrations live in a subfolder)."""
    files = sorted(Path(directory).glob("*.cypher"))
    if not files:
        raise QueryFileError(f"no .cypher files in {directory}")
    return {path.stem: parse(path.stem, path.read_text(encoding="utf-8")) for path in files}
