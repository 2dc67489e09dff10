"""The catalogue's facts, declared once: type groups, folder ids, fixed token lists.

Imports nothing (no Zope, no Plone): the public app and the CLI read the same
facts as the add-on. Only tokens live here; their translated titles are attached
where a user reads them (content/vocabularies.py, interactions/store.py,
workflow/queue.py), and tests check that every token has a title.
"""

# Type groups (portal types).
CATALOGUE_TYPES = ("ServiceSheet", "RequiredDocument", "Desk", "Department", "Answer", "Organisation")  # under review, versioned
ANSWERABLE_TYPES = ("ServiceSheet", "Answer")  # what answers a caller: searched, logged, imported from Service-Public
PUBLIC_PAGE_TYPES = ("ServiceSheet", "Answer", "Desk")  # a page each on the public site (sitemap)

# Folder id -> the portal type it holds. Other tools (public URLs, CLI paths) rely on these ids.
FOLDERS = {
    "demarches": "ServiceSheet",
    "pieces": "RequiredDocument",
    "guichets": "Desk",
    "services": "Department",
    "questions": "Answer",
    "organismes": "Organisation",
}
FOLDER_OF = {portal_type: folder_id for folder_id, portal_type in FOLDERS.items()}

# Rich text fields (plone.app.textfield) of each type, as REST writes them.
SHEET_RICH_TEXT = ("eligibility", "steps", "documents_note")
ANSWER_RICH_TEXT = ("full_answer",)
RICH_TEXT = SHEET_RICH_TEXT + ANSWER_RICH_TEXT

# Fixed vocabularies of a service sheet.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # date.weekday() order
AUDIENCES = ("particuliers", "professionnels", "associations")  # also Service-Public's audience folder names
SHEET_CHANNELS = ("on_site", "phone", "mail", "online")  # how a citizen can do the démarche
ON_SITE = SHEET_CHANNELS[0]  # a démarche done at a desk: the competent bodies' desks are offered
REQUIREMENTS = ("mandatory", "optional")  # of a required document
DOCUMENT_FORMS = ("original", "copy", "original_or_copy")

# The interaction log: how a call came in, how it ended; what an agent may report.
# Channels (issue 17, the white paper's): the first four as before (stored tokens are
# never renamed), then post, e-services (online forms), questions reinjected from social
# networks and video calls. The console's channel keys follow this order (`c` then 1..8).
CALL_CHANNELS = ("telephone", "accueil", "courriel", "chat", "courrier", "eservice", "reseaux_sociaux", "visio")
OUTCOMES = ("answered", "redirected", "not_answered")
REPORT_KINDS = ("incorrect", "no_answer")

# A POST that got no answer may be sent again with the same key (IETF httpapi draft
# "The Idempotency-Key HTTP Header Field"): POST @interactions, the console, the CLI.
IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_REPLAYED_HEADER = "Idempotent-Replayed"  # "true" on an answer replayed from the key
IDEMPOTENCY_KEY_PATTERN = r"[A-Za-z0-9_-]{1,64}"  # a UUID fits
IDEMPOTENCY_HOURS = 24  # how long a key is remembered; then forgotten (and purged)
RETRY_STATUSES = (502, 503, 504)  # gateway answers after which a keyed POST is sent once more
RETRY_PAUSE_S = 0.5  # before that one retry (a proxy's redispatch, an instance restarting)
REQUEST_TIMEOUT_S = 30  # the CLI's and the console's wait for an answer

