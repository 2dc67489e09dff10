"""The personal-data screen catches spelled-out e-mail addresses and leaves ordinary French alone."""

from guichet_kb import ratelimit
from guichet_kb.interactions.screen import has_personal_data


SPELLED_OUT = [
    "Le citoyen a laissé jean.dupont (at) example (dot) fr pour être rappelé.",
    "Adresse donnée : jean arobase example point fr",
    "jean.dupont[at]example[dot]fr a écrit deux fois",
    "Il faut répondre à JEAN.DUPONT AROBASE GMAIL POINT COM",
    "Contact : marie chez orange point fr",
    "écrire à jean dot dupont at example dot com",
    "Mail : jean @ example . fr",
    "paul arobaze free point fr (sa fille)",
    "jean.dupont{at}mairie-exemple{point}fr",
    "Écrire à jean.dupont@example.fr",
]
ORDINARY = [
    "Le citoyen demande si la démarche peut se faire en ligne sur service-public.fr.",
    "Rendez-vous chez le notaire obligatoire, point à vérifier avec le service état civil.",
    "L'usager est abonné chez free.fr : hors sujet pour nous.",
    "Mise au point : le tarif affiché (25 €) est faux, c'est 30 € depuis le 1er janvier.",
    "Point de vente fermé le lundi, horaires à corriger.",
    "Voir la fiche F1341 point 3 : la liste des pièces est incomplète.",
    "Il faut passer chez Orange point de vente de la gare, pas en mairie.",
    "La page indique « à faire sur ants.gouv.fr » mais le lien est cassé.",
    "Le demandeur habite chez sa mère. Point important : il n'a pas de justificatif.",
    "La réponse à la question 4 point 2 est fausse depuis la réforme.",
]


def test_screen_catches_spelled_out_addresses():
    assert [text for text in SPELLED_OUT if not has_personal_data(text)] == []


def test_screen_leaves_ordinary_french_alone():
    assert [text for text in ORDINARY if has_personal_data(text)] == []


def test_agent_report_with_spelled_out_address_refused(rest, site, own_sheet):
    ratelimit.clear()
    uid = own_sheet.UID()
    agent = rest("agent")
    response = agent.post(f"{site}/@agent-report", json={"service": uid, "kind": "incorrect", "comment": SPELLED_OUT[0]})
    assert response.status_code == 400
    ok = agent.post(f"{site}/@agent-report", json={"service": uid, "kind": "incorrect", "comment": ORDINARY[0]})
    assert ok.status_code == 201
