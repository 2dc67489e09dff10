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


# -- issue 16: competent organisations on the Classic pages


@pytest.fixture
def handled_elsewhere(catalogue):
    """A sheet the agglomeration handles for one case and the town for another, and the
    agglomeration's desk (the sheet lists none of its own)."""
    return catalogue(
        make.town(),
        make.organisation(
            "essai-agglo", "Agglomération d'essai", kind="intercommunalite", staff_phone="01 99 88 77 66", internal_notes="Notes internes."
        ),
        make.department("essai-service", "Service d'essai"),
        make.desk("essai-relais", "Relais d'essai", organisation="essai-agglo"),
        make.sheet(
            "essai-fiche",
            "Fiche d'essai",
            "essai-service",
            [],
            competences=[
                {"organisation": make.TOWN, "case": "Enfant de plus de 3 ans"},
                {"organisation": "essai-agglo", "case": "Enfant de moins de 3 ans"},
            ],
        ),
    )


def _html(rest, url, user=None):
    response = rest(user).get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.status_code
    return response.text


def test_sheet_names_its_competent_organisations_with_their_case(rest, handled_elsewhere):
    html = _html(rest, handled_elsewhere["essai-fiche"].absolute_url())
    section = html.split('id="section-competent"')[1].split("</section>")[0]
    assert "Organismes compétents" in section
    # another body before the town, each with its case and contact
    assert section.index("Agglomération d'essai") < section.index("Commune de Ville-Exemple")
    assert "Enfant de moins de 3 ans" in section and "Enfant de plus de 3 ans" in section
    assert "Intercommunalité / agglomération" in section and "tel:01 00 00 00 02" in section
    assert "01 99 88 77 66" not in html
    # the desks offered: the competent organisations' (the sheet lists none)
    where = html.split('id="section-where"')[1].split("</section>")[0]
    assert "Relais d'essai" in where
    assert "01 99 88 77 66" in _html(rest, handled_elsewhere["essai-fiche"].absolute_url(), "agent")


def test_a_hidden_competent_organisation_is_not_named(rest, handled_elsewhere):
    from plone import api
    import transaction

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(handled_elsewhere["essai-agglo"], transition="retract")
    transaction.commit()
    html = _html(rest, handled_elsewhere["essai-fiche"].absolute_url())
    assert "Commune de Ville-Exemple" in html and "Agglomération d'essai" not in html


def test_desk_page_names_its_organisation(rest, handled_elsewhere):
    html = _html(rest, handled_elsewhere["essai-relais"].absolute_url())
    assert "Rattaché à :" in html and handled_elsewhere["essai-agglo"].absolute_url() in html


def test_organisation_page(rest, handled_elsewhere):
    url = handled_elsewhere["essai-agglo"].absolute_url()
    html = _html(rest, url)
    assert "Intercommunalité / agglomération" in html and "Relais d'essai" in html and "Fiche d'essai" in html
    assert "01 99 88 77 66" not in html and "Notes internes." not in html
    staff = _html(rest, url, "agent")
    assert "01 99 88 77 66" in staff and "Notes internes." in staff


def test_completeness_report_lists_an_incomplete_organisation(rest, site, functional):
    from plone import api
    import transaction

    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=functional["portal"]["organismes"], type="Organisation", id="essai-incomplet", title="Organisme incomplet")
    transaction.commit()
    report = _html(rest, f"{site}/@@completeness-report", "valideur")
    row = report.split(f'{site}/organismes/essai-incomplet"')[1].split("</tr>")[0]
    assert "ce qu'il traite et un téléphone, une adresse e-mail ou un site internet" in row


def test_the_add_form_of_a_sheet_has_the_competences_grid(rest, site):
    html = _html(rest, f"{site}/demarches/++add++ServiceSheet", "redacteur")
    assert 'id="formfield-form-widgets-competences"' in html
    assert "form.widgets.competences.AA.widgets.organisation" in html and "form.widgets.competences.AA.widgets.case" in html
    assert "Organismes compétents" in html