# The review queue: reason -> the one-click actions a reviewer gets, in queue order.
# Actions are workflow transition ids, except "checkin" (plone.app.iterate) and
# NOTICE_ACKNOWLEDGE (service notices).
CHECKIN = "checkin"
NOTICE_ACKNOWLEDGE = "acknowledge_notices"  # a reviewer has read the service notices written since (notices/)
REVIEW_ACTIONS = {
    "pending": ("publish", "reject"),
    "working_copy": (CHECKIN,),
    "flagged": ("confirm_review",),
    "overdue": ("confirm_review",),
    "feedback": ("confirm_review",),
    "agent_report": ("confirm_review",),
    # A fiche gone from the national package: archive it (kept, offline, restorable) or
    # retract it (back to draft, to rewrite as a local sheet). Not "confirm_review":
    # the national text it says is right no longer exists.
    "withdrawn": ("archive", "retract"),
    # Service notices are published at once (urgent); a reviewer acknowledges them after.
    "notice": (NOTICE_ACKNOWLEDGE,),
    # A department's expert answered a fact check (factcheck/): the reviewer still decides.
    "fact_check": ("publish", "reject"),
}
QUEUE_REASONS = tuple(REVIEW_ACTIONS)

# The local demo's passwords when ADMIN_PASSWORD / DEMO_PASSWORD are not set (make start,
# make cluster; scripts/create_site.py applies them). Never for a real site.
DEFAULT_ADMIN_PASSWORD = "admin"
DEFAULT_DEMO_PASSWORD = "guichet-demo"

# A review interval, in months (the review behavior, the site default, the import profile).
REVIEW_INTERVAL_MONTHS = (3, 36)

# Bulk review (POST @review-batch and the review queue's form): its actions, in the
# menu's order, and how many items one request may hold (3,650 imported items are
# published in chunks of this size). "checkin_national" checks in the working copies
# of a Service-Public import that touch nothing the town edited.
CHECKIN_NATIONAL = "checkin_national"
BATCH_ACTIONS = ("publish", "reject", "confirm_review", CHECKIN, CHECKIN_NATIONAL)
BATCH_MAX_ITEMS = 500
# An import run (issue 14): the id the CLI sends with every request of one run (POST
# @import-service-public "batch"), kept in the import record of each item it created
# or updated and on the items it flagged as withdrawn nationally; POST @import-digest
# mails the reviewers what one run did.
IMPORT_BATCH_PATTERN = r"[A-Za-z0-9_.:-]{1,64}"

# Relevance queries (bench/queries.json, issue 15): the half of each query (weights,
# synonyms and families are tuned on "tuning" only; targets are read on "held_out") and
# what kind of phrasing it is ("legacy": the first 118 queries, written before kinds).
BENCH_HALVES = ("tuning", "held_out")
BENCH_KINDS = ("variant", "colloquial", "abbreviation", "typo", "legacy")

# What an @answer card reads without waking items (issue 15): the catalog columns
# serializers/card.py fills (sheets and answers; desks).
CARD_COLUMN = "guichet_card"
DESK_COLUMN = "guichet_desk"

# The outcomes of a logged call that say the item opened was the right one: with the
# query searched, the pair is an agent's choice the ranking learns from (search/choices).
CHOSEN_OUTCOMES = tuple(outcome for outcome in OUTCOMES if outcome != "not_answered")

# Competent organisations (organismes compétents): the bodies that handle a démarche.
# "commune" is the town itself; any other kind is "another body", named first to citizens.
ORGANISATION_KINDS = (
    "commune",
    "intercommunalite",
    "ccas",
    "departement",
    "region",
    "prefecture",
    "sous_prefecture",
    "ants",
    "caf",
    "cpam",
    "france_travail",
    "autre",
)
LOCAL_KINDS = ("commune",)
ORGANISATION_COLUMN = "guichet_organisation"  # catalog metadata: what an organisation's JSON needs (serializers/organisation.py)

# Service notices (issue 16): a sheet, a desk or an organisation may carry notices, a
# list stored on the item (notices/), not content under review. The catalog column of
# the list and the index of their moments (start and end, seconds since the epoch) that
# the caching window (caching/window.py) reads; the review queue's reason for the
# notices written since a reviewer last acknowledged them, and its action.
NOTICE_TYPES = ("ServiceSheet", "Desk", "Organisation")
NOTICE_KINDS = ("disrupted", "suspended")
NOTICES_COLUMN = "guichet_notices"
NOTICE_MOMENTS_INDEX = "notice_moments"
NOTICE_REASON_MAX = 200  # characters of a notice's reason (one line, read out on the phone)
NOTICE_MAX_LEAD_DAYS = 365  # a notice starts at most a year ahead

