"""What counts as text, for the API and the bulk format alike.

Lone UTF-16 surrogates cannot be stored (the Neo4j driver cannot encode them) and control
characters, but tab and line breaks, are not text.
"""

from __future__ import annotations

import re

NOT_TEXT = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
