"""The fact-check tests' fixtures: `draft` and `ask` (tests/helpers/factcheck_helpers.py)."""

from factcheck_helpers import ask  # noqa: F401
from factcheck_helpers import draft  # noqa: F401
