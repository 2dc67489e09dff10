"""Classic UI pages: the sheet section by section, staff block for staff only; the desk page."""

import catalogue_factory as make
import pytest


@pytest.fixture
def sheet(catalogue):
    """A published sheet of the test's own: a document to bring, a desk with weekly hours, a cost."""
    items = catalogue(
        make.document("piece-essai", "Pièce d'essai"),
        *make.standalone_sheet("fiche-essai", "Fiche d'essai", required_documents=[make.required("piece-essai")], cost_note="Gratuit."),
    )
    return items["fiche-essai"]


@pytest.fixture
def sheet_html(rest, sheet):
    def get(user=None):
        response = rest(user).get(sheet.absolute_url(), headers={"Accept": "text/html"})
        assert response.status_code == 200
        return response.text

    return get


def test_sheet_sections_for_anonymous(sheet_html):
    html = sheet_html()
    for section in ("section-documents", "section-procedure", "section-where", "section-practical"):
        assert f'id="{section}"' in html
    assert "Pièces à fournir" in html
    assert "Horaires de la semaine" in html
    assert 'id="section-internal"' not in html


@pytest.mark.parametrize("user", ["agent", "redacteur"])
def test_sheet_staff_block_for_staff(sheet_html, user):
    html = sheet_html(user)
    assert 'id="section-internal"' in html
    assert "Réservé aux agents" in html


@pytest.mark.parametrize("moment, status", [("2026-11-30T10:00:00+01:00", "Ouvert maintenant"), ("2026-11-29T03:00:00+01:00", "Fermé actuellement")])
def test_desk_page(rest, site, monkeypatch, moment, status):
    from datetime import datetime
    from guichet_kb import clock

    monkeypatch.setattr(clock, "now", lambda: datetime.fromisoformat(moment))  # Monday 10:00, then Sunday 03:00
    desks = rest().get(f"{site}/@desks", params={"open_at": "2026-11-30T10:00:00+01:00"}).json()["items"]
    desk = next(d for d in desks if d["open_now"])  # open on Monday at 10:00, closed on Sunday night
    response = rest().get(desk["@id"], headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "Horaires de la semaine" in response.text
    other = ({"Ouvert maintenant", "Fermé actuellement"} - {status}).pop()
    assert status in response.text and other not in response.text


def test_settings_control_panel_requires_manager(rest, site):
    anonymous = rest().get(f"{site}/@@guichet-settings", headers={"Accept": "text/html"}, allow_redirects=False)
    assert anonymous.status_code in (302, 401)
    admin = rest("admin").get(f"{site}/@@guichet-settings", headers={"Accept": "text/html"})
    assert admin.status_code == 200
    assert "naissance|Naissance" in admin.text


def test_desk_lists_services_offered_there(rest, site, sheet):
    html = rest().get(f"{site}/guichets/fiche-essai-guichet", headers={"Accept": "text/html"}).text
    assert "Démarches possibles à ce guichet" in html
    assert f"{site}/demarches/fiche-essai" in html


def test_interaction_retention_in_the_control_panel(rest, site):
    page = rest("admin").get(f"{site}/@@guichet-settings", headers={"Accept": "text/html"}).text
    assert 'name="form.widgets.interaction_retention_months"' in page and 'value="13"' in page
    assert "Durée de conservation du journal des appels (mois)" in page
