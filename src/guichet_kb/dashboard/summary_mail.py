"""The monthly summary's words: its subject, its plain text and the same lines in HTML.

Every line is a msgid of the guichet_kb domain translated in the site's language
(the cron's request says none): the plain text and the HTML are built from the same
translated lines, so they never disagree. Items' titles are escaped in the HTML.
"""

from email import policy
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from guichet_kb import _
from guichet_kb.dashboard.gaps import NO_SERVICE
from guichet_kb.dates.words import MONTHS
from guichet_kb.interactions.store import CHANNEL_TITLES
from guichet_kb.interactions.store import OUTCOME_TITLES
from guichet_kb.workflow.notify import _language
from html import escape
from urllib.parse import urlencode
from zope.i18n import translate


# CRLF line ends: MailHost hands the message's bytes to smtplib as they are, and a
# server reads a message with bare LF ends as one overlong line.
SMTP_POLICY = policy.compat32.clone(linesep="\r\n")
DASHBOARD_VIEW = "@@tableau-de-bord"  # the dashboard's Classic UI page (dashboard part)


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def _change(now, before):
    """'+20 %', '-5 %', '=' against the previous month; '' when it had nothing."""
    if not before:
        return ""
    change = _percent(now - before, before)
    return f", {change:+d} %" if change else ", ="


def dashboard_url(portal, scope):
    return f"{portal.absolute_url()}/{DASHBOARD_VIEW}?{urlencode({'from': scope.start.isoformat(), 'to': scope.end.isoformat()})}"


def _blocks(portal, figures, t):
    """(heading, [lines]) blocks of the summary, translated."""
    scope = figures["scope"]
    month = t(_("summary_month", default="${month} ${year}", mapping={"month": t(MONTHS[scope.start.month - 1]), "year": scope.start.year}))
    previous = t(
        _(
            "summary_month",
            default="${month} ${year}",
            mapping={"month": t(MONTHS[scope.previous_start.month - 1]), "year": scope.previous_start.year},
        )
    )
    total = figures["total"]
    intro = t(
        _(
            "summary_intro",
            default="User relationship summary for ${month}, compared with ${previous}.",
            mapping={"month": month, "previous": previous},
        )
    )
    counts = {"count": total, "previous_count": figures["previous_total"], "previous": previous, "change": _change(total, figures["previous_total"])}
    channels = [t(_("summary_interactions", default="Interactions: ${count} (${previous}: ${previous_count}${change})", mapping=counts))]
    for channel, now, before in figures["channels"]:
        mapping = {"channel": t(CHANNEL_TITLES.get(channel, channel)), "count": now, "previous_count": before, "change": _change(now, before)}
        channels.append(t(_("summary_channel", default="- ${channel}: ${count} (${previous_count}${change})", mapping=mapping)))
    outcomes = [
        t(
            _(
                "summary_outcome",
                default="- ${outcome}: ${count} (${percent} %)",
                mapping={"outcome": t(OUTCOME_TITLES[outcome]), "count": count, "percent": _percent(count, total)},
            )
        )
        for outcome, count in figures["outcomes"]
    ]
    unanswered = [
        t(_("summary_unanswered_line", default="- ${title}: ${count}", mapping={"title": title or t(NO_SERVICE), "count": count}))
        for (title, _url), _uid, count in figures["unanswered"]
    ] or [t(_("summary_none", default="none"))]
    catalogue = [
        t(_("summary_gaps", default="Content gaps found: ${count}", mapping={"count": figures["gaps"]})),
        t(_("summary_overdue", default="Reviews overdue: ${count}", mapping={"count": figures["overdue"]})),
    ]
    return month, [
        (intro, []),
        (t(_("summary_channels_heading", default="Interactions by channel")), channels),
        (t(_("summary_outcomes_heading", default="Outcomes")), outcomes),
        (t(_("summary_unanswered_heading", default="Services most often not answered")), unanswered),
        (t(_("summary_catalogue_heading", default="Catalogue")), catalogue),
    ]


def compose(portal, figures):
    """(subject, plain text, HTML) of the summary."""
    language = _language()

    def t(message):
        return translate(message, target_language=language)

    month, blocks = _blocks(portal, figures, t)
    url = dashboard_url(portal, figures["scope"])
    link = t(_("summary_link", default="Dashboard: ${url}", mapping={"url": url}))
    subject = t(_("summary_subject", default="[Guichet] User relationship summary: ${month}", mapping={"month": month}))
    text = "\n\n".join("\n".join([heading, *lines]) for heading, lines in blocks) + f"\n\n{link}\n"
    html = [f"<h1>{escape(subject)}</h1>", f"<p>{escape(blocks[0][0])}</p>"]
    for heading, lines in blocks[1:]:
        html.append(f"<h2>{escape(heading)}</h2>")
        html.append("<ul>\n" + "\n".join(f"<li>{escape(line.removeprefix('- '))}</li>" for line in lines) + "\n</ul>")
    html.append(f'<p><a href="{escape(url)}">{escape(link)}</a></p>')
    body = "\n".join(html)  # one element a line: readable source
    return subject, text, f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<body>\n{body}\n</body>\n</html>\n'


def message(text, html):
    """The multipart/alternative message: plain text first, HTML as the alternative."""
    mail = MIMEMultipart("alternative", policy=SMTP_POLICY)  # the classic API: Zope's MailHost sets its headers on it
    mail.attach(MIMEText(text, "plain", "utf-8", policy=SMTP_POLICY))
    mail.attach(MIMEText(html, "html", "utf-8", policy=SMTP_POLICY))
    return mail
