"""1018: booking (issue 18). The registry's `public_site_url` (IGuichetSettings, registered
again: existing records keep their values; empty until set, e-mails then give the booking
code without a link) and the keyring of booking links (facts.BOOKING_LINK_RING, made and
filled once: nothing rotates it, so a link lives until its appointment starts)."""

from guichet_kb import tokens
from guichet_kb.facts import BOOKING_LINK_RING
from guichet_kb.interfaces import IGuichetSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def upgrade(context):
    getUtility(IRegistry).registerInterface(IGuichetSettings, prefix="guichet_kb")
    tokens.ensure_ring(BOOKING_LINK_RING)
