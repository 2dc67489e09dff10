"""A real local SMTP server (aiosmtpd) capturing the site's mail: the `inbox` fixture."""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
import pytest
import socket
import time
import transaction


def _text(part):
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        parts = {part.get_content_type(): _text(part) for part in message.walk() if not part.is_multipart()}
        self.messages.append(
            {
                "to": envelope.rcpt_tos,
                "subject": str(make_header(decode_header(message["Subject"]))),
                "body": parts.get("text/plain", ""),
                **({"html": parts["text/html"]} if "text/html" in parts else {}),  # a multipart/alternative message
                **({"calendar": parts["text/calendar"]} if "text/calendar" in parts else {}),  # an .ics attachment (bookings)
                "attachments": [part.get_filename() for part in message.walk() if part.get_filename()],
            }
        )
        return "250 OK"

    def wait(self, count, timeout=5):
        deadline = time.time() + timeout
        while len(self.messages) < count and time.time() < deadline:
            time.sleep(0.05)
        return self.messages


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox(functional):
    from plone import api

    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    portal = functional["portal"]
    portal.MailHost.smtp_host, portal.MailHost.smtp_port = "127.0.0.1", controller.port
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", controller.port)
    api.portal.set_registry_record("plone.email_from_address", "guichet@ville-exemple.invalid")
    api.portal.set_registry_record("plone.email_from_name", "Guichet KB")
    transaction.commit()
    yield handler
    controller.stop()


def checklist_body(title, text, url, online_url=None, contact=""):
    """The exact e-mail the citizen gets with a sheet's checklist (CRLF lines); ``contact``:
    the block of the body the caller was sent to (an orientation), after the online service."""
    online = (f"\n{online_url}\n" if online_url else "") + contact
    return (
        f"Bonjour,\n\nComme convenu, voici les pièces à fournir pour la démarche « {title} » :\n\n"
        f"{text}\n{online}\n"
        f"Toutes les informations sur cette démarche (guichets, horaires, coût, délai) :\n{url}\n\n"
        "Ce message vous a été envoyé une seule fois, à votre demande ; votre adresse n'a pas été conservée.\n"
    ).replace("\n", "\r\n")


def passeport_checklist_body(text, site):
    """The e-mail with the demo's passport checklist."""
    return checklist_body("Passeport", text, f"{site}/demarches/passeport", "https://ants.gouv.fr/")
