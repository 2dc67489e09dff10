"""Classic UI transition form, concurrency and history over real HTTP."""

import re
import threading
from workflow_helpers import PATH
from workflow_helpers import state
from workflow_helpers import transition


def form_post(session, url, transition_id, comment=""):
    page = session.get(f"{url}/@@guichet-transition", params={"workflow_action": transition_id}, headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text[:300]
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{url}/@@guichet-transition",
        data={"workflow_action": transition_id, "comment": comment, "_authenticator": token, "form.button.confirm": "1"},
        headers={"Accept": "text/html"},
    )


def test_form_refuses_reject_without_comment(rest, new_sheet):
    url = new_sheet()
    transition(rest, "redacteur", url, "submit")
    session = rest("valideur")
    response = form_post(session, url, "reject")
    assert "Un commentaire est obligatoire" in response.text
    assert state(rest, url) == "pending"
    form_post(session, url, "reject", "Ajouter le délai.")
    assert state(rest, url) == "draft"


def test_form_lists_missing_fields(rest, new_sheet):
    url = new_sheet(complete=False, sheet_id="incomplete-ui")
    transition(rest, "redacteur", url, "submit")
    page = rest("valideur").get(f"{url}/@@guichet-transition", params={"workflow_action": "publish"}, headers={"Accept": "text/html"})
    warning = " ".join(re.search(r'<div class="alert alert-warning">(.*?)</div>', page.text, re.S).group(1).split())
    assert warning == (
        "<strong>Avant publication, reste à compléter :</strong> un résumé, le public concerné et les conditions, au moins un canal, "
        "les pièces justificatives (ou « Aucune pièce nécessaire »), l'organisme compétent,"
        " le service instructeur et au moins un guichet ou un service en ligne"
    )


def test_workflow_menu_points_to_the_form(rest, new_sheet):
    url = new_sheet()
    html = rest("redacteur").get(url, headers={"Accept": "text/html"}).text
    assert f"{url}/@@guichet-transition?workflow_action=submit" in html
    assert "Avant publication" not in html  # complete: no warning


def test_concurrent_publish_one_wins(rest, new_sheet, functional):
    url = new_sheet()
    for actor, step in PATH["pending"]:
        transition(rest, actor, url, step)
    results = []

    def publish():
        results.append(transition(rest, "valideur", url, "publish").status_code)

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 400]
    history = rest("admin").get(f"{url}/@history").json()
    publishes = [entry for entry in history if entry.get("action") == "publish" or entry.get("transition_title") == "Publier"]
    assert len(publishes) == 1


def test_history_keeps_versions_and_change_notes(rest, new_sheet):
    url = new_sheet()
    editor = rest("redacteur")
    assert editor.patch(url, json={"cost_note": "Gratuit.", "changeNote": "Ajout du coût."}).status_code == 204
    assert editor.patch(url, json={"processing_time": "2 semaines", "changeNote": "Ajout du délai."}).status_code == 204
    history = rest("redacteur").get(f"{url}/@history").json()
    notes = [entry.get("comments") for entry in history if entry.get("type") == "versioning"]
    assert "Ajout du coût." in notes and "Ajout du délai." in notes


def test_viewlet_and_report_say_what_is_missing_in_one_sentence(rest, site, new_sheet):
    url = new_sheet(complete=False, sheet_id="incomplete-report")
    assert rest("redacteur").patch(url, json={"description": "Un résumé.", "channels": ["on_site"], "no_document_needed": True}).status_code == 204
    expected = "le public concerné et les conditions, l'organisme compétent, le service instructeur et au moins un guichet ou un service en ligne"
    page = rest("redacteur").get(url, headers={"Accept": "text/html"}).text
    warning = re.search(r'guichet-completeness"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert " ".join(warning.split()) == f"<strong>Avant publication, reste à compléter :</strong> {expected}"
    report = rest("valideur").get(f"{site}/@@completeness-report", headers={"Accept": "text/html"}).text
    row = re.search(rf'<a href="{url}">Démarche d\'essai</a></td>\s*<td>draft</td>\s*<td>(.*?)</td>', report).group(1)
    assert row == expected
