"""POST @search-log over real HTTP (search/logs): what is counted, what is screened or
dropped, who may send what, bad input, the daily compaction and the retention purge."""

from datetime import date
from datetime import datetime
from datetime import timezone
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.search import logs
from guichet_kb.search.logs import store
import pytest
import transaction


EMAIL, PHONE = "jeanne.martin@example.org", "06 12 34 56 78"
TODAY = date(2026, 3, 10)
PERIOD = (date(2026, 1, 1), date(2026, 12, 31))
FIELDS_MESSAGE = "Attendu : un objet JSON avec uniquement ces champs : opened, query, results, source."


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch):
    ratelimit.clear()
    at(monkeypatch, TODAY)
    yield
    ratelimit.clear()


def at(monkeypatch, day, hour=10):
    monkeypatch.setattr(clock, "now", lambda: datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc))


def beacon(rest, site, user=None, headers=None, **body):
    return rest(user).post(f"{site}/@search-log", json=body, headers=headers or {})


def totals(start=PERIOD[0], end=PERIOD[1]):
    transaction.begin()  # what the server committed
    return logs.totals(start, end)


def stored_text():
    """Everything the search logs keep, as text (keys, labels, compacted counts)."""
    transaction.begin()
    log = store.container()
    if log is None:
        return ""
    parts = [repr(list(tree.items())) for tree in (*log.live, *log.labels, log.screened, log.totals)]
    parts += [repr({s: counts.of(s) for s in counts.sources()}) for tree in (log.days, log.months) for counts in tree.values()]
    return "\n".join(parts)


def test_public_and_agent_searches_are_counted_under_their_normalised_query(rest, site):
    assert beacon(rest, site, query="Passeports perdus", source="public", results=0).status_code == 204
    assert beacon(rest, site, query="passeport  PERDU", source="public", results=4).status_code == 204
    assert beacon(rest, site, "agent", query="Carte grise", source="agent", results=3, opened=True).status_code == 204
    assert beacon(rest, site, "agent", query="cartes grises", source="agent", results=3, opened=False).status_code == 204
    assert beacon(rest, site, "agent", query="carte grise", source="agent", results=0).status_code == 204
    assert totals() == {
        "agent": {"searches": 3, "no_result": 1, "opened": 1, "screened": 0},
        "public": {"searches": 2, "no_result": 1, "opened": None, "screened": 0},
    }
    assert logs.gaps(*PERIOD, "public") == [{"query": "passeports perdus", "searches": 2, "no_result": 1, "opened": None}]
    assert logs.gaps(*PERIOD, "agent") == [{"query": "carte grise", "searches": 3, "no_result": 1, "opened": 1}]
    assert totals(date(2026, 3, 11), date(2026, 3, 31))["public"]["searches"] == 0  # only the day it was searched


def test_gaps_are_sorted_by_what_is_missing(rest, site):
    for query, results in (("velo", 0), ("velo", 0), ("cantine", 0), ("cantine", 2), ("cantine", 2), ("piscine", 5)):
        assert beacon(rest, site, query=query, source="public", results=results).status_code == 204
    for query, opened in (("encombrants", False), ("encombrants", False), ("piscine", True), ("piscine", False), ("piscine", True)):
        assert beacon(rest, site, "agent", query=query, source="agent", results=2, opened=opened).status_code == 204
    transaction.begin()
    assert [(row["query"], row["no_result"]) for row in logs.gaps(*PERIOD, "public")] == [("velo", 2), ("cantine", 1)]  # piscine: no gap
    assert [(row["query"], row["searches"], row["opened"]) for row in logs.gaps(*PERIOD, "agent")] == [("encombrants", 2, 0), ("piscine", 3, 2)]
    assert logs.gaps(*PERIOD, "public", limit=1) == [{"query": "velo", "searches": 2, "no_result": 2, "opened": None}]


@pytest.mark.parametrize(
    "query",
    [
        f"passeport {EMAIL}",
        "passeport jeanne arobase example point org",
        f"rappeler au {PHONE}",
        "dossier 1234567",
        "carte @ grise",
        "Jean Valideur carte",
    ],
)
def test_personal_data_is_never_stored_only_screened(rest, site, query):
    assert beacon(rest, site, query=query, source="public", results=0).status_code == 204
    assert beacon(rest, site, "agent", query=query, source="agent", results=0, opened=False).status_code == 204
    assert totals() == {
        "agent": {"searches": 0, "no_result": 0, "opened": 0, "screened": 1},
        "public": {"searches": 0, "no_result": 0, "opened": None, "screened": 1},
    }
    text = stored_text()
    for piece in ("jeanne", "martin", "example", "06 12", "0612", "1234567", "valideur", "@"):
        assert piece not in text


def test_a_query_with_no_word_left_is_counted_nowhere(rest, site):
    for query in ("", "   ", "le la de", "?!…", "🙂🙂"):
        assert beacon(rest, site, query=query, source="public", results=0).status_code == 204
    assert totals()["public"] == {"searches": 0, "no_result": 0, "opened": None, "screened": 0}
    assert store.container() is None  # not even created


