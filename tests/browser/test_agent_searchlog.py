"""The agent console's search log beacon (agent_searchlog.js) in headless Chromium: one
POST @search-log per settled query, opened or not, none for the prefixes typed on the
way, and only counts stored."""

from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.search import logs
from guichet_kb.testing import DEMO_PASSWORD
import pytest
import transaction


@pytest.fixture
def console(chromium, site):
    ratelimit.clear()
    log_in(chromium, site, "agent", DEMO_PASSWORD)
    chromium.get(f"{site}/@@agent")
    wait_for(lambda: css(chromium, "#agent-q"))
    return chromium


def days():
    return clock.today() - timedelta(days=1), clock.today() + timedelta(days=1)  # midnight may pass during the test


def agent_totals(expected):
    """The agents' totals once they are `expected` (the beacons are not awaited by the page)."""

    def read():
        transaction.begin()
        found = logs.totals(*days())["agent"]
        return found if found == expected else None

    wait_for(read)
    return logs.totals(*days())["agent"]


def listed(driver, site, rest, query):
    expected = [i["title"] for i in rest("agent").get(f"{site}/@answer", params={"q": query, "b_size": 8}).json()["items"]]
    wait_for(lambda: [li.text.splitlines()[0] for li in css(driver, "#agent-results li") if li.is_displayed()] == expected)
    return expected


def test_one_beacon_per_settled_query(console, site, rest):
    from selenium.webdriver.common.keys import Keys

    driver = console
    box = css(driver, "#agent-q")[0]
    box.send_keys("car")
    assert listed(driver, site, rest, "car")  # results for the prefix: not a search of its own
    box.send_keys("te grise")
    assert listed(driver, site, rest, "carte grise")
    box.send_keys(Keys.ENTER)  # the first result opened: settled, opened
    wait_for(lambda: not css(driver, "#agent-card")[0].get_attribute("hidden"))
    assert agent_totals({"searches": 1, "no_result": 0, "opened": 1, "screened": 0})

    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("trottinette volante")
    wait_for(lambda: css(driver, "#agent-status")[0].text.startswith("Aucune réponse trouvée."))
    box.send_keys(Keys.ESCAPE)  # cleared without opening anything: settled, not opened
    assert agent_totals({"searches": 2, "no_result": 1, "opened": 1, "screened": 0})

    box.send_keys("passeport")
    assert listed(driver, site, rest, "passeport")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("encombrants")  # another query: the one before settles, not opened
    assert listed(driver, site, rest, "encombrants")
    assert agent_totals({"searches": 3, "no_result": 1, "opened": 1, "screened": 0})
    assert [row["query"] for row in logs.gaps(*days(), "agent")] == ["passeport", "trottinette volante"]
    assert "car" not in [row["query"] for row in logs.gaps(*days(), "agent")]
