"""The site side of the caching proxies: the registry settings, the upgrade step to
the windowed operation, create_site's check of CACHING_PROXIES."""

from guichet_kb.api.caching import RULESET
from guichet_kb.caching import settings
from guichet_kb.caching.operation import NAME
from guichet_kb.facts import CATALOGUE_TYPES
import importlib.util
from plone import api
import pytest
from repo_paths import ROOT


def test_configure_sets_proxies_and_our_types(integration):
    settings.configure(["http://127.0.0.1:8090"])
    assert api.portal.get_registry_record(settings.ENABLED) is True
    assert api.portal.get_registry_record(settings.PROXIES) == ("http://127.0.0.1:8090",)
    purged = api.portal.get_registry_record(settings.PURGED_TYPES)
    assert set(CATALOGUE_TYPES) <= set(purged)
    assert "News Item" in purged  # plone.app.caching's own defaults are kept
    settings.configure([])
    assert api.portal.get_registry_record(settings.ENABLED) is False


def test_profile_maps_the_read_services_to_the_windowed_operation(integration):
    mapping = api.portal.get_registry_record("plone.caching.interfaces.ICacheSettings.operationMapping")
    assert mapping[RULESET] == NAME


def test_upgrade_1006_maps_the_windowed_operation(portal):
    from Products.GenericSetup.upgrade import listUpgradeSteps

    record = "plone.caching.interfaces.ICacheSettings.operationMapping"
    api.portal.set_registry_record(record, {**api.portal.get_registry_record(record), RULESET: "plone.app.caching.terseCaching"})
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1005") if s["dest"] == ("1006",)]
    step["step"].doStep(setup)
    assert api.portal.get_registry_record(record)[RULESET] == NAME


def test_create_site_refuses_a_bad_caching_proxy(monkeypatch, capsys):
    spec = importlib.util.spec_from_file_location("create_site_script", ROOT / "scripts" / "create_site.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setenv("CACHING_PROXIES", "http://127.0.0.1:8090 varnish:8090")
    with pytest.raises(SystemExit) as stop:
        script.caching_proxies()
    assert stop.value.code == 2
    assert capsys.readouterr().err == "CACHING_PROXIES: 'varnish:8090' is not http(s)://host[:port]\n"
    monkeypatch.setenv("CACHING_PROXIES", "http://127.0.0.1:8090")
    assert script.caching_proxies() == ["http://127.0.0.1:8090"]
