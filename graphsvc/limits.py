"""What counts as text, for the API and the bulk format alike.

Lone UTF-16 surrogates cannot be stored (the Neo4j driver cannot encode them) and control
characters, but tab and line breaks, are not text.
"""

from __future__ import annotations

import re

NOT_TEXT = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Sizes and shapes, one place for the API's marshmallow schemas and the bulk format's models,
# so that what one accepts the other does too.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:+-]{0,99}$"  # '+' for ids such as Debian's p-aspectc++
ID_MAX = 100
NAME_MAX = 200  # names and titles
BIO_MAX = 2000
DESCRIPTION_MAX = 4000  # of a project or a need
SKILL_DESCRIPTION_MAX = 2000
MESSAGE_MAX = 1000  # to the member introduced
REGION_MAX = 20
EMAIL_MAX = 254
KEY_NAME_MAX = 100

# How far "nearby" reaches when nobody says: recommendations, a city's dashboard, the notebooks.
DEFAULT_RADIUS_KM = 30.0
