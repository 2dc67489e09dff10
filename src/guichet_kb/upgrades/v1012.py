"""1012: the abbreviations the profile ships (members written in capitals in its
`guichet_kb.synonyms`) are written in capitals in an existing site's list too, so
that they match only as typed (search/text.py `abbreviation`). Lines an editor
wrote are kept; only a member spelling one of those abbreviations in lower case
is changed. The shipped line joining loss and theft, if still there as shipped,
is replaced by the lines that keep them apart (variants "perte" and "vol" are
different sheets) and the new shipped lines are added after it.

Repair: until this version, each run of the profile's catalog step (upgrades 1008
to 1010) gave the agent search's lexicon a new, empty word list (search/lexicon.py
says why), so an upgraded site's agent search found nothing. When the lexicon is
empty while its indexes hold documents, both indexes are rebuilt."""

from guichet_kb.search.text import abbreviation
import pathlib
from plone import api
from xml.etree import ElementTree


RECORD = "guichet_kb.synonyms"
TEXT_INDEXES = ("guichet_text", "guichet_title")
REPLACED = {
    "perdu, perte, égaré, volé, vol": (
        "perdu, perte, égaré, égarée",
        "volé, vol, dérobé, cambriolage",
        "majeur, majeure, adulte",
        "renouvellement, périmé, périmée, expiré, expirée, expire",
    )
}
PROFILE = pathlib.Path(__file__).parent.parent / "profiles" / "default" / "registry.xml"


def shipped():
    """{abbreviation in lower case: as written} from the profile's list."""
    found = {}
    for value in ElementTree.parse(PROFILE).iter("value"):
        if value.get("key") == "synonyms":
            for element in value.iter("element"):
                for member in (element.text or "").split(","):
                    if abbreviation(member):
                        found[abbreviation(member)] = member.strip()
    return found


def capitalised(line, known):
    members = line.split(",")
    if not any(m.strip() in known for m in members):
        return line  # as the editor wrote it
    return ", ".join(known.get(m.strip(), m.strip()) for m in members)


def repair_lexicon():
    """Rebuild the text indexes of an emptied lexicon; True when it had to."""
    catalog = api.portal.get_tool("portal_catalog")
    indexes = [catalog._catalog.getIndex(name) for name in TEXT_INDEXES]
    if catalog.guichet_lexicon.length() or not any(index.numObjects() for index in indexes):
        return False
    for index in indexes:
        index.clear()
        catalog.reindexIndex(index.getId(), None)
    return True


def upgrade(context):
    repair_lexicon()
    known = shipped()
    lines = list(api.portal.get_registry_record(RECORD, default=[]) or [])
    changed = [new for line in lines for new in REPLACED.get(line.strip(), (capitalised(line, known),))]
    if changed != lines:
        api.portal.set_registry_record(RECORD, changed)
