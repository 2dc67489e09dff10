"""The e-mails of a booking: confirmed, moved, cancelled, reminder.

Each says, in the site's language: the date and time in words ("jeudi 3 décembre 2026
à 09:20"), the service and the type, the desk's name and address, the booking code, the
documents to bring (the sheet's checklist, interactions/checklist.lines), the link to
move or cancel (appointments/links.py; the code alone without a public site) and how
long the name and address are kept. Plain text and the same lines in HTML (as the
dashboard's summary mail), with an iCalendar attachment (appointments/ical.py). The
mail leaves after the transaction commits (a refused or retried request sends
nothing); its failures are only logged. The e-mail address is the booking's own,
kept until the purge (appointments/purge.py); the mail itself is not kept. A mail is
composed with an anonymous caller's rights, whoever sends it (an agent, the reminders'
cron): it names only a published sheet and desk, and the sheet's published documents.
"""

from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from guichet_kb import _
from guichet_kb import clock
from guichet_kb import mailing
from guichet_kb.appointments import ical
from guichet_kb.appointments.describe import appointment_type
from guichet_kb.appointments.describe import visible_parts
from guichet_kb.appointments.purge import retention_days
from guichet_kb.content.vocabularies import WEEKDAY_TITLES
from guichet_kb.dashboard.summary_mail import SMTP_POLICY
from guichet_kb.dates.words import MONTHS
from guichet_kb.facts import WEEKDAYS
from guichet_kb.interactions import checklist
from guichet_kb.opendata.anonymous import as_anonymous
from guichet_kb.serializers.desk import desk_address
from guichet_kb.workflow.notify import _language
from html import escape
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message


KINDS = ("confirmed", "moved", "cancelled", "reminder")
SUBJECTS = {
    "confirmed": _("mail_booking_confirmed_subject", default="Appointment confirmed: ${service}, ${when}"),
    "moved": _("mail_booking_moved_subject", default="Appointment moved: ${service}, ${when}"),
    "cancelled": _("mail_booking_cancelled_subject", default="Appointment cancelled: ${service}, ${when}"),
    "reminder": _("mail_booking_reminder_subject", default="Reminder: appointment ${when}, ${service}"),
}
INTROS = {
    "confirmed": _("mail_booking_confirmed_intro", default="Your appointment is confirmed."),
    "moved": _("mail_booking_moved_intro", default="Your appointment has been moved. The previous link no longer works: use this one."),
    "cancelled": _("mail_booking_cancelled_intro", default="Your appointment is cancelled; the slot is free again for someone else."),
    "reminder": _("mail_booking_reminder_intro", default="This is a reminder of your appointment."),
}


def when_words(moment, language):
    """'jeudi 3 décembre 2026 à 09:20' (the portal's wall-clock time)."""
    local = clock.local(moment)

    def t(message):
        return translate(message, target_language=language)

    month = t(MONTHS[local.month - 1])
    day = t(_("long_date", default="${month} ${day}, ${year}", mapping={"day": local.day, "month": month, "year": local.year}))
    mapping = {"weekday": t(WEEKDAY_TITLES[WEEKDAYS[local.weekday()]]), "date": day, "time": local.strftime("%H:%M")}
    return t(_("appointment_when", default="${weekday} ${date} at ${time}", mapping=mapping))


