"""`guichet-kb` agent commands against the running test site: success and error paths."""

import catalogue_factory as make
from guichet_kb.agent.cli import main as cli
from guichet_kb.search.choices import store as choices
from guichet_kb.testing import DEMO_PASSWORD
import json
from lossy_proxy import LossyProxy
from lossy_proxy import UUID4
import os
import pathlib
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
import socket
import subprocess
import sys
import transaction


BIN = pathlib.Path(sys.executable).parent / "guichet-kb"


def run(capsys, site, *args, user="agent", password=DEMO_PASSWORD):
    capsys.readouterr()
    login = ["--user", user, "--password", password] if user else []
    code = cli(["--url", site, *login, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def passeport(catalogue):
    """A published sheet of the test's own titled "Passeport" (external ID F21089): two
    documents to bring, two desks."""
    items = catalogue(
        make.department("service-essai", "Service d'essai"),
        make.desk("guichet-essai", "Guichet d'essai"),
        make.desk("annexe-essai", "Annexe d'essai"),
        make.document("photo-essai", "Photo d'essai"),
        make.document("timbre-essai", "Timbre d'essai"),
        make.sheet(
            "passeport-essai",
            "Passeport",
            "service-essai",
            ["guichet-essai", "annexe-essai"],
            required_documents=[make.required("photo-essai"), make.required("timbre-essai")],
            external_id="F21089",
        ),
    )
    return items["passeport-essai"]


def test_ask_prints_the_answer_card(capsys, site, rest):
    code, out, _err = run(capsys, site, "ask", "j'ai perdu ma carte d'identité")
    best = rest("agent").get(f"{site}/@answer", params={"q": "j'ai perdu ma carte d'identité", "b_size": 5}).json()["items"]
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == best[0]["title"] and lines[1] == best[0]["@id"]
    assert "À dire :" in out and best[0]["call_script"]["answer"].splitlines()[0] in out  # staff see the call script
    assert all(f"[ ] {doc}" in out for doc in best[0]["required_documents"])
    assert "Où aller :" in out and ("OUVERT maintenant" in out or "fermé, ouvre" in out)
    assert all(item["title"] in out for item in best[1:])


def test_ask_json_and_anonymous(capsys, site, rest):
    code, out, _err = run(capsys, site, "ask", "--json", "passeport", user=None)
    assert code == 0
    data = json.loads(out)
    assert data["items"][0]["title"] == "Passeport" and "call_script" not in data["items"][0]
    code, out, _err = run(capsys, site, "ask", "passeport", user=None)
    assert code == 0 and "À dire" not in out


def test_ask_bad_queries(capsys, site):
    code, _out, err = run(capsys, site, "ask", "  ")
    assert code == 4 and "give the caller's words" in err
    code, _out, err = run(capsys, site, "ask", "x" * 201)
    assert code == 4 and err.startswith("guichet-kb: 400: ") and "200" in err
    code, out, _err = run(capsys, site, "ask", "zzqxw")
    assert code == 1 and "Aucune réponse" in out


def test_show_by_external_id_uid_and_path(capsys, site, passeport, rest):
    expansion = rest("agent").get(passeport.absolute_url(), params={"expand": "guichet"}).json()
    documents = expansion["@components"]["guichet"]["documents"]
    assert len(documents) == 2 and len(expansion["@components"]["guichet"]["desks"]) == 2
    outputs = [run(capsys, site, "show", ref) for ref in ("F21089", "f21089", passeport.UID(), "demarches/passeport-essai")]
    assert [code for code, _o, _e in outputs] == [0, 0, 0, 0]
    assert len({out for _c, out, _e in outputs}) == 1
    out = outputs[0][1]
    assert out.startswith("Passeport (F21089)\n") and all(doc["title"] in out for doc in documents)
    assert all(desk["title"] in out for desk in expansion["@components"]["guichet"]["desks"])
    code, out, _err = run(capsys, site, "show", "--json", "F21089")
    assert code == 0 and json.loads(out)["UID"] == passeport.UID()


def test_show_unknown_references(capsys, site):
    code, _out, err = run(capsys, site, "show", "F99999")
    assert code == 4 and "404: no service sheet or answer with external ID F99999" in err
    code, _out, err = run(capsys, site, "show", "0" * 32)
    assert code == 4 and "UID" in err
    code, _out, err = run(capsys, site, "show", "demarches/nulle-part")
    assert code == 4 and err.startswith("guichet-kb: 404")


@pytest.mark.parametrize(
    "language, cost, documents, where",
    [("fr", "Coût : gratuit", "Pièces à fournir :", "Où aller :"), ("en", "Cost: free", "Documents to provide:", "Where to go:")],
)
def test_show_a_free_sheet_in_the_cli_language(capsys, site, language, cost, documents, where):
    code, out, _err = run(capsys, site, "--lang", language, "show", "demarches/acte-naissance")
    assert code == 0
    lines = out.splitlines()
    assert cost in lines and documents in lines and where in lines
    code, out, _err = run(capsys, site, "--lang", language, "ask", "acte de naissance")
    assert code == 0 and cost in out.splitlines()


def test_desk_lines_name_the_weekday_in_the_cli_language(capsys, site, rest, monkeypatch):
    sunday_night = "2026-11-29T03:00:00+01:00"
    desks = rest().get(f"{site}/@desks", params={"open_at": sunday_night}).json()["items"]
    annexe = next(desk for desk in desks if desk["title"] == "Mairie annexe des Tilleuls")
    assert annexe["next_opening"] == "2026-11-30T09:00:00+01:00"
    expected = {"fr": "[fermé, ouvre lundi 30/11 à 09:00]", "en": "[closed, opens Monday 30/11 at 09:00]"}
    for language, words in expected.items():
        code, out, _err = run(capsys, site, "--lang", language, "desks", "--at", sunday_night, user=None)
        line = next(line for line in out.splitlines() if line.startswith("Mairie annexe des Tilleuls — "))
        assert code == 0 and line.endswith(words)
    monkeypatch.setenv("GUICHET_LANG", "en")
    code, out, _err = run(capsys, site, "desks", "--open-now", "--at", sunday_night, user=None)
    assert code == 0 and out.splitlines() == ["0 desk(s) open now"]


def test_top_and_desks(capsys, site, rest):
    code, out, _err = run(capsys, site, "top", user=None)
    top = rest().get(f"{site}/@top-services").json()["items"]
    assert code == 0 and [line.split(". ", 1)[1].rsplit("  ", 1)[0] for line in out.splitlines()] == [i["title"] for i in top]
    monday_ten = "2026-11-30T10:00:00+01:00"
    sunday_night = "2026-11-29T03:00:00+01:00"
    all_desks = rest().get(f"{site}/@desks", params={"open_at": monday_ten}).json()["items"]
    open_desks = [d["title"] for d in all_desks if d["open_now"]]
    code, out, _err = run(capsys, site, "desks", "--open-now", "--at", monday_ten, user=None)
    assert code == 0 and open_desks and [line.split(" — ")[0] for line in out.splitlines()[:-1]] == open_desks
    assert out.splitlines()[-1] == f"{len(open_desks)} guichet(s) ouvert(s) maintenant"
    code, out, _err = run(capsys, site, "desks", "--open-now", "--at", sunday_night, user=None)
    assert code == 0 and out.splitlines() == ["0 guichet(s) ouvert(s) maintenant"]
    code, out, _err = run(capsys, site, "desks", "--at", sunday_night, user=None)
    assert code == 0 and out.count("fermé, ouvre") == len(all_desks)
    code, _out, err = run(capsys, site, "desks", "--at", "lundi", user=None)
    assert code == 4 and "ISO 8601" in err


def test_log_export_and_purge(capsys, site, passeport):
    assert run(capsys, site, "log", "F21089", "--channel", "telephone", "--outcome", "answered")[0] == 0
    assert run(capsys, site, "log", "--channel", "chat", "--outcome", "not_answered")[0] == 0
    code, _out, err = run(capsys, site, "log", "--channel", "chat", "--outcome", "answered")
    assert code == 4 and "service" in err
    code, out, _err = run(capsys, site, "interactions", user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD)
    rows = out.splitlines()
    assert code == 0 and rows[0] == "date,service_uid,service,channel,outcome,organisation_uid,organisation,desk_uid,desk" and len(rows) == 3
    assert rows[1].endswith(f",{passeport.UID()},Passeport,telephone,answered,,,,") and rows[2].endswith(",,,chat,not_answered,,,,")
    code, out, _err = run(capsys, site, "purge-interactions", user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD)
    assert code == 0 and out.startswith("0 interaction(s) and 0 report(s) older than 13 months removed; 2 interaction(s) kept")


def test_log_with_the_query_searched(capsys, site, passeport):
    """`log --query`: the words searched go with the call, and count as the agent's choice."""
    assert run(capsys, site, "log", "F21089", "--channel", "telephone", "--outcome", "answered", "--query", "passeport perdu") == (
        0,
        "Appel noté.\n",
        "",
    )
    code, _out, err = run(capsys, site, "log", "F21089", "--channel", "telephone", "--outcome", "answered", "--query", "p" * 201)
    assert code == 4 and "« query » doit être les mots cherchés, 200 caractères au plus." in err
    transaction.begin()
    assert choices.counts() == {("passeport perdu", passeport.UID()): 1}


def logged(rest, site):
    return [(i["service_uid"], i["channel"], i["outcome"]) for i in rest("admin").get(f"{site}/@interactions").json()["items"]]


@pytest.mark.parametrize("lose", ["answer", "503"])
def test_log_sent_again_after_a_lost_answer_is_stored_once(capsys, site, rest, passeport, lose):
    """The first POST's answer is lost after the site committed it (an instance killed, a
    connection cut) or the front answers 503: the CLI sends it once more with the same
    Idempotency-Key, and the site stores the call once."""
    port = int(site.split(":")[2].split("/")[0])
    expected = []
    if lose == "answer":  # the proxy loses the answer of a call the site did store
        with LossyProxy(port, b"POST /plone/@interactions") as proxy, pytest.raises(requests.ConnectionError):
            rest("agent").post(f"{proxy.url(site)}/@interactions", json={"channel": "accueil", "outcome": "not_answered"})
        expected.append(("", "accueil", "not_answered"))
        assert logged(rest, site) == expected
    with LossyProxy(port, b"POST /plone/@interactions", lose=lose) as proxy:
        code, out, err = run(capsys, proxy.url(site), "log", "F21089", "--channel", "telephone", "--outcome", "answered")
        assert (code, out, err) == (0, "Appel noté.\n", "")
        assert proxy.lost == 1 and len(proxy.requests) == 2
        first, again = proxy.requests
        assert first == again and UUID4.fullmatch(first)
        assert run(capsys, proxy.url(site), "log", "--channel", "chat", "--outcome", "not_answered")[0] == 0
        assert len(proxy.requests) == 3 and proxy.requests[2] != first  # a fresh key per call
    assert logged(rest, site) == [*expected, (passeport.UID(), "telephone", "answered"), ("", "chat", "not_answered")]


def test_agent_may_not_export_nor_see_the_queue(capsys, site):
    code, _out, err = run(capsys, site, "interactions")
    assert code == 4 and "403" in err and "n'a pas le droit" in err
    code, _out, err = run(capsys, site, "queue")
    assert code == 4 and "not allowed" in err
    code, out, _err = run(capsys, site, "queue", user="valideur")
    assert code == 0 and out.strip().endswith("item(s)")


def test_wrong_password_and_unreachable_server(capsys, site):
    code, _out, err = run(capsys, site, "ask", "passeport", password="wrong-password")
    assert code == 3 and "wrong user name or password" in err
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nothing listens
    code, _out, err = run(capsys, f"http://127.0.0.1:{port}/guichet", "ask", "passeport")
    assert code == 2 and "Cannot reach" in err


def test_installed_console_script_reads_the_environment(site):
    env = {**os.environ, "GUICHET_URL": site, "GUICHET_USER": "agent", "GUICHET_PASSWORD": DEMO_PASSWORD}
    done = subprocess.run([str(BIN), "ask", "passeport"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Passeport\n") and "À demander :" in done.stdout
