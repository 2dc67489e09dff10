"""`make i18n` (scripts/i18n.sh) is idempotent, keeps hand-added translations, never copies a text."""

import gettext
import importlib.util
import pathlib
from repo_paths import ROOT
import shutil
import subprocess
import sys


PACKAGE = ROOT / "src" / "guichet_kb"
SCRIPT = ROOT / "scripts" / "i18n.sh"
FRENCH = pathlib.Path("locales", "fr", "LC_MESSAGES", "guichet_kb.po")
_spec = importlib.util.spec_from_file_location("i18n_guard", ROOT / "scripts" / "i18n_guard.py")
guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(guard)


def _package_copy(tmp_path):
    target = tmp_path / "guichet_kb"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _run(package):
    return subprocess.run(
        ["bash", str(SCRIPT), str(package)],
        env={"PATH": "/usr/bin:/bin", "VENV": sys.prefix},
        capture_output=True,
        text=True,
    )


def _locales(package):
    return {str(path.relative_to(package)): path.read_bytes() for path in sorted((package / "locales").rglob("*")) if path.is_file()}


def _entry(package, msgid):
    entries = [entry for entry in guard.parse((package / FRENCH).read_text(encoding="utf-8")) if entry.msgid == msgid]
    assert len(entries) == 1
    return entries[0]


def test_committed_catalogues_hold_each_msgid_once_and_each_text_once():
    catalogues = [*PACKAGE.glob("locales/*.pot"), *PACKAGE.glob("locales/*/LC_MESSAGES/*.po")]
    assert len(catalogues) == 4
    assert {str(path.relative_to(PACKAGE)): guard.problems(guard.parse(path.read_text(encoding="utf-8"))) for path in catalogues} == {
        str(path.relative_to(PACKAGE)): [] for path in catalogues
    }


def test_guard_names_duplicates_and_repeated_texts():
    text = (
        'msgid ""\nmsgstr ""\n"Domain: x\\n"\n\n'
        'msgid "a"\nmsgstr ""\n"Bonjour.\\n"\n"Bonjour.\\n"\n\n'
        'msgid "b"\nmsgstr "un"\n\nmsgid "b"\nmsgstr "deux"\n'
    )
    assert guard.problems(guard.parse(text)) == ["duplicate msgid 'b'", "msgstr of 'a' is one text repeated 2 times"]
    assert guard.render(guard.parse(text)) == text


def test_second_run_changes_no_file(tmp_path):
    package = _package_copy(tmp_path)
    first = _run(package)
    assert first.returncode == 0, first.stderr
    after_first = _locales(package)
    second = _run(package)
    assert second.returncode == 0, second.stderr
    assert _locales(package) == after_first


def test_translation_added_by_hand_at_the_end_is_kept_once(tmp_path):
    package = _package_copy(tmp_path)
    (package / "i18n_probe.py").write_text(
        'from guichet_kb import _\n\nPROBE = _("zz_probe_body", default="Line one.\\nLine two.")\n', encoding="utf-8"
    )
    assert _run(package).returncode == 0  # a first run adds the msgid, untranslated
    assert _entry(package, "zz_probe_body").msgstr == ""
    with open(package / FRENCH, "a", encoding="utf-8") as po:  # the house rule: added by hand at the end
        po.write('\nmsgid "zz_probe_body"\nmsgstr ""\n"Ligne un.\\n"\n"Ligne deux."\n')
    for _run_number in range(3):
        result = _run(package)
        assert result.returncode == 0, result.stderr
        assert _entry(package, "zz_probe_body").msgstr == "Ligne un.\nLigne deux."
    with open(package / FRENCH.with_suffix(".mo"), "rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("zz_probe_body") == "Ligne un.\nLigne deux."


def test_a_repeated_translation_is_refused_and_not_compiled(tmp_path):
    package = _package_copy(tmp_path)
    po = package / FRENCH
    text = po.read_text(encoding="utf-8")
    body = _entry(package, "mail_publish_body")
    po.write_text(text.replace("\n".join(body.lines), "\n".join([*body.lines, *body.translation[1:]])), encoding="utf-8")
    mo_before = po.with_suffix(".mo").read_bytes()
    result = _run(package)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("locales/fr/LC_MESSAGES/guichet_kb.po: msgstr of 'mail_publish_body' is one text repeated 2 times")
    assert po.with_suffix(".mo").read_bytes() == mo_before