def lines_of(kind, booking, link):
    """(subject, intro, [(label line)], checklist lines, closing lines): translated."""
    language = _language()

    def t(message):
        return translate(message, target_language=language)

    sheet, desk = visible_parts(booking)
    kind_of = appointment_type(booking)
    when = when_words(booking.start, language)
    service = sheet.Title() if sheet is not None else kind_of["label"]
    subject = t(Message(SUBJECTS[kind], mapping={"service": service, "when": when}))
    facts = [
        t(_("mail_booking_service", default="Service: ${service} — ${type}", mapping={"service": service, "type": kind_of["label"]})),
        t(_("mail_booking_when", default="Date: ${when} (${duration} min)", mapping={"when": when, "duration": kind_of["duration"]})),
    ]
    if desk is not None:
        place = ", ".join(filter(None, (desk.Title(), desk_address(desk))))
        facts.append(t(_("mail_booking_place", default="Place: ${place}", mapping={"place": place})))
    facts.append(t(_("mail_booking_code", default="Booking code: ${code}", mapping={"code": booking.code})))
    documents = []
    if kind != "cancelled" and sheet is not None:
        documents = checklist.lines(sheet, getRequest(), language) or [t(_("checklist_empty", default="No document to bring."))]
    closing = []
    if kind == "cancelled":
        if sheet is not None:
            closing.append(t(_("mail_booking_again", default="To book again: ${url}", mapping={"url": sheet.absolute_url()})))
    else:
        if link:
            closing.append(t(_("mail_booking_link", default="To move or cancel this appointment: ${url}", mapping={"url": link})))
        else:
            closing.append(t(_("mail_booking_no_link", default="To move or cancel this appointment, call or visit the desk with your booking code.")))
        if sheet is not None:
            closing.append(t(_("mail_booking_sheet", default="Everything about this service: ${url}", mapping={"url": sheet.absolute_url()})))
    closing.append(
        t(
            _(
                "mail_booking_retention",
                default="Your name and e-mail address are erased ${days} days after the appointment.",
                mapping={"days": retention_days()},
            )
        )
    )
    hello = t(_("mail_booking_hello", default="Hello ${name},", mapping={"name": booking.name or ""}))
    intro = translate(INTROS[kind], target_language=language)
    heading = t(_("mail_booking_documents", default="Documents to bring:"))
    return subject, hello, intro, facts, heading, documents, closing


def compose(kind, booking, link=None):
    """(subject, plain text, HTML, iCalendar text) of one e-mail."""
    subject, hello, intro, facts, heading, documents, closing = lines_of(kind, booking, link)
    blocks = [hello, intro, "\n".join(facts)]
    if documents:
        blocks.append("\n".join([heading, *(f"- {line}" for line in documents)]))
    blocks.append("\n".join(closing))
    text = "\n\n".join(blocks) + "\n"
    html = [f"<p>{escape(hello)}</p>", f"<p>{escape(intro)}</p>", mailing.items(facts)]
    if documents:
        html.append(f"<h2>{escape(heading)}</h2>")
        html.append(mailing.items(documents))
    urls = [url for url in (link, sheet_url(booking)) if url]
    for line in closing:
        html.append(f"<p>{mailing.linked(line, urls)}</p>")
    return subject, text, mailing.page(html, _language()), calendar(kind, booking, facts)


def sheet_url(booking):
    sheet, _desk = visible_parts(booking)
    return sheet.absolute_url() if sheet is not None else None


def calendar(kind, booking, facts):
    sheet, desk = visible_parts(booking)
    summary = sheet.Title() if sheet is not None else appointment_type(booking)["label"]
    location = ", ".join(filter(None, (desk.Title(), desk_address(desk)))) if desk is not None else ""
    status = "CANCELLED" if kind == "cancelled" else "CONFIRMED"
    stamp = clock.now()
    # SEQUENCE: minutes since the booking was made, so each later file (moved, cancelled) replaces the one before.
    sequence = max(int((stamp - booking.created).total_seconds() // 60), 0) if booking.created else 0
    return ical.calendar(booking.code, booking.start, booking.end, summary, location, "\n".join(facts), stamp, sequence, status)


def message(text, html, ics, code):
    """multipart/mixed: the text and its HTML alternative, then the .ics file."""
    mail = MIMEMultipart("mixed", policy=SMTP_POLICY)
    mail.attach(mailing.alternative(text, html))
    attachment = MIMEText(ics, "calendar", "utf-8", policy=SMTP_POLICY)
    attachment.set_param("method", "PUBLISH")
    attachment.add_header("Content-Disposition", "attachment", filename=f"rendez-vous-{code}.ics")
    mail.attach(attachment)
    return mail


def send(kind, booking, link=None):
    """Queue the e-mail of ``kind`` to the booking's address (after commit); False when
    the booking has no address (erased) or the site has no sender address."""
    if kind not in KINDS:
        raise ValueError(kind)
    if not booking.email or not mailing.can_send():
        return False
    with as_anonymous():  # the citizen's view of the sheet and desk, whoever books (an agent, the cron)
        subject, text, html, ics = compose(kind, booking, link)
    mailing.send_after_commit(booking.email, subject, message(text, html, ics, booking.code))
    return True
