"""GET @answer and @answer-suggest on the demo catalogue, over real HTTP."""

from answer_helpers import answer
from answer_helpers import ids
from guichet_kb.search.text import typed_words
from guichet_kb.search.text import words
from guichet_kb.search.vocabulary import Vocabulary
from plone import api
import pytest
import transaction


@pytest.mark.parametrize(
    "query, expected",
    [
        ("CNI perdue", "carte-identite"),  # abbreviation (synonym group)
        ("passport pour ma fille", "passeport"),  # English spelling and stop words
        ("pasport", "passeport"),  # one typo
        ("inscription cantine", "inscription-cantine"),
        ("je déménage", "changement-adresse"),  # stem déménage / déménagement
        ("mariages", "mariage"),  # plural
        ("PC", "permis-construire"),
        ("DP", "declaration-prealable"),
        ("jdc", "recensement-citoyen"),
        ("bruit voisin", "signalement-bruit"),
        ("ACTE DE NAISSANCE", "acte-naissance"),  # case and accents folded
        ("recensemnt", "recensement-citoyen"),  # typo inside a French ending
        ("il veut se marier quels papiers", "mariage"),  # spoken filler, verb -> noun family
        ("ma fille a 16 ans elle doit se faire recenser", "recensement-citoyen"),  # most words matched first
        ("inscriptions listes électorales", "listes-electorales"),  # plural and feminine meet
        ("nounou", "place-creche"),  # colloquial synonym of the default list
    ],
)
def test_ranking(rest, site, query, expected):
    assert expected in ids(answer(rest, site, q=query, b_size=3))


def test_best_bet_pins_a_sheet(rest, site, functional):
    assert ids(answer(rest, site, q="papiers perdus", b_size=1)) != ["duplicata-livret-famille"]
    api.portal.set_registry_record("guichet_kb.best_bets", ["papiers perdus => duplicata-livret-famille"])
    transaction.commit()
    assert ids(answer(rest, site, q="papiers perdus", b_size=1)) == ["duplicata-livret-famille"]


def test_synonyms_take_effect_without_restart(rest, site):
    assert "encombrants" not in ids(answer(rest, site, q="bazar", b_size=5))
    api.portal.set_registry_record("guichet_kb.synonyms", ["bazar, encombrants"])
    transaction.commit()
    assert ids(answer(rest, site, q="bazar", b_size=1)) == ["encombrants"]


def test_item_content_and_staff_fields(rest, site):
    public = answer(rest, site, q="passeport", b_size=1)[0]
    assert public["title"] and public["summary"] and public["UID"]
    assert "<mark>" in public["snippets"]["title"]
    assert public["required_documents"] and public["channels"]
    assert public["desk"]["title"] and isinstance(public["desk"]["open_now"], bool)
    assert "call_script" not in public
    staff = answer(rest, site, "agent", q="passeport", b_size=1)[0]
    assert staff["call_script"]["answer"]


def test_cost_of_a_free_sheet_in_the_callers_language(rest, site):
    for language, word in (("fr", "gratuit"), ("en", "free")):
        item = rest(language=language).get(f"{site}/@answer", params={"q": "acte de naissance", "b_size": 1}).json()["items"][0]
        assert ids([item]) == ["acte-naissance"]
        assert item["free_of_charge"] is True and item["cost"] == word


def test_drafts_and_expired_never_returned(rest, site, functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal["demarches"], type="ServiceSheet", id="zorglub", title="Zorglub démarche secrète")
        sheet = portal["demarches"]["encombrants"]
        from DateTime import DateTime

        sheet.setEffectiveDate(DateTime("2020/01/01"))
        sheet.setExpirationDate(DateTime("2021/01/01"))
        sheet.reindexObject()
    transaction.commit()
    for user in (None, "agent", "redacteur"):
        assert answer(rest, site, user, q="zorglub") == []
        assert "encombrants" not in ids(answer(rest, site, user, q="encombrants"))


