"""The REST convention (api/guard/service.py), checked on the source: every
service of the add-on is registered for its browser layer, in a folder of its own
with one module per verb, derives from `GuichetService`, and no module but the
error helper builds an error body by hand."""

import ast
import importlib
import re
from repo_paths import SRC


PACKAGE = SRC
LAYER = "guichet_kb.interfaces.IGuichetKBLayer"
VERBS = {"get", "post", "patch", "put", "delete"}
HELPER = PACKAGE / "api" / "guard" / "errors.py"
_SERVICE = re.compile(r"<plone:service\b(.*?)/>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def registrations():
    """(zcml file, attributes) of every plone:service of the add-on."""
    for zcml in sorted(PACKAGE.rglob("*.zcml")):
        for match in _SERVICE.finditer(zcml.read_text(encoding="utf-8")):
            yield zcml, dict(_ATTRIBUTE.findall(match.group(1)))


def factory(zcml, dotted):
    package = ".".join(zcml.parent.relative_to(PACKAGE.parent).parts)
    module, _dot, name = (package + dotted if dotted.startswith(".") else dotted).rpartition(".")
    return module, getattr(importlib.import_module(module), name)


def test_there_are_services_to_check():
    assert len(list(registrations())) >= 26


def test_every_registration_has_the_layer():
    missing = [f"{zcml.relative_to(PACKAGE)} {attrs['name']}" for zcml, attrs in registrations() if attrs.get("layer") != LAYER]
    assert missing == []


def test_every_service_derives_from_the_base():
    from guichet_kb.api.guard.service import GuichetService

    strays = [attrs["factory"] for zcml, attrs in registrations() if not issubclass(factory(zcml, attrs["factory"])[1], GuichetService)]
    assert strays == []


def test_api_services_live_in_a_folder_of_their_own_in_a_module_named_by_verb():
    wrong = []
    for zcml, attrs in registrations():
        module, _cls = factory(zcml, attrs["factory"])
        if module.startswith("guichet_kb.api.") and (module.count(".") != 3 or module.rpartition(".")[2] != attrs["method"].lower()):
            wrong.append(f"{attrs['method']} {attrs['name']}: {module}")
    assert wrong == []


def test_every_folder_under_api_has_its_configuration():
    folders = [p for p in (PACKAGE / "api").iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert [p.name for p in folders if not (p / "configure.zcml").exists() or not (p / "__init__.py").exists()] == []


def test_service_modules_are_named_by_verb():
    """In a folder of api/ that registers services, every module is a verb."""
    odd = []
    for zcml, _attrs in registrations():
        if zcml.parent.parent.name == "api":
            odd += [f"{zcml.parent.name}/{p.name}" for p in zcml.parent.glob("*.py") if p.stem not in VERBS | {"__init__"}]
    assert sorted(set(odd)) == []


def _error_dicts(path):
    """Line numbers of `{"error": {...}}` literals (plone.restapi's field-error lists,
    `[{"error": "ValidationError", ...}]`, are another format and not counted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        and any(isinstance(k, ast.Constant) and k.value == "error" and isinstance(v, ast.Dict) for k, v in zip(node.keys, node.values, strict=True))
    ]


def test_only_the_helper_builds_an_error_body():
    sites = {str(p.relative_to(PACKAGE)): lines for p in PACKAGE.rglob("*.py") if p != HELPER and (lines := _error_dicts(p))}
    assert sites == {}
    assert _error_dicts(HELPER) != []  # the check sees dict literals


def test_no_service_turns_plone_protect_off_by_hand():
    """The CSRF policy is the class attribute `csrf` (guard/service.py), not alsoProvides in reply()."""
    by_hand = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "api").rglob("*.py")
        if "IDisableCSRFProtection" in p.read_text(encoding="utf-8") and p.name != "service.py"
    ]
    assert by_hand == []


def test_no_service_overrides_render():
    """render() checks parameters, permissions and CSRF before reply(): overriding it skipped them."""
    from guichet_kb.api.guard.service import GuichetService

    overriding = [attrs["factory"] for zcml, attrs in registrations() if factory(zcml, attrs["factory"])[1].render is not GuichetService.render]
    assert overriding == []


def test_services_answering_files_check_the_rest_api_permission(functional, site, rest):
    """@catalogue-export and @interactions rendered themselves and skipped plone.restapi's
    "Use REST API" check: with the permission taken away, they answered 200."""
    from plone.restapi.permissions import UseRESTAPI
    import transaction

    functional["portal"].manage_permission(UseRESTAPI, roles=[], acquire=False)
    transaction.commit()
    admin = rest("admin")
    for path in ("@catalogue-export", "@interactions", "@review-queue"):
        assert admin.get(f"{site}/{path}").status_code == 401, path
