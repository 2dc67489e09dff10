"""The workflow rules as plain functions, without a Plone site (pure-Python tier).

Items are stand-ins with only the attributes the rules read; who wrote an item and
whether the caller may override are replaced where they would need a site.
"""

from guichet_kb.workflow import completeness
from guichet_kb.workflow import queue
from guichet_kb.workflow import rules
import pytest
from types import SimpleNamespace


class Rich:
    def __init__(self, raw):
        self.raw = raw


def sheet(**changes):
    values = {
        "portal_type": "ServiceSheet",
        "description": "Une démarche.",
        "eligibility": Rich("<p>Tout le monde.</p>"),
        "channels": ["on_site"],
        "required_documents": [],
        "no_document_needed": True,
        "department": "uid-service",
        "competences": [{"organisation": "uid-commune", "case": None}],
        "desks": ["uid-guichet"],
        "online_service_url": "",
    }
    values.update(changes)
    return SimpleNamespace(**values)


def ids(rules_):
    return [rule.id for rule in rules_]


class TestCompleteness:
    def test_a_complete_sheet_misses_nothing(self):
        assert completeness.missing(sheet()) == []

    def test_missing_rules_in_declaration_order(self):
        item = sheet(description="", eligibility=Rich("  "), desks=[], competences=[], no_document_needed=False)
        assert ids(completeness.missing(item)) == ["description", "eligibility", "required_documents", "competences", "desks"]

    def test_alternatives_satisfy_a_rule(self):
        assert completeness.missing(sheet(desks=[], online_service_url="https://example.org")) == []
        assert completeness.missing(sheet(no_document_needed=False, required_documents=[{"document": "uid"}])) == []

    def test_empty_rich_text_is_missing(self):
        assert ids(completeness.missing(sheet(eligibility=None))) == ["eligibility"]
        assert ids(completeness.missing(sheet(eligibility=Rich("")))) == ["eligibility"]

    def test_desk_phone_or_email(self):
        desk = SimpleNamespace(portal_type="Desk", street="1 rue", city="Ville", phone="", email="", opening_hours=[{"day": "monday"}])
        assert ids(completeness.missing(desk)) == ["phone"]
        desk.email = "accueil@example.org"
        assert completeness.missing(desk) == []

    def test_types_without_rules_are_complete(self):
        assert completeness.missing(SimpleNamespace(portal_type="Document")) == []

    def test_every_catalogue_type_declares_its_rules(self):
        assert set(completeness.RULES) == set(queue.CATALOGUE_TYPES)

    @pytest.mark.parametrize(
        "phrases, expected",
        [([], ""), (["a summary"], "a summary"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
    )
    def test_describe_joins_phrases(self, phrases, expected):
        found = [completeness.Rule(str(i), p, p, None) for i, p in enumerate(phrases)]
        assert completeness.describe(found, None) == expected


@pytest.fixture
def wrote_it(monkeypatch):
    """The caller ("auteur") submitted the item; may_override[0] says if they may override."""
    may_override = [False]
    monkeypatch.setattr(rules, "publish_authors", lambda obj: {"auteur"})
    monkeypatch.setattr(rules, "can_override", lambda obj: may_override[0])
    return may_override


class TestFourEyes:
    def test_someone_else_may_approve(self, wrote_it):
        assert rules.four_eyes_problem(sheet(), "valideur", "", {"auteur"}) is None

    def test_the_author_may_not(self, wrote_it):
        assert rules.four_eyes_problem(sheet(), "auteur", "Urgent.", {"auteur"}) == "error_four_eyes"

    def test_an_administrator_overrides_with_a_comment_only(self, wrote_it):
        wrote_it[0] = True
        assert rules.four_eyes_problem(sheet(), "auteur", "", {"auteur"}) == "error_four_eyes_override"
        assert rules.four_eyes_problem(sheet(), "auteur", "Urgent.", {"auteur"}) is None

    def test_is_override_only_for_an_author_publishing_with_a_comment(self, wrote_it):
        wrote_it[0] = True
        assert rules.is_override(sheet(), "publish", "Urgent.", "auteur")
        assert not rules.is_override(sheet(), "publish", "  ", "auteur")
        assert not rules.is_override(sheet(), "publish", "Urgent.", "valideur")
        assert not rules.is_override(sheet(), "archive", "Urgent.", "auteur")


class TestTransitionProblems:
    def test_reject_needs_a_comment(self, wrote_it):
        assert rules.transition_problems(sheet(), "reject", "   ", "valideur") == ["error_comment_required"]
        assert rules.transition_problems(sheet(), "reject", "Préciser le coût.", "valideur") == []

    def test_publish_by_another_reviewer_of_a_complete_item(self, wrote_it):
        assert rules.transition_problems(sheet(), "publish", "", "valideur") == []

    def test_publish_lists_every_problem(self, wrote_it):
        problems = rules.transition_problems(sheet(description=""), "publish", "", "auteur")
        assert problems == ["error_four_eyes", "error_incomplete"]
        assert problems[1].mapping == {"fields": "a summary"}

    def test_confirm_review_needs_completeness_not_four_eyes(self, wrote_it):
        assert rules.transition_problems(sheet(), "confirm_review", "", "auteur") == []
        assert rules.transition_problems(sheet(channels=[]), "confirm_review", "", "auteur") == ["error_incomplete"]

    def test_submit_has_no_rule(self, wrote_it):
        assert rules.transition_problems(sheet(description=""), "submit", "", "auteur") == []


class TestCheckin:
    @pytest.fixture
    def working_copy(self, monkeypatch):
        monkeypatch.setattr(rules.review, "last_editor", lambda obj: "redacteur")
        return sheet(listCreators=lambda: ("redacteur",))

    def test_another_reviewer_checks_in_with_a_note(self, working_copy):
        assert rules.checkin_problems(working_copy, "Nouveau tarif.", "valideur") == []

    def test_own_change_without_note(self, working_copy):
        assert rules.checkin_problems(working_copy, " ", "redacteur") == ["error_change_note_required", "error_checkin_own"]


class TestQueueReasons:
    def test_every_reason_has_a_title(self):
        assert list(queue.REASON_TITLES) == list(queue.REASONS)

    def test_reasons_are_unique(self):
        assert len(set(queue.REASONS)) == len(queue.REASONS)