def test_filters(rest, site):
    items = answer(rest, site, q="inscription", life_event="elections-citoyennete", b_size=10)
    assert "listes-electorales" in ids(items)
    assert "inscription-cantine" not in ids(items)
    for item in items:  # every answer carries the life event asked for
        values = rest().get(item["@id"]).json()["life_events"]
        assert "elections-citoyennete" in [v["token"] if isinstance(v, dict) else v for v in values], item["@id"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, "q="),
        ({"q": "   "}, "q="),
        ({"q": "x" * 1000}, "trop longue"),
        ({"q": "passeport", "b_size": "0"}, "b_size"),
        ({"q": "passeport", "b_size": "51"}, "b_size"),
        ({"q": "passeport", "b_size": "dix"}, "b_size"),
        ({"q": "passeport", "audience": "martiens"}, "martiens"),
        ({"q": "passeport", "life_event": "<script>"}, "Valeurs admises"),
    ],
)
def test_bad_input(rest, site, params, expected):
    response = rest().get(f"{site}/@answer", params=params)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert expected in message and "<script>" not in message


def test_odd_input_is_not_an_error(rest, site):
    for query in ("' OR 1=1 --", "<script>alert(1)</script>", "🙂 passeport", "AND OR NOT", "(((", "\u202e"):
        response = rest().get(f"{site}/@answer", params={"q": query})
        assert response.status_code == 200, (query, response.text)


def test_suggest(rest, site):
    items = rest().get(f"{site}/@answer-suggest", params={"q": "pass"}).json()["items"]
    assert items and items[0]["title"].lower().startswith("pass") and len(items) <= 10
    synonyms = rest().get(f"{site}/@answer-suggest", params={"q": "cn"}).json()["items"]
    assert any(item["title"] == "CNI" for item in synonyms)
    assert rest().get(f"{site}/@answer-suggest").status_code == 400


def test_misspelt_synonym_brings_its_group(rest, site):
    assert ids(answer(rest, site, q="pasport", b_size=1)) == ["passeport"]
    assert ids(answer(rest, site, q="passeprt", b_size=1)) == ["passeport"]
    # A 4-letter unknown word gets no correction (no typo budget) and does not
    # empty the answer: the words the index knows still find the sheet.
    assert ids(answer(rest, site, q="cnii perdue", b_size=1)) == ["cni-perdue"]


def test_an_abbreviation_matches_only_as_typed(rest, site, functional):
    """A synonym written in capitals stands for its group when typed as those
    letters (in any case), never for a word folding to them ("âme")."""
    lines = api.portal.get_registry_record("guichet_kb.synonyms")
    api.portal.set_registry_record("guichet_kb.synonyms", [*lines, "AME, aide médicale de l'État", "âme, esprit"])
    transaction.commit()
    try:
        catalog = api.portal.get_tool("portal_catalog")
        vocabulary = Vocabulary(catalog)
        long_form = ("aide", "medicale", "etat")
        for query in ("AME", "ame", "Ame"):
            assert long_form in vocabulary.alternatives(words(query), typed_words(query))[0], query
        options = vocabulary.alternatives(words("âme"), typed_words("âme"))[0]
        assert long_form not in options and ("esprit",) in options
        assert ("carte", "nationale", "identite") in vocabulary.alternatives(words("cni"), typed_words("cni"))[0]
    finally:
        api.portal.set_registry_record("guichet_kb.synonyms", lines)
        transaction.commit()


def test_a_title_naming_the_abbreviation_typed_comes_first(rest, site, catalogue):
    """ "(Apa)" in a title: the item is the thing the abbreviation names."""
    import catalogue_factory as make

    named = make.sheet("apa-essai", "Allocation personnalisée d'autonomie (Apa)", "service-essai", ["guichet-essai"])
    other = make.sheet("aide-age-essai", "Personne âgée : aide financière pour rémunérer une aide à domicile", "service-essai", ["guichet-essai"])
    catalogue(make.department("service-essai", "Service d'essai"), make.desk("guichet-essai", "Guichet d'essai"), named, other)
    assert ids(answer(rest, site, q="APA personne âgée", b_size=2))[0] == "apa-essai"