BAD = [
    ({"query": 3, "source": "public", "results": 0}, "« query » doit être les mots cherchés, 200 caractères au plus."),
    ({"query": "x" * 201, "source": "public", "results": 0}, "« query » doit être les mots cherchés, 200 caractères au plus."),
    ({"source": "public", "results": 0}, "« query » doit être les mots cherchés, 200 caractères au plus."),
    ({"query": "velo", "source": "visio", "results": 0}, "« source » doit valoir : agent, public."),
    ({"query": "velo", "results": 0}, "« source » doit valoir : agent, public."),
    ({"query": "velo", "source": "public", "results": -1}, "« results » doit être le nombre de résultats affichés, un nombre entier (0 ou plus)."),
    ({"query": "velo", "source": "public", "results": "3"}, "« results » doit être le nombre de résultats affichés, un nombre entier (0 ou plus)."),
    ({"query": "velo", "source": "public", "results": 1.5}, "« results » doit être le nombre de résultats affichés, un nombre entier (0 ou plus)."),
    ({"query": "velo", "source": "public", "results": True}, "« results » doit être le nombre de résultats affichés, un nombre entier (0 ou plus)."),
    ({"query": "velo", "source": "public"}, "« results » doit être le nombre de résultats affichés, un nombre entier (0 ou plus)."),
    ({"query": "velo", "source": "public", "results": 0, "opened": True}, "« opened » vaut true ou false, et seulement avec la source « agent »."),
    ({"query": "velo", "source": "agent", "results": 0, "opened": "oui"}, "« opened » vaut true ou false, et seulement avec la source « agent »."),
    ({"query": "velo", "source": "public", "results": 0, "ip": "1.2.3.4"}, FIELDS_MESSAGE),
]


@pytest.mark.parametrize("body,message", BAD)
def test_bad_input_is_a_400_and_stores_nothing(rest, site, body, message):
    response = beacon(rest, site, "agent", **body)
    assert response.status_code == 400
    assert response.json() == {"error": {"type": "BadRequest", "message": message}}
    transaction.begin()
    assert store.container() is None


def test_who_may_send_what(rest, site):
    assert beacon(rest, site, query="velo", source="agent", results=1, opened=True).status_code == 401
    refused = beacon(rest, site, "redacteur", query="velo", source="agent", results=1, opened=True)  # no agent role on the site
    assert refused.status_code == 403 and refused.json()["error"]["message"] == "Votre compte n'a pas le droit de faire cela."
    assert totals()["agent"]["searches"] == 0
    assert beacon(rest, site, "redacteur", query="velo", source="public", results=1).status_code == 204  # staff reading the public site
    assert beacon(rest, site, "valideur", query="velo", source="agent", results=1).status_code == 204
    assert totals()["agent"]["searches"] == 1 and totals()["public"]["searches"] == 1


def test_anonymous_beacons_are_rate_limited_agents_are_not(rest, site):
    codes = [beacon(rest, site, query="velo", source="public", results=0).status_code for _ in range(61)]
    assert codes == [204] * 60 + [429]
    assert beacon(rest, site, "agent", query="velo", source="agent", results=0, opened=False).status_code == 204
    assert totals()["public"]["searches"] == 60


def test_the_daily_job_compacts_closed_days_once(rest, site, monkeypatch):
    assert beacon(rest, site, query="velo", source="public", results=0).status_code == 204
    assert beacon(rest, site, query=f"velo {EMAIL}", source="public", results=0).status_code == 204
    at(monkeypatch, date(2026, 3, 11))
    assert beacon(rest, site, query="velo", source="public", results=2).status_code == 204
    before = totals()
    transaction.begin()
    assert logs.compact() == {"search_logs": {"days": 1, "searches": 1}}
    transaction.commit()
    assert logs.compact() == {"search_logs": {"days": 0, "searches": 0}}  # idempotent
    transaction.commit()
    assert (
        totals()
        == before
        == {
            "agent": {"searches": 0, "no_result": 0, "opened": 0, "screened": 0},
            "public": {"searches": 2, "no_result": 1, "opened": None, "screened": 1},
        }
    )
    log = store.container()
    assert list(log.days.keys()) == [TODAY.toordinal()] and all(entry[0] == TODAY.toordinal() + 1 for tree in log.live for entry in tree.keys())
    assert logs.gaps(TODAY, TODAY, "public") == [{"query": "velo", "searches": 1, "no_result": 1, "opened": None}]


def test_the_retention_purge_drops_old_days(rest, site, monkeypatch):
    at(monkeypatch, date(2025, 1, 10))
    assert beacon(rest, site, query="velo ancien", source="public", results=0).status_code == 204
    at(monkeypatch, date(2025, 1, 11))
    transaction.begin()
    logs.compact()
    transaction.commit()
    at(monkeypatch, date(2025, 12, 1))
    assert beacon(rest, site, query="cantine", source="public", results=0).status_code == 204
    at(monkeypatch, date(2026, 2, 9))  # 13 months after 2025-01-09: all kept
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"]["search_log_days"] == 0
    at(monkeypatch, date(2026, 2, 11))  # January 2025 is now older than the retention
    transaction.begin()
    assert [row["query"] for row in logs.gaps(date(2024, 1, 1), date(2026, 2, 11), "public")] == ["cantine"]  # never read past it
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"]["search_log_days"] == 1
    assert "velo" not in stored_text() and "cantine" in stored_text()
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"]["search_log_days"] == 0


def test_the_daily_rollup_runs_the_compaction(rest, site, monkeypatch):
    assert beacon(rest, site, query="velo", source="public", results=0).status_code == 204
    at(monkeypatch, date(2026, 3, 11))

    def rollup():
        while True:  # the job answers in slices of days: called again until nothing remains (as the CLI does)
            answer = rest("admin").post(f"{site}/@daily-rollup", json={}).json()
            if answer["remaining"] == 0:
                return answer

    assert rollup()["search_logs"] == {"days": 1, "searches": 1}
    assert rollup()["search_logs"] == {"days": 0, "searches": 0}
    transaction.begin()
    assert list(store.container().days.keys()) == [TODAY.toordinal()]
    assert logs.gaps(TODAY, TODAY, "public") == [{"query": "velo", "searches": 1, "no_result": 1, "opened": None}]
