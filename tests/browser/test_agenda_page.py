"""An agenda's page in Chromium (browser/agenda.py): an editor reads the demo agenda's
configuration, the desk's page links it, and axe-core finds nothing serious."""

from browser_helpers import AXE_TAGS
from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from guichet_kb.testing import DEMO_PASSWORD
from repo_paths import ROOT


AGENDA = "guichets/rdv-titres-hotel-de-ville"


def test_an_editor_reads_the_agenda(chromium, site):
    log_in(chromium, site, "redacteur", DEMO_PASSWORD)
    chromium.get(f"{site}/{AGENDA}")
    wait_for(lambda: css(chromium, ".guichet-agenda"))
    rows = [[cell.text for cell in row.find_elements("css selector", "td")] for row in css(chromium, ".guichet-agenda-types tbody tr")]
    assert rows[0] == ["depot-cni", "Dépôt de demande CNI / passeport", "Carte nationale d'identité (CNI)", "20"]
    counters = [[cell.text for cell in row.find_elements("css selector", "td")] for row in css(chromium, ".guichet-agenda-counters tbody tr")]
    assert counters[0] == ["poste-1", "Poste 1 (station de recueil)", "Tous les types de rendez-vous"]
    assert counters[2] == ["poste-3", "Poste 3 (retraits)", "Retrait de titre (retrait-cni), Retrait de titre (retrait-passeport)"]
    (ROOT / "var" / "artifacts").mkdir(parents=True, exist_ok=True)
    chromium.save_screenshot(str(ROOT / "var" / "artifacts" / "agenda_page.png"))
    chromium.get(f"{site}/guichets/mairie-centrale")
    links = [link.get_attribute("href") for link in css(chromium, ".guichet-desk-agendas a")]
    assert links == [f"{site}/{AGENDA}"]


def test_axe_finds_nothing_serious(chromium, site):
    require_axe()
    log_in(chromium, site, "redacteur", DEMO_PASSWORD)
    chromium.get(f"{site}/{AGENDA}")
    wait_for(lambda: css(chromium, ".guichet-agenda"))
    assert serious(axe_violations(chromium, "'#content'", AXE_TAGS[:-1])) == []
