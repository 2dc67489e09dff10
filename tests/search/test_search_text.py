"""The French analysis shared by indexing and queries (pure Python)."""

from guichet_kb.search.text import abbreviation
from guichet_kb.search.text import edit_distance
from guichet_kb.search.text import fold
from guichet_kb.search.text import terms
from guichet_kb.search.text import typed_words
from guichet_kb.search.text import words
import pytest


@pytest.mark.parametrize(
    "forms",
    [
        ("électoral", "électorale", "électorales", "électoraux"),
        ("déménagement", "déménagements", "déménager", "déménage"),
        ("mariage", "mariages"),
        ("marié", "mariée", "mariés", "marier"),
        ("inscrit", "inscrite", "inscrits"),
        ("vote", "votes", "voter"),
        ("actif", "active", "actifs"),
        ("déclaration", "déclarations", "déclarer"),
        ("heureux", "heureuse"),
    ],
)
def test_inflections_meet(forms):
    assert len({tuple(terms(form)) for form in forms}) == 1, [terms(f) for f in forms]


@pytest.mark.parametrize("a, b", [("carte", "cartel"), ("passeport", "passe"), ("acte", "actif")])
def test_different_words_stay_apart(a, b):
    assert terms(a) != terms(b)


def test_folding_and_filler():
    assert fold("Œuvre ÉTÉ à Noël") == "oeuvre ete a noel"
    assert words("Il veut se marier : quels papiers faut-il ?") == ["marier", "papiers"]
    assert words("l'acte d'état civil") == ["acte", "etat", "civil"]
    assert words("AND or NOT") == []  # the catalog's query operators are never terms


def test_edit_distance_stops_early():
    assert edit_distance("recensemnt", "recensement", 2) == 1
    assert edit_distance("passeport", "pasport", 2) == 2
    assert edit_distance("abc", "xyzuvw", 1) == 2  # over the limit: limit + 1


def test_typed_words_keep_accents_one_per_word():
    assert typed_words("L'âme de l'AME, ÉTÉ") == ["âme", "ame", "été"]
    for text in ("Œuvre à Noël", "carte d'identité perdue", "e\u0301te\u0301 16 ans", "日本 🙂", "a-b_c"):
        assert len(typed_words(text)) == len(words(text)), text


def test_abbreviations_are_members_written_in_capitals():
    assert [abbreviation(m) for m in ("AME", " CNI ", "EHPAD", "ame", "Âme", "A", "CNI2", "carte")] == [
        "ame",
        "cni",
        "ehpad",
        None,
        None,
        None,
        None,
        None,
    ]
