"""How a ticket's notices reach the citizen: `ITicketSender` named utilities.

A notice (`Notice`: its kind, subject, plain text, HTML and a short one-line text) is
handed to every registered sender for which the ticket has an address: "email" is
built in (the site's MailHost, plain text with its HTML alternative, guichet_kb/mailing.py);
an SMS gateway is a utility of the town's own named "sms", e.g. in an add-on's ZCML:

    <utility factory="my.gateway.SmsSender" provides="guichet_kb.queues.senders.ITicketSender" name="sms" />

with `address(ticket)` returning `ticket.phone` and `send(address, notice)` posting
`notice.short` to the gateway. While no "sms" sender is registered, POST
@queue-tickets refuses a phone number (the citizen is asked for an e-mail address):
a number nobody can text is not kept.

`dispatch(ticket, notice)` runs in the transaction that records the notice (the
ticket's `notified` or `called_notified`) and the senders are called after it
commits, so a refused or retried request sends nothing and a notice goes once. The
address is read from the ticket then; nothing about the notice is kept.
"""

from collections import namedtuple
from guichet_kb import mailing
import logging
import transaction
from zope.component import getUtilitiesFor
from zope.component import queryUtility
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


logger = logging.getLogger(__name__)
Notice = namedtuple("Notice", "kind subject text html short")


class ITicketSender(Interface):
    """Sends a queue ticket's notices by one means (e-mail, SMS)."""

    label = Attribute("What it sends by, for logs: 'e-mail', 'SMS'.")

    def address(ticket):
        """The ticket's address this sender writes to (e-mail address, phone), or None."""

    def send(address, notice):
        """Deliver the notice now (called after the commit); failures are logged, not raised."""


@implementer(ITicketSender)
class EmailSender:
    label = "e-mail"

    def address(self, ticket):
        return ticket.email or None

    def send(self, address, notice):
        mailing.deliver(address, notice.subject, mailing.alternative(notice.text, notice.html))


def offered(name):
    """Whether a sender of that name is registered ("sms": phone numbers are accepted)."""
    return queryUtility(ITicketSender, name=name) is not None


def _send(committed, name, address, notice):
    sender = queryUtility(ITicketSender, name=name)
    if not committed or sender is None:
        return
    try:
        sender.send(address, notice)
    except Exception:
        logger.exception("The %s sender could not send %r", name, notice.kind)  # never the address


def dispatch(ticket, notice):
    """Queue the notice for every sender that has an address of the ticket (after
    commit); how many will send it."""
    count = 0
    for name, sender in sorted(getUtilitiesFor(ITicketSender)):
        address = sender.address(ticket)
        if address:
            transaction.get().addAfterCommitHook(_send, args=(name, address, notice))
            count += 1
    return count
