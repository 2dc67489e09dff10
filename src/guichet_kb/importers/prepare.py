"""One fiche file as the importer sees it: parse, merge the extra audiences, hash.

Pure Python, so the CLI prepares fiches exactly as the server does: it compares
the hashes with the ones the site already holds (``GET @import-service-public``)
and sends only new or changed fiches; the server prepares every fiche it receives
again with this same function and keeps its own hash check (a client is not trusted).
"""

from guichet_kb.facts import AUDIENCES
from guichet_kb.importers.dila import parse
from guichet_kb.importers.dila import with_hash
from guichet_kb.importers.nodes import load


def prepare(content, name="", audiences=()):
    """The parsed fiche (its "hash" set), or FicheError.

    ``audiences``: the audience folders the same fiche was found under
    (particuliers/F1341 and associations/F1341 are one sheet with both).
    """
    fiche = parse(load(content, name))
    extra = {a for a in audiences or () if a in AUDIENCES}
    if extra - set(fiche["audiences"]):
        fiche["audiences"] = sorted(set(fiche["audiences"]) | extra)
        with_hash(fiche)
    return fiche


def kind_of(fiche):
    """The portal type a fiche becomes, or None when it is not imported."""
    if fiche["root"] != "Publication" or not fiche["external_id"].startswith("F"):
        return None
    return "Answer" if "question-réponse" in fiche["type"].lower() else "ServiceSheet"


def not_imported_reason(fiche):
    """Why a parsed fiche is not imported (the importer's report line)."""
    return f"not a fiche to import ({fiche['root']}: {fiche['type'] or 'navigation'})"
