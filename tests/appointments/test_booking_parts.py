"""The booking part's pieces in process: the links' own keyring, the public address,
its setting's rule, upgrade 1018."""

from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import tokens
from guichet_kb.appointments import codes
from guichet_kb.appointments import links
from guichet_kb.facts import BOOKING_LINK_RING
from plone import api
from plone.keyring.interfaces import IKeyManager
import pytest
from zope.component import getUtility


START = datetime.combine(clock.today() + timedelta(days=60), datetime.min.time().replace(hour=9), tzinfo=clock.zone())


def test_a_booking_link_outlives_the_system_keyring(integration):
    """A booking 60 days ahead: plone.protect rotates `_system` weekly (5 kept: 28 days);
    the links are signed with a ring nothing rotates."""
    token = codes.link_token("ABCD-EFGH", START)
    system = getUtility(IKeyManager)[tokens.RING]
    for _week in range(len(system) + 3):
        system.rotate()
    assert codes.read_link(token, "ABCD-EFGH", START) == "ABCD-EFGH"
    getUtility(IKeyManager)[BOOKING_LINK_RING].rotate()
    assert codes.read_link(token, "ABCD-EFGH", START) == "ABCD-EFGH"  # one rotation: the old secret is kept
    getUtility(IKeyManager)[BOOKING_LINK_RING].rotate()
    with pytest.raises(codes.BadLink):
        codes.read_link(token, "ABCD-EFGH", START)


def test_tokens_of_one_purpose_are_no_tokens_of_another(integration):
    token = tokens.sign(b"guichet_kb.one\n", ["a", "b"], 2**31)
    assert tokens.read(b"guichet_kb.one\n", token, 2) == ("a", "b", 2**31)
    for purpose, count, ring in (
        (b"guichet_kb.two\n", 2, tokens.RING),
        (b"guichet_kb.one\n", 1, tokens.RING),
        (b"guichet_kb.one\n", 2, BOOKING_LINK_RING),
    ):
        with pytest.raises(tokens.BadToken):
            tokens.read(purpose, token, count, ring=ring)
    with pytest.raises(ValueError):
        tokens.sign(b"guichet_kb.one\n", ["a:b"], 1)


def test_the_manage_link_follows_the_setting(integration):
    api.portal.set_registry_record(links.PUBLIC_URL_RECORD, "https://rdv.ville-exemple.fr/")
    assert links.manage_url("ABCD-EFGH", "t.k+/=") == "https://rdv.ville-exemple.fr/rendez-vous/ABCD-EFGH?token=t.k%2B%2F%3D"
    api.portal.set_registry_record(links.PUBLIC_URL_RECORD, "")
    assert links.manage_url("ABCD-EFGH", "t") is None


def test_the_setting_takes_an_http_address_or_nothing(integration):
    from guichet_kb.interfaces import IGuichetSettings
    from zope.schema.interfaces import ValidationError

    field = IGuichetSettings["public_site_url"]
    for good in ("", "http://localhost:8000", "https://rdv.ville-exemple.fr/site"):
        field.validate(good) if good else None
    for bad in ("ftp://x.fr", "https://x.fr/?a=1", "x.fr", "https://"):
        with pytest.raises(ValidationError):
            field.validate(bad)


def test_upgrade_1018_adds_the_setting_and_the_ring(integration):
    from guichet_kb.upgrades import v1018
    from plone.registry.interfaces import IRegistry

    registry = getUtility(IRegistry)
    api.portal.set_registry_record("guichet_kb.interaction_retention_months", 24)
    del registry.records[links.PUBLIC_URL_RECORD]
    del getUtility(IKeyManager)[BOOKING_LINK_RING]
    v1018.upgrade(None)
    assert registry[links.PUBLIC_URL_RECORD] == ""
    assert api.portal.get_registry_record("guichet_kb.interaction_retention_months") == 24  # kept
    assert len([secret for secret in getUtility(IKeyManager)[BOOKING_LINK_RING] if secret]) == 2
    v1018.upgrade(None)  # twice: nothing more
