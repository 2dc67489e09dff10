"""Review dates (frozen clock), shared-fact flags, working copies, history."""

import catalogue_factory as make
from datetime import date
from datetime import datetime
from guichet_kb import clock
from guichet_kb.workflow import queue
from guichet_kb.workflow import review
from plone import api
from plone.dexterity.utils import createContentInContainer
import pytest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the review clock at a given date."""

    def freeze(day):
        monkeypatch.setattr(clock, "now", lambda: datetime(day.year, day.month, day.day, 12, tzinfo=clock.zone()))

    return freeze


def as_user(userid):
    return api.env.adopt_user(username=userid)


def edit(obj, userid, **changes):
    with as_user(userid):
        for name, value in changes.items():
            setattr(obj, name, value)
        notify(ObjectModifiedEvent(obj))


@pytest.fixture
def shared(portal):
    """Two published sheets of the test's own sharing a department, a desk, a document and
    a competent organisation: {id: item}."""
    facts = (
        make.department("service-essai", "Service d'essai"),
        make.desk("guichet-essai", "Guichet d'essai"),
        make.organisation("organisme-essai", "Organisme d'essai", kind="ccas"),
    )
    document = make.document("piece-essai", "Pièce d'essai")
    competences = [{"organisation": "organisme-essai", "case": None}]
    sheets = [
        make.sheet(id, title, "service-essai", ["guichet-essai"], required_documents=[make.required("piece-essai")], competences=competences)
        for id, title in (("fiche-essai", "Fiche d'essai"), ("autre-fiche", "Autre fiche"))
    ]
    return make.publish(portal, *facts, document, *sheets)


@pytest.fixture
def sheet(shared):
    return shared["fiche-essai"]


class TestReviewDates:
    def test_confirm_review_sets_dates_from_site_interval(self, sheet, frozen):
        frozen(date(2027, 1, 31))
        with as_user("valideur"):
            api.content.transition(sheet, transition="confirm_review")
        assert sheet.last_reviewed == date(2027, 1, 31)
        assert sheet.last_reviewer == "valideur"
        assert sheet.next_review_date == date(2028, 1, 31)

    def test_per_sheet_interval_and_month_end(self, sheet, frozen):
        frozen(date(2027, 8, 31))
        sheet.review_interval = 6
        with as_user("valideur"):
            api.content.transition(sheet, transition="confirm_review")
        assert sheet.next_review_date == date(2028, 2, 29)

    def test_site_interval_setting(self, sheet, frozen):
        frozen(date(2027, 1, 15))
        api.portal.set_registry_record("guichet_kb.default_review_interval", 3)
        with as_user("valideur"):
            api.content.transition(sheet, transition="confirm_review")
        assert sheet.next_review_date == date(2027, 4, 15)

    def test_overdue_stays_published_and_enters_queue(self, sheet, frozen):
        frozen(date(2027, 1, 1))
        with as_user("valideur"):
            api.content.transition(sheet, transition="confirm_review")
        frozen(date(2028, 1, 2))
        sheet.reindexObject()
        assert review.is_overdue(sheet)
        assert api.content.get_state(sheet) == "published"
        with as_user("valideur"):
            entries = [e for e in queue.entries() if e["UID"] == sheet.UID()]
        assert [e["reason"] for e in entries] == ["overdue"]
        assert entries[0]["age_days"] == 1

    def test_not_overdue_on_due_day(self, sheet, frozen):
        frozen(date(2027, 1, 1))
        with as_user("valideur"):
            api.content.transition(sheet, transition="confirm_review")
        frozen(date(2028, 1, 1))
        assert not review.is_overdue(sheet)


class TestSharedFacts:
    @pytest.mark.parametrize(
        "folder, item_id",
        [("pieces", "piece-essai"), ("guichets", "guichet-essai"), ("services", "service-essai"), ("organismes", "organisme-essai")],
    )
    def test_change_flags_every_published_sheet_using_it(self, shared, sheet, folder, item_id):
        source = shared[item_id]
        index = {"pieces": "required_document_uids", "guichets": "desk_uids", "services": "department_uid", "organismes": "competent_uids"}[folder]
        users = [b.getObject() for b in api.content.find(portal_type="ServiceSheet", review_state="published", **{index: source.UID()})]
        assert sheet in users and sorted(user.getId() for user in users) == ["autre-fiche", "fiche-essai"]
        edit(source, "admin", description="Nouvelle description.")
        for user in users:
            flags = review.flags(user)
            assert flags and flags[-1]["source_title"] == source.Title()
        with as_user("valideur"):
            flagged = {e["UID"]: e for e in queue.entries(("flagged",))}
        assert sheet.UID() in flagged
        assert flagged[sheet.UID()]["details"][0]["source_type"] == source.portal_type

    def test_confirm_review_clears_the_flag(self, shared, sheet):
        edit(shared["guichet-essai"], "admin", phone="01 23 45 00 00")
        assert review.flags(sheet)
        with as_user("valideur"):
            api.content.transition(sheet, transition="confirm_review")
        assert not review.flags(sheet)
        assert not api.content.find(UID=sheet.UID(), review_flagged=True)

    def test_draft_document_change_flags_nothing(self, portal, sheet):
        draft = createContentInContainer(portal["pieces"], "RequiredDocument", checkConstraints=False, id="brouillon", title="Brouillon")
        edit(draft, "admin", description="x")
        assert not review.flags(sheet)


class TestHistory:
    def test_every_type_is_versioned(self, portal):
        repository = api.portal.get_tool("portal_repository")
        for portal_type in ("ServiceSheet", "RequiredDocument", "Desk", "Department", "Answer", "Organisation"):
            assert portal_type in repository.getVersionableContentTypes()
