"""Interaction and statistics tests start with no request counted: rate limits and the
day's visitor keys are in-process state that would carry over from one test to the next."""

from guichet_kb import ratelimit
from guichet_kb.stats import visitors
import pytest


@pytest.fixture(autouse=True)
def fresh_limits():
    ratelimit.clear()
    visitors.forget()
