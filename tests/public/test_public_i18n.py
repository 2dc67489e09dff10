"""The public site's own gettext domain: every message it shows has a French translation."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from gettext import GNUTranslations
from repo_paths import SRC


PUBLIC = SRC / "public"
CATALOGUE = PUBLIC / "locales" / "fr" / "LC_MESSAGES" / "guichet_kb_public"


def test_every_public_message_is_translated_and_compiled():
    methods = [("templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    found = {message for _file, _line, message, _comments, _context in extract_from_dir(str(PUBLIC), methods, options, keywords)}
    assert len(found) > 50
    with open(CATALOGUE.with_suffix(".po"), "rb") as stream:
        po = read_po(stream, locale="fr")
    with open(CATALOGUE.with_suffix(".mo"), "rb") as stream:
        mo = GNUTranslations(stream)
    for message in found:
        msgid = message[0] if isinstance(message, tuple) else message
        entry = po.get(msgid)
        assert entry is not None and all(entry.string if isinstance(entry.string, tuple) else [entry.string]), msgid
        if isinstance(message, tuple):
            assert mo.ngettext(*message, 2) == entry.string[1], "run scripts/i18n_public.sh"
        else:
            assert mo.gettext(msgid) == entry.string, "run scripts/i18n_public.sh"
