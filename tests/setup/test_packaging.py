"""The built wheel carries every non-Python file and installs its clients without Plone;
pins and translations are consistent."""

from importlib import metadata
import os
import pathlib
import pytest
import re
from repo_paths import ROOT
import shutil
import subprocess
import sys
import textwrap
import zipfile


PACKAGE = ROOT / "src" / "guichet_kb"
DATA_SUFFIXES = (".zcml", ".xml", ".pt", ".po", ".pot", ".mo", ".json", ".css", ".js", ".svg", ".png", ".ico", ".html")


@pytest.fixture(scope="module")
def wheel_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("guichet_kb-*.whl")
    return path


@pytest.fixture(scope="module")
def wheel(wheel_file):
    with zipfile.ZipFile(wheel_file) as archive:
        return set(archive.namelist())


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


# Run by the fresh venv's Python: every client module imports, the public app renders
# a page from its templates and catalogue, the CLI reads guichet_kb's .mo, and no
# distribution of Zope or Plone is there.
CLIENT_CHECK = textwrap.dedent(
    """
    from importlib import metadata
    import importlib, importlib.util, pkgutil, sys
    import guichet_kb.agent, guichet_kb.hours, guichet_kb.public
    for package in (guichet_kb.agent, guichet_kb.hours, guichet_kb.public):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    from guichet_kb.agent.texts import ANSWER, Texts
    from guichet_kb.public.app import create_app
    from guichet_kb.public.config import Settings
    from starlette.testclient import TestClient
    with TestClient(create_app(Settings(plone_url="http://127.0.0.1:9/guichet", backend_timeout=0.5))) as client:
        page = client.get("/")
    names = sorted(d.metadata["Name"] for d in metadata.distributions())
    print(page.status_code, "Service momentanément indisponible" in page.text, Texts("fr")(ANSWER))
    print(importlib.util.find_spec("zope"), importlib.util.find_spec("Products"), importlib.util.find_spec("plone"))
    print(sorted(m for m in sys.modules if m.split(".")[0] in ("zope", "Products", "plone", "Zope2", "App")))
    print(" ".join(names))
    """
)
PLONE_NAMES = re.compile(r"^(zope|products|plone|zope2|zodb|acquisition|extensionclass)([.-]|$)", re.IGNORECASE)


def test_clients_install_without_plone(wheel_file, tmp_path):
    """`pip install guichet_kb` (no extra) on a machine without Plone: both console
    scripts and the public app work. uv (pinned by the test extra) installs the built
    wheel with -c constraints.txt from its cache, so the install takes about a second."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    uv = shutil.which("uv", path=str(pathlib.Path(sys.executable).parent)) or shutil.which("uv")
    install = [uv, "pip", "install", "--quiet", "--python", str(python), "-c", str(ROOT / "constraints.txt"), str(wheel_file)]
    subprocess.run(install, check=True, capture_output=True, env={**os.environ, "VIRTUAL_ENV": str(venv)})
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}

    def run(*command):
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=clean)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run(str(venv / "bin" / "guichet-kb"), "--help").startswith("usage: guichet-kb [-h] [--url URL]")
    assert run(str(venv / "bin" / "guichet-kb-public"), "--help").startswith("usage: guichet-kb-public [-h]\n")
    page, missing, loaded, names = run(str(python), "-c", CLIENT_CHECK).splitlines()
    assert page == "503 True Réponse :"
    assert missing == "None None None" and loaded == "[]"
    assert [name for name in names.split() if PLONE_NAMES.match(name)] == []
    assert "guichet_kb" in names.split() and "starlette" in names.split()


def test_plone_is_the_plone_extra(wheel_file):
    """The wheel's metadata: the base requires the clients' libraries only."""
    with zipfile.ZipFile(wheel_file) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        requires = re.findall(r"^Requires-Dist: (.+)$", archive.read(name).decode(), re.MULTILINE)
    base = sorted(r for r in requires if "extra ==" not in r)
    assert base == ["httpx", "jinja2", "requests", "starlette", "uvicorn"]
    assert 'Products.CMFPlone==6.2.2; extra == "plone"' in requires
