"""The fact check's parts in process: the signed token against the site's keyring,
the expert's allow-list of fields, the upgrade step's index."""

from guichet_kb.factcheck import tokens
from plone.keyring.interfaces import IKeyManager
import pytest
from zope.component import getUtility


REQUEST_ID, UID, EXPIRES = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 4102444800


def test_a_token_reads_back_and_survives_four_rotations(integration):
    token = tokens.sign(REQUEST_ID, UID, EXPIRES)
    assert tokens.read(token) == (REQUEST_ID, UID, EXPIRES)
    ring = getUtility(IKeyManager)[tokens.RING]
    for _week in range(len(ring) - 1):
        ring.rotate()
        assert tokens.read(token) == (REQUEST_ID, UID, EXPIRES)
    ring.rotate()  # its secret has left the ring
    with pytest.raises(tokens.BadToken):
        tokens.read(token)


def test_altered_tokens_are_refused(integration):
    token = tokens.sign(REQUEST_ID, UID, EXPIRES)
    payload, signature = token.split(".")
    later = tokens.sign(REQUEST_ID, UID, EXPIRES + 86400).split(".")[0]
    bad = [
        f"{later}.{signature}",  # a later expiry under the old signature
        f"{payload}.{signature[::-1]}",
        f"{payload}.",
        payload,
        f"{payload}.{signature}.x",
        "é.é",
        None,
        12,
        "a" * 500,
    ]
    for value in bad:
        with pytest.raises(tokens.BadToken):
            tokens.read(value)


def test_the_secret_signs_for_this_purpose_only(integration):
    """A MAC of the bare payload (another use of the same secret) is no token."""
    import base64
    import hashlib
    import hmac

    payload = f"{REQUEST_ID}:{UID}:{EXPIRES}".encode()
    secret = getUtility(IKeyManager)[tokens.RING].current.encode()
    mac = base64.urlsafe_b64encode(hmac.new(secret, payload, hashlib.sha256).digest()).rstrip(b"=").decode()
    with pytest.raises(tokens.BadToken):
        tokens.read(f"{tokens._b64(payload)}.{mac}")


def test_the_expert_reads_no_staff_only_field_and_no_relation(integration):
    from guichet_kb.content.service_sheet import IServiceSheet
    from guichet_kb.factcheck.draft import FIELDS
    from plone.autoform.interfaces import READ_PERMISSIONS_KEY
    from plone.dexterity.utils import iterSchemataForType
    from z3c.relationfield.interfaces import IRelation
    from z3c.relationfield.interfaces import IRelationList

    protected = set()
    for schema in iterSchemataForType("ServiceSheet"):
        protected |= set(schema.queryTaggedValue(READ_PERMISSIONS_KEY, {}))
    assert protected >= {"call_script_questions", "call_script_answer", "internal_notes", "backoffice_contact"}
    assert not set(FIELDS) & protected
    relations = {name for name in IServiceSheet if IRelation.providedBy(IServiceSheet[name]) or IRelationList.providedBy(IServiceSheet[name])}
    assert relations >= {"desks", "department", "related_sheets", "related_answers"}
    assert not set(FIELDS) & relations


def test_upgrade_1015_adds_the_index(integration):
    from guichet_kb.factcheck.answering import INDEX
    from guichet_kb.upgrades import v1015
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex(INDEX)
    v1015.upgrade(None)
    assert catalog._catalog.getIndex(INDEX).meta_type == "BooleanIndex"
    v1015.upgrade(None)  # twice: nothing to do


def test_a_link_expires_before_its_secret_leaves_the_keyring(integration):
    """plone.protect rotates the ring weekly (at the earliest) and keeps its size: a
    secret stays (size - 1) weeks after it stopped signing, at least."""
    from guichet_kb.facts import FACT_CHECK_DAYS

    assert FACT_CHECK_DAYS < (len(getUtility(IKeyManager)[tokens.RING]) - 1) * 7
