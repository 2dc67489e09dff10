"""Issue 17, done when: on the demo with generated activity (three months, as `make start`
makes it), the dashboard answers at a glance « how many calls last month, by channel,
and what could we not answer? », with the figures the aggregates hold."""

from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.demo import activity
from guichet_kb.interactions.store import CHANNEL_TITLES
from guichet_kb.stats import cubes
from guichet_kb.stats import rollup
from guichet_kb.testing import DEMO_PASSWORD
import pytest
import transaction
from zope.i18n import translate


@pytest.fixture
def demo_activity(functional):
    today = clock.today()
    made = activity.generate(today - timedelta(days=activity.DEMO_DAYS), activity.DEMO_DAYS, activity.DEMO_PER_DAY)
    while rollup.rollup()["remaining"]:
        pass
    transaction.commit()
    first = today.replace(day=1)
    last_month = (first - timedelta(days=1)).replace(day=1), first - timedelta(days=1)
    return made, last_month


def table(driver, panel):
    rows = css(driver, f"#panel-{panel} tbody tr")
    return [[cell.text for cell in row.find_elements("css selector", "th, td")] for row in rows]


def test_last_month_by_channel_and_what_was_not_answered(chromium, site, demo_activity):
    made, (start, end) = demo_activity
    by_channel = cubes.query(start, end, ("channel",))
    outcomes = cubes.query(start, end, ("outcome",))
    assert made["interactions"] > 3000 and sum(by_channel.values()) > 1000
    log_in(chromium, site, "responsable", DEMO_PASSWORD)
    chromium.get(f"{site}/@@tableau-de-bord")  # last month by default
    wait_for(lambda: css(chromium, "#glance-total"))
    assert css(chromium, "#glance-total")[0].text == str(sum(by_channel.values()))
    assert css(chromium, "#glance-not-answered")[0].text == str(outcomes[("not_answered",)])
    channels = {row[0]: row[1] for row in table(chromium, "channels")}
    assert channels["Total"] == str(sum(by_channel.values()))
    for (channel,), count in by_channel.items():
        assert channels[translate(CHANNEL_TITLES[channel], target_language="fr")] == str(count)
    unanswered = table(chromium, "unanswered_services")
    assert unanswered and all(row[1].isdigit() for row in unanswered)
    # The most often not answered first, each linking to its sheet (or the line of questions without one).
    counts = [int(row[1]) for row in unanswered]
    assert counts == sorted(counts, reverse=True) or unanswered[-1][0].startswith("Sans")
    assert css(chromium, "#panel-unanswered_services tbody a")