# Fact check by the back office (issue 16, factcheck/): the states a sheet may be
# fact-checked in (a draft, a sheet awaiting review; a working copy is a draft or
# pending too: a published sheet is checked through its working copy), how long a
# link lasts (days; the site's keyring keeps a secret 28 days at least: keep it below,
# factcheck/tokens.py) and the expert's verdicts. Its review-queue reason is
# REVIEW_ACTIONS["fact_check"].
FACT_CHECK_STATES = ("draft", "pending")
FACT_CHECK_DAYS = 14
FACT_CHECK_VERDICTS = ("exact", "a_corriger")
FACT_CHECK_MAX_COMMENT = 2000  # characters of the expert's comment
FACT_CHECK_MAX_NOTE = 500  # characters of the editor's one-line note

# Triage of citizens' feedback and agents' reports (issue 17, triage/): the statuses an
# item goes through (new and actionable items stay in the review queue, spam and done
# leave it), the kinds of item (a citizen's feedback, or an agent's REPORT_KINDS), how
# long the same comment on the same item counts as a duplicate (merged into the first
# entry, whose count grows), and the id of an item: its kind of record and its key.
TRIAGE_STATUSES = ("new", "actionable", "spam", "done")
TRIAGE_OPEN_STATUSES = ("new", "actionable")
TRIAGE_KINDS = ("feedback", *REPORT_KINDS)
DUPLICATE_MINUTES = 10
TRIAGE_ID_PATTERN = r"(feedback|report)-[0-9]{1,19}"

# Open data (issue 17, opendata/): the files `@open-data` serves, in listing order,
# the media type of each, the smallest count the monthly aggregates publish (a
# smaller cell is suppressed: empty), how many closed months they cover, the
# licence (Etalab's Licence Ouverte 2.0) and the update frequency (the nightly job).
OPEN_DATA_FILES = {
    "catalogue.csv": "text/csv; charset=utf-8",
    "catalogue.json": "application/json",
    "interactions-mensuelles.csv": "text/csv; charset=utf-8",
    "dictionnaire.csv": "text/csv; charset=utf-8",
    "metadata.json": "application/json",
}
OPEN_DATA_MIN_CELL = 5
OPEN_DATA_MONTHS = 24
OPEN_DATA_LICENCE = "Licence Ouverte / Open Licence version 2.0"
OPEN_DATA_LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
OPEN_DATA_FREQUENCY = "daily"

# Search logs (issue 17, search/logs): who searched (the agent console, the public
# site); stored only as aggregated counts of screened, normalised queries.
SEARCH_SOURCES = ("agent", "public")

# The dashboard's content gaps, freshness and monthly summary (issue 17; dashboard/gaps.py,
# freshness.py, summary.py): the kinds of gap in their order, the lines of each kind
# shown at most, the answers a sheet needs in the period before its "useful?" ratio
# counts (fewer say nothing), the unanswered services the monthly mail names.
GAP_KINDS = ("not_answered", "incorrect", "no_answer", "not_useful", "agent_search", "public_search")
GAPS_PER_KIND = 10
FEEDBACK_MIN_ANSWERS = 5
SUMMARY_TOP_UNANSWERED = 5

# The user-relationship dashboard (issue 17, dashboard/): its period presets (the first
# is the default: "how many calls last month"), the longest period it shows (three
# calendar years, a leap day included, plus a day: 3 × 365 + 2 days), the earliest day
# (nothing was logged before), the query parameters of GET @dashboard and the page, and
# the channel groups of the "when people call or come" panel (a channel of no group
# falls in the last one, "written").
DASHBOARD_PERIODS = ("last_month", "this_month", "last_7_days", "last_30_days", "last_12_months")
DASHBOARD_MAX_DAYS = 3 * 365 + 2
DASHBOARD_EARLIEST = "2000-01-01"
DASHBOARD_FILTERS = ("desk", "channel", "organisation", "service")
DASHBOARD_PARAMETERS = ("period", "from", "to", *DASHBOARD_FILTERS, "panel", "format")
DASHBOARD_DAY_UNIT_MAX_DAYS = 62  # up to this many days, one bucket a day; then a week
DASHBOARD_WEEK_UNIT_MAX_DAYS = 366  # up to this many days, one bucket a week; then a month
DASHBOARD_CHANNEL_GROUPS = (("voice", ("telephone", "visio")), ("desk", ("accueil",)), ("written", ()))
DASHBOARD_TOP = 10  # lines of the most requested / most often not answered services

