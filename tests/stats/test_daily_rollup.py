"""POST @daily-rollup over real HTTP, and the CLI's `rollup` (cron)."""

from guichet_kb.agent.cli import main as cli
from guichet_kb.stats import cubes
from guichet_kb.testing import DEMO_PASSWORD
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest


def test_only_administrators_run_the_job(rest, site):
    assert rest().post(f"{site}/@daily-rollup", json={}).status_code == 401
    refused = rest("responsable").post(f"{site}/@daily-rollup", json={})
    assert refused.status_code == 403 and refused.json()["error"]["type"] == "Forbidden"
    done = rest("admin").post(f"{site}/@daily-rollup", json={})
    assert done.status_code == 200, done.text
    assert set(done.json()) >= {"rolled_up", "rolled_through", "remaining"} and done.json()["remaining"] == 0
    again = rest("admin").post(f"{site}/@daily-rollup", json={}).json()
    assert again["rolled_up"] == 0 and again["rolled_through"] == done.json()["rolled_through"]


@pytest.mark.parametrize(
    "body, message",
    [
        ({"max_days": 0}, "max_days doit être un nombre entier de 1 à 62."),
        ({"max_days": "7"}, "max_days doit être un nombre entier de 1 à 62."),
        ({"max_days": True}, "max_days doit être un nombre entier de 1 à 62."),
        ({"days": 3}, "Attendu : un objet JSON avec uniquement ces champs : max_days."),
    ],
)
def test_bad_input(rest, site, body, message):
    response = rest("admin").post(f"{site}/@daily-rollup", json=body)
    assert response.status_code == 400 and response.json()["error"]["message"] == message


def test_cli_runs_until_done(capsys, site, functional):
    import transaction

    code = cli(["--url", site, "--user", SITE_OWNER_NAME, "--password", SITE_OWNER_PASSWORD, "rollup"])
    out = capsys.readouterr().out
    assert code == 0 and out.endswith("0 remaining.\n") and "day(s) rolled up, through" in out
    code = cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "rollup"])
    assert code != 0
    transaction.begin()  # read what the HTTP server committed
    assert cubes.rolled_through() is not None
