"""guichet_kb.facts, clock and ratelimit: pure Python, no Plone layer."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb import ratelimit
import pathlib
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo
from zope_free import zope_modules_loaded_by


WORKFLOW = pathlib.Path(facts.__file__).parent / "profiles" / "default" / "workflows" / "guichet_review_workflow" / "definition.xml"


def test_facts_clock_and_ratelimit_import_nothing_from_zope():
    assert zope_modules_loaded_by("import guichet_kb.facts, guichet_kb.clock, guichet_kb.ratelimit") == "[]"


def test_type_groups():
    assert set(facts.ANSWERABLE_TYPES) < set(facts.CATALOGUE_TYPES)
    assert set(facts.PUBLIC_PAGE_TYPES) < set(facts.CATALOGUE_TYPES)
    assert set(facts.FOLDERS.values()) == set(facts.CATALOGUE_TYPES)  # one folder per type
    assert {facts.FOLDERS[folder]: folder for folder in facts.FOLDERS} == facts.FOLDER_OF
    assert facts.FOLDER_OF["ServiceSheet"] == "demarches"  # public URLs and CLI paths rely on it


def test_weekdays_in_date_weekday_order():
    week = [date(2026, 11, 30) + timedelta(days=offset) for offset in range(7)]  # Monday 30 November 2026 to Sunday
    assert [facts.WEEKDAYS[day.weekday()] for day in week] == [day.strftime("%A").lower() for day in week]
    assert facts.WEEKDAYS[0] == "monday" and len(set(facts.WEEKDAYS)) == 7


def test_rich_text_groups():
    assert facts.RICH_TEXT == facts.SHEET_RICH_TEXT + facts.ANSWER_RICH_TEXT
    assert not set(facts.SHEET_RICH_TEXT) & set(facts.ANSWER_RICH_TEXT)


def test_queue_reasons_and_their_actions_are_workflow_transitions():
    transitions = {node.get("transition_id") for node in ET.parse(WORKFLOW).getroot().iter("transition")}
    assert facts.QUEUE_REASONS == ("pending", "working_copy", "flagged", "overdue", "feedback", "agent_report", "withdrawn", "notice", "fact_check")
    for reason, actions in facts.REVIEW_ACTIONS.items():
        assert actions, reason
        # Not transitions: a check-in, and acknowledging service notices (notices/store.py).
        assert set(actions) - {facts.CHECKIN, facts.NOTICE_ACKNOWLEDGE} <= transitions, reason
    assert facts.REVIEW_ACTIONS["working_copy"] == (facts.CHECKIN,)


def test_every_token_has_its_title():
    """The translated titles are attached elsewhere; none may be missing or extra."""
    from guichet_kb.browser.workflow import ReviewQueueView
    from guichet_kb.content import vocabularies
    from guichet_kb.interactions import store
    from guichet_kb.setup.handlers import FOLDER_TITLES
    from guichet_kb.workflow import queue

    pairs = [
        (facts.AUDIENCES, vocabularies.AUDIENCE_TITLES),
        (facts.SHEET_CHANNELS, vocabularies.CHANNEL_TITLES),
        (facts.REQUIREMENTS, vocabularies.REQUIREMENT_TITLES),
        (facts.DOCUMENT_FORMS, vocabularies.DOCUMENT_FORM_TITLES),
        (facts.WEEKDAYS, vocabularies.WEEKDAY_TITLES),
        (facts.CALL_CHANNELS, store.CHANNEL_TITLES),
        (facts.OUTCOMES, store.OUTCOME_TITLES),
        (facts.REPORT_KINDS, store.REPORT_KIND_TITLES),
        (facts.QUEUE_REASONS, queue.REASON_TITLES),
        (tuple(facts.FOLDERS), FOLDER_TITLES),
        (tuple({a for actions in facts.REVIEW_ACTIONS.values() for a in actions} | set(facts.BATCH_ACTIONS)), ReviewQueueView.ACTION_TITLES),
    ]
    for tokens, titles in pairs:
        assert sorted(tokens) == sorted(titles)
    assert [term.value for term in vocabularies.audiences()] == list(facts.AUDIENCES)  # in the facts' order


def test_rich_text_fields_are_the_schemas():
    from guichet_kb.content.answer import IAnswer
    from guichet_kb.content.service_sheet import IServiceSheet
    from plone.app.textfield.interfaces import IRichText
    from zope.schema import getFieldsInOrder

    def rich(schema):
        return tuple(name for name, field in getFieldsInOrder(schema) if IRichText.providedBy(field))

    assert sorted(rich(IServiceSheet)) == sorted(facts.SHEET_RICH_TEXT)
    assert rich(IAnswer) == facts.ANSWER_RICH_TEXT


def test_catalogue_file_columns_each_have_one_kind():
    from guichet_kb.importers import catalogue_file as cf

    kinds = (cf.TEXT, facts.SHEET_RICH_TEXT, cf.LISTS, cf.BOOLS, cf.INTS, cf.REFERENCES, cf.OTHERS)
    assert sorted(c for kind in kinds for c in kind) == sorted(cf.COLUMNS)
    assert cf.COLUMNS[:3] == ("id", "title", "description") and cf.COLUMNS[-1] == "review_state"


def test_cli_choices_are_the_facts():
    from guichet_kb.agent.cli import parser

    actions = {a.dest: a for a in parser()._subparsers._group_actions[0].choices["log"]._actions}
    assert tuple(actions["channel"].choices) == facts.CALL_CHANNELS
    assert tuple(actions["outcome"].choices) == facts.OUTCOMES


def test_clock_outside_a_site_is_paris_and_freezes():
    assert clock.zone_name() == clock.DEFAULT_ZONE == "Europe/Paris"
    assert clock.now().tzinfo == ZoneInfo("Europe/Paris")
    winter = datetime(2026, 1, 15, 23, 30, tzinfo=ZoneInfo("UTC"))
    with clock.frozen(winter):
        assert clock.now().isoformat() == "2026-01-16T00:30:00+01:00"
        assert clock.today().isoformat() == "2026-01-16"  # Paris is already on the next day
        assert clock.local(datetime(2026, 7, 1, 9, 0)).isoformat() == "2026-07-01T09:00:00+02:00"
    assert clock.now().year != 2026 or clock.now() != winter


def test_rate_limiter_window(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: now[0])
    limiter = ratelimit.RateLimiter(2, seconds=60)
    assert [limiter.allowed("a"), limiter.allowed("a"), limiter.allowed("a"), limiter.allowed("b")] == [True, True, False, True]
    now[0] += 59.9
    assert limiter.allowed("a") is False
    now[0] += 0.1  # a new window
    assert limiter.allowed("a") is True
    limiter.clear()
    assert limiter.hits == {}


def test_rate_limiter_stays_bounded_and_forgets_expired_windows(monkeypatch):
    """A flood of new clients (rotating addresses) keeps the table at MAX_KEYS, each hit
    cheap; windows that are over are dropped from the front."""
    now = [0.0]
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(ratelimit, "MAX_KEYS", 50)
    limiter = ratelimit.RateLimiter(1, seconds=60)
    for n in range(500):
        assert limiter.allowed(f"client-{n}") is True
    assert len(limiter.hits) == 50 and "client-499" in limiter.hits and "client-0" not in limiter.hits
    assert limiter.allowed("client-499") is False  # still limited in its window
    now[0] += 61
    assert limiter.allowed("someone") is True
    assert list(limiter.hits) == ["someone"]


def test_named_buckets_are_shared_and_cleared(monkeypatch):
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: 5.0)
    ratelimit.clear()
    assert ratelimit.allowed("test-bucket", "x", 1) is True
    assert ratelimit.allowed("test-bucket", "x", 1) is False
    assert ratelimit.limiter("test-bucket", 1) is ratelimit.limiter("test-bucket", 1)
    ratelimit.clear()
    assert ratelimit.allowed("test-bucket", "x", 1) is True
    ratelimit.clear()
