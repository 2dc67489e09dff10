"""@answer cards built from catalog metadata (serializers/card.py), over real HTTP.

What a card shows of its related items changes with them at once (a desk that
moves, a document renamed); a draft or expired desk or document never shows,
whoever asks; a sheet's own local roles decide its call script; the card reads
the same as the items' own serializers, with one catalog query for the related
items and no result woken.
"""

from answer_helpers import answer
import catalogue_factory as make
from DateTime import DateTime
from guichet_kb.api.answer.get import AnswerGet
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.serializers.card import card
from guichet_kb.serializers.card import related_uids
from guichet_kb.serializers.desk import desk_json
from guichet_kb.serializers.documents import document_rows
from guichet_kb.serializers.provenance import provenance
from guichet_kb.serializers.sheet import InternalReader
from guichet_kb.testing import DEMO_PASSWORD
from guichet_kb.visibility import visible
from guichet_kb.visibility import visible_brains
from plone import api
from Products.CMFPlone.CatalogTool import CatalogTool
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
import pytest
import transaction
from zope.annotation.interfaces import IAnnotations


WORD = "zygomorphe"  # in the test sheets' titles only


def _card(rest, site, user=None, title=f"Démarche {WORD}"):
    items = [item for item in answer(rest, site, user, q=WORD, b_size=10) if item["title"] == title]
    assert len(items) == 1, items
    return items[0]


@pytest.fixture
def sheet(catalogue):
    """A published sheet with two documents, two desks and a call script; another sheet with a call script."""
    created = catalogue(
        make.department("zyg-service", "Service zygomorphe"),
        make.desk("zyg-guichet", "Guichet premier"),
        make.desk("zyg-annexe", "Guichet second", street="2 rue Seconde"),
        make.document("zyg-piece-1", "Pièce première"),
        make.document("zyg-piece-2", "Pièce seconde"),
        make.sheet(
            "zyg-fiche",
            f"Démarche {WORD}",
            "zyg-service",
            ["zyg-guichet", "zyg-annexe"],
            required_documents=[make.required("zyg-piece-1"), make.required("zyg-piece-2")],
            call_script_questions="Question zygomorphe ?",
            call_script_answer="Réponse zygomorphe.",
        ),
        make.sheet("zyg-autre", f"Autre {WORD}", "zyg-service", ["zyg-guichet"], call_script_answer="Autre réponse."),
    )
    return created


def test_a_related_item_changed_shows_at_once(rest, site, sheet):
    card = _card(rest, site, "agent")
    assert card["desk"]["address"] == "1 rue d'Essai, 99000 Ville-Essai"
    assert card["required_documents"] == ["Pièce première", "Pièce seconde"]
    admin = rest("admin")
    assert admin.patch(sheet["zyg-guichet"].absolute_url(), json={"street": "5 quai Neuf", "phone": "01 99 99 99 99"}).status_code == 204
    assert admin.patch(sheet["zyg-piece-2"].absolute_url(), json={"title": "Pièce renommée"}).status_code == 204
    for user in (None, "agent"):
        card = _card(rest, site, user)
        assert card["desk"]["address"] == "5 quai Neuf, 99000 Ville-Essai" and card["desk"]["phone"] == "01 99 99 99 99"
        assert card["required_documents"] == ["Pièce première", "Pièce renommée"]


