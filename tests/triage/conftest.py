"""Triage tests start with no request counted (rate limits are in-process state) and
triage feedback on sheets of their own: two sheets of two departments, one answer."""

import catalogue_factory as make
from datetime import datetime
from datetime import timezone
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.stats import visitors
import pytest


@pytest.fixture(autouse=True)
def fresh_limits():
    ratelimit.clear()
    visitors.forget()


@pytest.fixture
def own(catalogue):
    """{id: item}: sheets "tri-passeport" (department "tri-etat-civil") and
    "tri-dechets" (department "tri-proprete"), answer "tri-question" about the first."""
    return catalogue(
        make.department("tri-etat-civil", "État civil d'essai"),
        make.department("tri-proprete", "Propreté d'essai"),
        make.desk("tri-guichet", "Guichet de tri"),
        make.sheet("tri-passeport", "Passeport de tri", "tri-etat-civil", ["tri-guichet"]),
        make.sheet("tri-dechets", "Déchets de tri", "tri-proprete", ["tri-guichet"]),
        make.answer("tri-question", "Question de tri", ["tri-passeport"]),
    )


@pytest.fixture
def at(monkeypatch):
    """at(y, m, d, H, M): the clock of the site and of the tests set to this UTC moment."""

    def set_clock(*args):
        monkeypatch.setattr(clock, "now", lambda: datetime(*args, tzinfo=timezone.utc).astimezone(clock.zone()))

    return set_clock
