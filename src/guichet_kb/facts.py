"""The catalogue's facts, declared once: type groups, folder ids, fixed token lists.

Imports nothing (no Zope, no Plone): the public app and the CLI read the same
facts as the add-on. Only tokens live here; their translated titles are attached
where a user reads them (content/vocabularies.py, interactions/store.py,
workflow/queue.py), and tests check that every token has a title.
"""

# Type groups (portal types).
CATALOGUE_TYPES = ("ServiceSheet", "RequiredDocument", "Desk", "Department", "Answer")  # under review, versioned
ANSWERABLE_TYPES = ("ServiceSheet", "Answer")  # what answers a caller: searched, logged, imported from Service-Public
PUBLIC_PAGE_TYPES = ("ServiceSheet", "Answer", "Desk")  # a page each on the public site (sitemap)

# Folder id -> the portal type it holds. Other tools (public URLs, CLI paths) rely on these ids.
FOLDERS = {
    "demarches": "ServiceSheet",
    "pieces": "RequiredDocument",
    "guichets": "Desk",
    "services": "Department",
    "questions": "Answer",
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
REQUIREMENTS = ("mandatory", "optional")  # of a required document
DOCUMENT_FORMS = ("original", "copy", "original_or_copy")

# The interaction log: how a call came in, how it ended; what an agent may report.
CALL_CHANNELS = ("telephone", "accueil", "courriel", "chat")
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
# Actions are workflow transition ids, except "checkin" (plone.app.iterate).
CHECKIN = "checkin"
REVIEW_ACTIONS = {
    "pending": ("publish", "reject"),
    "working_copy": (CHECKIN,),
    "flagged": ("confirm_review",),
    "overdue": ("confirm_review",),
    "feedback": ("confirm_review",),
    "agent_report": ("confirm_review",),
}
QUEUE_REASONS = tuple(REVIEW_ACTIONS)

# The local demo's passwords when ADMIN_PASSWORD / DEMO_PASSWORD are not set (make start,
# make cluster; scripts/create_site.py applies them). Never for a real site.
DEFAULT_ADMIN_PASSWORD = "admin"
DEFAULT_DEMO_PASSWORD = "guichet-demo"

# A review interval, in months (the review behavior, the site default, the import profile).
REVIEW_INTERVAL_MONTHS = (3, 36)

# An import run's id (POST @import-service-public "batch", the import record): the CLI
# sends one for a whole run; without one the server makes one per request.
IMPORT_BATCH_PATTERN = r"[A-Za-z0-9_.:-]{1,64}"