def test_expired_or_draft_related_items_never_in_a_card(rest, site, sheet, functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        for item in (sheet["zyg-guichet"], sheet["zyg-piece-1"]):
            item.setExpirationDate(DateTime("2021/01/01"))
            item.reindexObject()
        draft = api.content.create(container=portal["pieces"], type="RequiredDocument", id="zyg-brouillon", title="Pièce brouillon")
        fiche = sheet["zyg-fiche"]
        fiche.required_documents = [*fiche.required_documents, {"document": draft.UID(), "requirement": "mandatory", "form": "original"}]
        fiche.reindexObject()
    transaction.commit()
    for user in (None, "agent"):
        card = _card(rest, site, user)
        assert card["required_documents"] == ["Pièce seconde"], user
        assert card["desk"]["title"] == "Guichet second", user
    # The Zope Manager may see inactive and draft items everywhere: the same rule, through the catalog.
    assert _card(rest, site, "admin")["required_documents"] == ["Pièce première", "Pièce seconde", "Pièce brouillon"]


def test_call_script_follows_the_sheets_own_local_roles(rest, site, sheet, functional):
    portal = functional["portal"]
    portal.acl_users.userFolderAddUser("zyg-membre", DEMO_PASSWORD, ["Member"], [])
    transaction.commit()
    assert "call_script" not in _card(rest, site, "zyg-membre")
    assert _card(rest, site, "agent")["call_script"] == {"questions": "Question zygomorphe ?", "answer": "Réponse zygomorphe."}
    entries = [{"id": "zyg-membre", "type": "user", "roles": {"Editor": True}}]
    response = rest("admin").post(f"{sheet['zyg-fiche'].absolute_url()}/@sharing", json={"entries": entries})
    assert response.status_code == 204, response.text
    # The member is an Editor of this sheet only: its call script, not the other sheet's.
    assert _card(rest, site, "zyg-membre")["call_script"]["answer"] == "Réponse zygomorphe."
    assert "call_script" not in _card(rest, site, "zyg-membre", title=f"Autre {WORD}")
    assert "call_script" not in _card(rest, site)


@pytest.fixture
def spied(monkeypatch):
    """Catalog queries (restricted, unrestricted) and brains woken, by kind."""
    calls = []
    for cls, name in ((CatalogTool, "searchResults"), (CatalogTool, "unrestrictedSearchResults")):
        original = getattr(cls, name)

        def spy(self, *args, _original=original, _name=name, **kw):
            calls.append(_name)
            return _original(self, *args, **kw)

        monkeypatch.setattr(cls, name, spy)
    monkeypatch.setattr(CatalogTool, "__call__", CatalogTool.searchResults)
    for name in ("getObject", "_unrestrictedGetObject"):
        original = getattr(AbstractCatalogBrain, name)

        def woken(self, *args, _original=original, **kw):
            calls.append("woken")
            return _original(self, *args, **kw)

        monkeypatch.setattr(AbstractCatalogBrain, name, woken)
    return calls


def _reply(portal, request, query):
    request.form.clear()
    request.form.update({"q": query, "b_size": "10"})
    service = AnswerGet()
    service.context, service.request = portal, request
    return service.reply()


def test_one_query_for_the_related_items_and_nothing_woken(integration, spied):
    portal, request = integration["portal"], integration["request"]
    api.portal.set_registry_record("guichet_kb.best_bets", ["acte => acte-naissance"])
    with api.env.adopt_user(username="agent"):
        spied.clear()
        items = _reply(portal, request, "acte")["items"]
        assert items[0]["@id"].endswith("/acte-naissance") and any(item.get("desk") for item in items)
        # The text query (the best bet is a candidate: no query of its own), the related items,
        # the bookable agendas (issue 18: once per request, appointments/agendas.py).
        assert spied.count("searchResults") == 3 and "unrestrictedSearchResults" not in spied
        # Only sheets with a call script, for staff; nothing for an anonymous caller.
        assert spied.count("woken") == sum(1 for item in items if any((item.get("call_script") or {}).values()))
    with api.env.adopt_roles(["Anonymous"]):
        spied.clear()
        _reply(portal, request, "acte")
        assert spied == ["searchResults", "searchResults", "searchResults"]


def _item(portal, request, brain):
    """The @answer item of one brain, as the service builds it."""
    service = AnswerGet()
    service.context, service.request = portal, request
    found = card(brain)
    service.related, service.internal = visible_brains(related_uids(found)), InternalReader(portal)
    return service.item(brain, 1.0, found, set())


def test_a_card_reads_as_the_items_own_serializers(integration):
    """Every published demo sheet and answer, one with an import record and local
    changes: the card's parts equal what the object paths give."""
    portal, request = integration["portal"], integration["request"]
    with api.env.adopt_roles(["Manager"]):
        imported = portal["demarches"]["carte-identite"]
        imported.external_id, imported.source_url, imported.appointment_url = "F1342", "https://example.org/F1342", "https://rdv.example.org"
        values = {"title": "Titre national", "description": imported.description}
        IAnnotations(imported)[IMPORT_KEY] = {"hash": "x", "modified": "2020-11-05", "values": values}
        imported.reindexObject()
    for staff, caller in ((False, api.env.adopt_roles(["Anonymous"])), (True, api.env.adopt_user(username="agent"))):
        with caller:
            brains = portal.portal_catalog(portal_type=["ServiceSheet", "Answer"], review_state="published")
            assert len(brains) > 20
            for brain in brains:
                data, obj = _item(portal, request, brain), brain.getObject()
                assert data["provenance"] == provenance(obj, request), brain.getPath()
                if brain.portal_type == "ServiceSheet":
                    desks = visible(obj.desks)
                    assert data["desk"] == (desk_json(desks[0], request=request) if desks else None), brain.getPath()
                    assert data["required_documents"] == [row["title"] for row in document_rows(obj, request)], brain.getPath()
                    assert ("call_script" in data) == staff
                else:
                    assert data["short_answer"] == obj.short_answer
            local = _item(portal, request, portal.portal_catalog(UID=imported.UID())[0])["provenance"]["local"]
            assert len(local) == 4 and local[:2] == ["guichets", "service instructeur"], local
