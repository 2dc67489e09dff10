"""The built wheel carries every non-Python file; pins and translations are consistent."""

from importlib import metadata
import pytest
import re
from repo_paths import ROOT
import subprocess
import sys
import zipfile


PACKAGE = ROOT / "src" / "guichet_kb"
DATA_SUFFIXES = (".zcml", ".xml", ".pt", ".po", ".pot", ".mo", ".json", ".css", ".js", ".svg", ".png", ".ico", ".html")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("guichet_kb-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield set(archive.namelist())


def test_wheel_carries_every_data_file(wheel):
    expected = {str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*") if p.suffix in DATA_SUFFIXES and "__pycache__" not in p.parts}
    assert expected, "no data files found"
    assert expected <= wheel, sorted(expected - wheel)
    assert "guichet_kb/profiles/default/types/ServiceSheet.xml" in wheel
    assert "guichet_kb/locales/fr/LC_MESSAGES/guichet_kb.mo" in wheel
    assert "guichet_kb/demo/catalogue.json" in wheel


def _pins(path):
    """Pins that apply to this interpreter (constraints.txt carries markers)."""
    from packaging.requirements import Requirement

    pins = {}
    for line in path.read_text().splitlines():
        if "==" not in line or line.startswith("#"):
            continue
        requirement = Requirement(line.strip())
        if requirement.marker is None or requirement.marker.evaluate():
            pins[requirement.name.lower().replace("_", "-").replace(".", "-")] = str(requirement.specifier)[2:]
    return pins


def test_installed_versions_match_constraints():
    pins = _pins(ROOT / "constraints.txt")
    assert pins["products-cmfplone"] == "6.2.2"
    assert pins["plone-restapi"].startswith("10.")
    mismatched = {}
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if installed != version:
            mismatched[name] = (version, installed)
    assert not mismatched


def test_buildout_versions_generated_from_constraints():
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "versions_cfg.py"), str(ROOT / "constraints.txt")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert generated == (ROOT / "versions.cfg").read_text(), "run `make constraints`"
    assert "Products.CMFPlone = 6.2.2" in generated and "zc.recipe.egg = " in generated


def test_french_catalogue_complete_and_compiled(tmp_path):
    from pythongettext.msgfmt import Msgfmt

    po = PACKAGE / "locales" / "fr" / "LC_MESSAGES" / "guichet_kb.po"
    text = po.read_text(encoding="utf-8")
    # An empty msgstr not continued on the next line is untranslated.
    untranslated = re.findall(r'msgid "(.+)"\nmsgstr ""\n(?!")', text)
    assert not untranslated
    with open(po, "rb") as stream:
        compiled = Msgfmt(stream, name="guichet_kb").get()
    assert compiled == (po.with_suffix(".mo")).read_bytes(), "run `make i18n` to recompile the .mo"
