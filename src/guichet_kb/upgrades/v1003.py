"""1003: agent search ranking, editors' search settings, HTTP caching rules.

Profile 1003 changed the same records and indexes as 1002 (a ranking metadata
column and the ``guichet_title`` index, a consistent stemmer, new default synonym
groups, the interaction log's retention setting, the *Manage search settings*
permission for editors, the ``guichet_kb.public_api`` caching ruleset), so the step
runs 1002's again: the rolemap, catalog and registry steps (registry lists are
merged, editors' synonyms and best bets stay), then the search indexes and metadata
rebuilt for sheets and answers. It also brought the "Console agent" link in the
personal menu (actions.xml), which 1002's step does not import.
"""

from guichet_kb.upgrades import v1002
from plone import api


def upgrade(context):
    v1002.upgrade(context)
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-guichet_kb:default", "actions", run_dependencies=False)
