"""Service-Public fiche -> sheet fields, as plain functions (pure-Python tier).

nodes.load reads a fiche file, dila.parse maps it, render turns its blocks into
HTML. Fiches written for the tests (fixtures/dila) and, when ../shared is present,
one real fiche of the 2020 catalogue.
"""

from guichet_kb.importers import dila
from guichet_kb.importers import nodes
from guichet_kb.importers import render
import pytest
from repo_paths import SERVICE_PUBLIC


REAL = SERVICE_PUBLIC / "particuliers" / "F10449.json"


def parse_xml(text):
    return dila.parse(nodes.from_xml(text))


DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'


def fiche_xml(body="", title="Carte d'identité", attrs='ID="F1234"', root="Publication"):
    return f'<{root} {DC} {attrs} type="Fiche d\'information"><dc:title>{title}</dc:title>{body}</{root}>'


@pytest.mark.skipif(not REAL.is_file(), reason="../shared/data/service-public not present")
def test_a_real_fiche():
    fiche = dila.parse(nodes.load(REAL.read_bytes(), REAL.name))
    assert fiche["external_id"] == "F10449"
    assert fiche["title"] == "Quelle est la durée de validité d'un acte d'état civil ?"
    assert fiche["modified"] == "2020-01-06"
    assert fiche["source_url"] == "https://www.service-public.fr/particuliers/vosdroits/F10449"
    assert fiche["audiences"] == ["particuliers"]
    assert fiche["life_events"] == ["papiers-identite"]
    assert [s["id"] for s in fiche["online_services"]] == ["R1406", "R42837", "R1405"]
    assert fiche["answers"] == ["F1429", "F1431", "F1608"]
    assert fiche["links"] == ["F1427", "F1432", "F1444"]
    assert fiche["steps"].startswith("<p>")
    assert fiche["free"] is False
    # The same file parses to the same hash: an unchanged fiche is skipped on re-import.
    assert dila.parse(nodes.load(REAL.read_bytes(), REAL.name))["hash"] == fiche["hash"]


def test_the_hash_follows_the_content():
    first = parse_xml(fiche_xml())
    assert parse_xml(fiche_xml())["hash"] == first["hash"]
    assert parse_xml(fiche_xml(title="Passeport"))["hash"] != first["hash"]


def test_description_and_audience():
    xml = fiche_xml("<dc:description>Pour voyager.</dc:description><Audience>Particuliers</Audience>")
    from_xml = dila.parse(nodes.load(xml, "F1234.xml"))
    assert from_xml["description"] == "Pour voyager."
    assert from_xml["audiences"] == ["particuliers"]


@pytest.mark.parametrize(
    "xml, message",
    [
        (fiche_xml(root="Autre"), "unknown root element <Autre> (expected Publication or ServiceComplementaire)"),
        (fiche_xml(attrs='ID="nope"'), "missing or invalid ID attribute"),
        (fiche_xml(title=""), "F1234: no dc:title"),
        (fiche_xml(title="** brouillon"), "F1234: editorial draft (title starts with **), skipped"),
    ],
)
def test_refused_fiches(xml, message):
    with pytest.raises(nodes.FicheError) as raised:
        parse_xml(xml)
    assert str(raised.value) == message


def test_unreadable_files():
    with pytest.raises(nodes.FicheError, match="^not UTF-8$"):
        nodes.load(b"\xff\xfe<", "F1.xml")
    with pytest.raises(nodes.FicheError, match=r"^malformed JSON: "):
        nodes.load("{nope", "F1.json")


def test_whitespace_is_normalised():
    assert nodes.normalise("  Carte\u00a0d'identité \n gratuite ") == "Carte d'identité gratuite"


def test_render_paragraph_and_note():
    node = nodes.from_xml("<Texte><Paragraphe>Se présenter <MiseEnEvidence>en personne</MiseEnEvidence>.</Paragraphe></Texte>")
    html = render.children(node)
    assert "<p>" in html and "en personne" in html
