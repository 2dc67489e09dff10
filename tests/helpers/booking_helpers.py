"""A bookable service of the test's own, and the time the booking tests run at.

`bookable(catalogue)` publishes a department, a desk (open every day 09:00-17:00,
1 rue d'Essai, 99000 Ville-Essai), two documents, a sheet needing them and an agenda
at the desk: type "depot" (20 min) for the sheet, counters "poste-1" and "poste-2",
the default leads and limits (2 h, 60 days, 2 per e-mail) unless told. `MONDAY_8AM` is
a Monday at 08:00 (portal zone) at least 8 days ahead of today (after the items'
publication date: they are effective then): tests freeze the clock there
(`clock.frozen`), the HTTP server's threads included.
"""

from catalogue_factory import agenda
from catalogue_factory import appointment_type
from catalogue_factory import counter
from catalogue_factory import department
from catalogue_factory import desk
from catalogue_factory import document
from catalogue_factory import required
from catalogue_factory import sheet
from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb import clock


SHEET, DESK, AGENDA = "rdv-essai", "rdv-essai-guichet", "rdv-essai-agenda"
SHEET_TITLE, DESK_TITLE = "Titre d'essai", "Guichet des titres d'essai"
ADDRESS = "1 rue d'Essai, 99000 Ville-Essai"


def _monday_ahead():
    day = clock.today() + timedelta(days=8)
    return day + timedelta(days=(7 - day.weekday()) % 7)


MONDAY = _monday_ahead()
MONDAY_8AM = datetime.combine(MONDAY, time(8, 0), tzinfo=clock.zone())


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=clock.zone())


def bookable(catalogue, counters=None, extra=(), **agenda_fields):
    """{id: object} of the bookable service's items (ids SHEET, DESK, AGENDA), and of
    ``extra`` builder results (which may name them)."""
    items = (
        department("rdv-essai-service", "Service des titres d'essai"),
        desk(DESK, DESK_TITLE),
        document("rdv-piece-identite", "Pièce d'identité d'essai"),
        document("rdv-photo", "Photo d'identité d'essai"),
        sheet(
            SHEET,
            SHEET_TITLE,
            "rdv-essai-service",
            [DESK],
            required_documents=[required("rdv-piece-identite"), required("rdv-photo", requirement="optional", form="copy")],
        ),
        agenda(
            AGENDA,
            "Rendez-vous des titres d'essai",
            DESK,
            [appointment_type("depot", SHEET, 20, "Dépôt du dossier")],
            counters or [counter("poste-1"), counter("poste-2")],
            **agenda_fields,
        ),
        *extra,
    )
    return catalogue(*items)


def person(index=0, **changes):
    """A booking body's person fields: a distinct e-mail address per index."""
    return {"name": f"Camille Essai {index}", "email": f"camille{index}@example.org", **changes}


def body(agenda_uid, start, index=0, type="depot", **changes):
    return {"agenda": agenda_uid, "type": type, "start": start.isoformat(), **person(index), **changes}


def count(agenda):
    """How many bookings an agenda's store holds (all statuses), read afresh."""
    from guichet_kb.appointments import store
    import transaction

    transaction.begin()
    book = store.book_of(agenda)
    return len(book.bookings) if book is not None else 0


def booking_mails(inbox, expected, timeout=5):
    """The booking e-mails (those with a calendar file) once ``expected`` have come;
    the catalogue's review notifications are left out."""
    import time

    deadline = time.time() + timeout
    while True:
        found = [mail for mail in inbox.messages if mail.get("attachments")]
        if len(found) >= expected or time.time() > deadline:
            return found
        time.sleep(0.05)
