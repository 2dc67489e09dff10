"""What every e-mail to a citizen shares: the HTML page beside the plain text, the
clickable links, the multipart/alternative message and the sending after commit.

Used by the booking e-mails (appointments/mail.py) and the queue tickets' notices
(queues/notices.py, queues/senders.py): each builds its translated lines once, the
plain text and the HTML come from the same lines, so they never disagree. A message
leaves after the transaction commits (`send_after_commit`): a refused or retried
request sends nothing; a failure is logged with the subject only (never the address).
Nothing is kept: the mail is built, handed to MailHost and forgotten.
"""

from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from guichet_kb.dashboard.summary_mail import SMTP_POLICY
from html import escape
import logging
from plone import api
import transaction


logger = logging.getLogger(__name__)


def linked(line, urls):
    """The line escaped, the first of ``urls`` it holds clickable."""
    for url in urls:
        if url and url in line:
            before, after = line.split(url, 1)
            return f'{escape(before)}<a href="{escape(url)}">{escape(url)}</a>{escape(after)}'
    return escape(line)


def items(lines):
    """An HTML list of plain lines, escaped."""
    return "<ul>\n" + "\n".join(f"<li>{escape(line)}</li>" for line in lines) + "\n</ul>"


def page(parts, language):
    """The HTML document of the message's parts (HTML fragments, in order)."""
    body = "\n".join(parts)
    return f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<body>\n{body}\n</body>\n</html>\n'


def alternative(text, html):
    """multipart/alternative: the plain text and its HTML (CRLF line ends)."""
    mail = MIMEMultipart("alternative", policy=SMTP_POLICY)
    mail.attach(MIMEText(text, "plain", "utf-8", policy=SMTP_POLICY))
    mail.attach(MIMEText(html, "html", "utf-8", policy=SMTP_POLICY))
    return mail


def can_send():
    """Whether the site has a sender address (else no mail is queued)."""
    return bool(api.portal.get_registry_record("plone.email_from_address", default=None))


def deliver(recipient, subject, body):
    """Hand ``body`` to MailHost now (after a commit); a failure is logged, never raised."""
    try:
        api.portal.send_email(recipient=recipient, subject=subject, body=body, immediate=True)
    except Exception:
        logger.exception("Could not send %r", subject)  # never the address in the log


def _after(committed, recipient, subject, body):
    if committed:
        deliver(recipient, subject, body)


def send_after_commit(recipient, subject, body):
    """Queue ``body`` (a MIME message) to ``recipient``; it leaves once the transaction commits."""
    transaction.get().addAfterCommitHook(_after, args=(recipient, subject, body))