# Appointments (issue 18, appointments/): the grid every duration and start falls on
# (minutes; a booking holds one cell per GRID minutes of its duration), the shortest and
# longest appointment, the statuses of a booking (booked, then arrived and done or a
# no-show; cancelled frees its cells), which statuses still hold their slot, the channels
# a booking comes from, the alphabet of booking codes (no 0/O, 1/I/L: read on the phone)
# and their length (two groups of four shown "ABCD-EFGH").
APPOINTMENT_GRID_MINUTES = 5
APPOINTMENT_MIN_MINUTES, APPOINTMENT_MAX_MINUTES = 5, 240
BOOKING_STATUSES = ("booked", "arrived", "no_show", "done", "cancelled")
BOOKING_HOLDING_STATUSES = ("booked", "arrived", "no_show", "done")
BOOKING_CHANNELS = ("online", "agent")
BOOKING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
BOOKING_CODE_LENGTH = 8

# The counters' day view (issue 18, appointments/marking.py): the statuses a counter
# sets on a booking, in the order of its buttons and keys (1 arrived, 2 absent, 3 done).
BOOKING_MARKS = ("arrived", "no_show", "done")

# Agendas (issue 18, appointments/agendas.py): content of the desks' folder (beside
# the desks, under the same workflow); the catalog indexes that find agendas by desk
# and by the sheets they serve; an agenda's defaults (minimum lead in hours, maximum
# lead in days, simultaneous future bookings per e-mail (0: no limit), bookings a day
# (0: no cap), reminder before, in hours) and the days a booking's personal data is
# kept after the appointment ends (the control panel's default). The Agenda type is not among CATALOGUE_TYPES (one folder per type there):
# REVIEWED_TYPES are all the types reviewers publish.
AGENDA_TYPE = "Agenda"
AGENDA_FOLDER = "guichets"
AGENDA_DESK_INDEX = "agenda_desk"
AGENDA_SERVICES_INDEX = "agenda_services"
AGENDA_DEFAULTS = {"min_lead_hours": 2, "max_lead_days": 60, "person_limit": 2, "daily_capacity": 0, "reminder_hours": 48}
APPOINTMENT_RETENTION_DAYS = 7
APPOINTMENT_RETENTION_RECORD = "guichet_kb.appointment_retention_days"  # IGuichetSettings, the control panel
AGENDA_CODE_PATTERN = r"[A-Za-z0-9_-]{1,20}"  # an appointment type's or a counter's code

# Appointments, the booking part (issue 18; api/slots, api/bookings, appointments/links.py,
# mail.py, reminders.py, purge.py): the days one GET @slots covers (default and most), how
# long a cache may keep its answer (seconds: a slot taken meanwhile gets a 409 with the next
# free ones), the public site's path of a booking page, the anonymous bookings (and moves,
# cancellations) one client may make in a window, the longest name, the keyring of the
# booking links (never rotated automatically: a link lives until the appointment starts).
SLOTS_DEFAULT_DAYS = 14
SLOTS_MAX_DAYS = 62
SLOTS_MAX_AGE = 30
BOOKING_PUBLIC_PATH = "rendez-vous"
BOOKING_FLOOD_LIMIT = 10
BOOKING_FLOOD_SECONDS = 600
BOOKING_NAME_MAX = 100
BOOKING_LINK_RING = "guichet_kb.appointments"

