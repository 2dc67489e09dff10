"""Every permission the Python code checks, declared once.

Ids (``guichet_kb.X``, ``cmf.X``) go to zope.security's ``checkPermission``, ZCML and
schema directives; the add-on's own are declared in permissions.zcml. Zope titles
(``"guichet_kb: X"``) go to ``api.user.has_permission`` and rolemap.xml.
"""

# The add-on's permissions (permissions.zcml), by id...
VIEW_INTERNAL = "guichet_kb.ViewInternalInformation"  # staff-only fields (call script, internal notes)
OVERRIDE_FOUR_EYES = "guichet_kb.OverrideFourEyes"  # publish one's own work, with a comment
REVIEW_QUEUE = "guichet_kb.ReviewQueue"  # the review queue and dashboard
MANAGE_SEARCH_SETTINGS = "guichet_kb.ManageSearchSettings"  # synonyms and best bets
MANAGE_CATALOGUE = "guichet_kb.ManageCatalogue"  # settings, imports, exports, reminders, call-log export

# ... and by Zope title.
VIEW_INTERNAL_TITLE = "guichet_kb: View internal information"
OVERRIDE_FOUR_EYES_TITLE = "guichet_kb: Override four eyes"
MANAGE_SEARCH_SETTINGS_TITLE = "guichet_kb: Manage search settings"
MANAGE_CATALOGUE_TITLE = "guichet_kb: Manage catalogue"

# Plone's own, as the add-on checks them.
MANAGE_PORTAL = "cmf.ManagePortal"
MODIFY_CONTENT = "cmf.ModifyPortalContent"
DELETE_OBJECTS = "zope2.DeleteObjects"
VIEW_TITLE = "View"
MODIFY_CONTENT_TITLE = "Modify portal content"
ACCESS_INACTIVE_TITLE = "Access inactive portal content"

# Adding the types the Service-Public import creates (Contributors on the catalogue folders).
ADD_SERVICE_SHEET_TITLE = "guichet_kb: Add ServiceSheet"
ADD_ANSWER_TITLE = "guichet_kb: Add Answer"

# Service notices (issue 16): written at once, without review, by the item's editors,
# reviewers and the town's administrators (rolemap.xml); acknowledged afterwards by
# reviewers (REVIEW_QUEUE).
MANAGE_NOTICES = "guichet_kb.ManageNotices"
MANAGE_NOTICES_TITLE = "guichet_kb: Manage notices"
# Who may ask for a fact check (factcheck/asking.py): editors, or reviewers.
REQUEST_REVIEW = "cmf.RequestReview"
REVIEW_CONTENT = "cmf.ReviewPortalContent"

# The user-relationship dashboard (dashboard/) and the triage of citizens' feedback and
# agents' reports (issue 17): the desk's managers (role DeskManager, "Responsable
# d'accueil"), administrators; reviewers triage too.
DESK_MANAGER_ROLE = "DeskManager"
VIEW_DASHBOARD = "guichet_kb.ViewDashboard"
VIEW_DASHBOARD_TITLE = "guichet_kb: View dashboard"
TRIAGE_FEEDBACK = "guichet_kb.TriageFeedback"
TRIAGE_FEEDBACK_TITLE = "guichet_kb: Triage feedback"

# Appointments (issue 18, appointments/): agents book for a caller (BOOK_APPOINTMENTS);
# agents and desk managers run the counters' day view (MANAGE_APPOINTMENTS). Citizens
# book anonymously, rate-limited, and reach their booking through its signed link.
BOOK_APPOINTMENTS = "guichet_kb.BookAppointments"
BOOK_APPOINTMENTS_TITLE = "guichet_kb: Book appointments"
MANAGE_APPOINTMENTS = "guichet_kb.ManageAppointments"
MANAGE_APPOINTMENTS_TITLE = "guichet_kb: Manage appointments"

# The virtual queue (issue 19, queues/): tickets taken for a caller by staff or at the
# desk's kiosk (the Kiosk role has this permission only; citizens take theirs anonymously,
# rate-limited), and the counters' actions (call the next, recall, missed, done, transfer,
# priority) with the counter screen.
TAKE_TICKETS = "guichet_kb.TakeTickets"
TAKE_TICKETS_TITLE = "guichet_kb: Take queue tickets"
MANAGE_QUEUES = "guichet_kb.ManageQueues"
MANAGE_QUEUES_TITLE = "guichet_kb: Manage queues"
