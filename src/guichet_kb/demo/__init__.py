"""The fictional town's demo catalogue and demo accounts (used by `make start`)."""

import json
from pathlib import Path


CATALOGUE = Path(__file__).with_name("catalogue.json")


def town_phone():
    """The demo town's phone (catalogue.json), shown by the public site when Plone is down."""
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))["town"]["phone"]