# Appointments on the public site (issue 18, public/booking.py, public/forms.py): a phone
# number's shape (desks' phones and a booking's optional phone; content/validation checks
# with it), the days one page of the booking calendar shows.
PHONE_PATTERN = r"^\+?[0-9 .()-]{6,20}$"
PUBLIC_BOOKING_WEEK_DAYS = 7

# Appointments, the managers' export (issue 18, api/appointments_export, appointments/export.py):
# the longest period one export covers (days, both ends included), the CSV cell separator
# (French spreadsheets read ";" as columns, "," as the decimal mark).
APPOINTMENT_EXPORT_MAX_DAYS = 366
APPOINTMENT_EXPORT_DELIMITER = ";"

# The virtual queue (issue 19, queues/): a ticket's statuses and channels, the priority
# reasons an agent may set (never self-declared), the counters' actions, the Queue type and
# its catalog columns, the default "your turn is near" delay (minutes; the registry record
# queue_notify_minutes), the rolling median of today's service times (at least
# QUEUE_MIN_SAMPLES finished tickets, the last QUEUE_SAMPLE_WINDOW), how early an arrived
# appointment may be called (minutes), how long tickets stay (days, without contact: the
# figures), the public site's path of the queue pages.
TICKET_STATUSES = ("waiting", "called", "done", "missed", "cancelled")
TICKET_CHANNELS = ("online", "kiosk", "agent")
QUEUE_PRIORITY_REASONS = ("disability", "pregnancy", "young_child")
QUEUE_ACTIONS = ("open", "close", "next", "recall", "no_show", "done", "transfer", "priority")
QUEUE_TYPE = "Queue"
QUEUE_DESK_INDEX = "queue_desk"
QUEUE_SERVICES_INDEX = "queue_services"
QUEUE_NOTIFY_MINUTES = 10
QUEUE_MIN_SAMPLES = 5
QUEUE_SAMPLE_WINDOW = 20
QUEUE_EARLY_CALL_MINUTES = 5
QUEUE_TICKET_KEEP_DAYS = 7
QUEUE_PUBLIC_PATH = "file-attente"

# The Queue item (issue 19, content/queue.py, queues/validation.py): a service's ticket
# prefix (one capital letter: "C012"), a service's default service time in minutes (its
# bounds), the campaign's defaults (tickets a day, 0: no cap; minutes before a called
# ticket may be marked missed; minutes before the call of the "turn near" notice, 0: the
# site's `queue_notify_minutes`), the registry record of that site-wide default.
QUEUE_PREFIX_PATTERN = r"[A-Z]"
QUEUE_MIN_MINUTES, QUEUE_MAX_MINUTES = 1, 120
QUEUE_DEFAULTS = {"daily_capacity": 0, "grace_minutes": 3, "notify_minutes": 0}
QUEUE_NOTIFY_RECORD = "guichet_kb.queue_notify_minutes"
# Queues sit in the desks' folder beside the desks and agendas, reviewed like them.
DESK_FOLDER_TYPES = (AGENDA_TYPE, QUEUE_TYPE)  # the types added beside the desks
REVIEWED_TYPES = (*CATALOGUE_TYPES, *DESK_FOLDER_TYPES)
ITEM_FOLDER = {**FOLDER_OF, **dict.fromkeys(DESK_FOLDER_TYPES, AGENDA_FOLDER)}  # the folder each reviewed type is added in
# The kiosk page (browser/kiosk.py): seconds a taken ticket stays shown before the buttons come back.
KIOSK_RESET_SECONDS = 20


# Queue tickets (issue 19, part tickets: api/queues, api/queue_tickets, queues/links.py,
# notices.py; the tracking page is <public_site_url>/QUEUE_PUBLIC_PATH/ticket/<code>?token=):
# how long a cache may keep GET @queues (seconds: the hall display and the phones refresh
# often), how many next numbers a queue shows, the anonymous tickets one client may take
# in a window (429 beyond).
QUEUES_MAX_AGE = 5
QUEUE_NEXT_SHOWN = 5
QUEUE_TICKET_FLOOD_LIMIT = 5
QUEUE_TICKET_FLOOD_SECONDS = 600
