"""Read one DILA fiche (schema 3.3+) into a plain dict of what the catalogue keeps.

Pure Python. ``parse(root)`` returns a dict; the Zope side (service_public.py)
turns it into sheets and answers. Unknown or unusable fiches raise FicheError.
"""

from guichet_kb.facts import AUDIENCES
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.nodes import normalise
from guichet_kb.importers.render import block
import hashlib
from html import escape
from html import unescape
import json
import re


ROOTS = {"Publication", "ServiceComplementaire"}
# DILA themes and dossiers -> the town's life events (2020 identifiers).
LIFE_EVENTS = {
    "N358": "papiers-identite",
    "N360": "papiers-identite",
    "N359": "papiers-identite",
    "N365": "papiers-identite",
    "N19810": "papiers-identite",
    "N47": "elections-citoyennete",
    "N24": "elections-citoyennete",
    "N31784": "mariage-pacs",
    "N142": "mariage-pacs",
    "N144": "mariage-pacs",
    "N15660": "naissance",
    "N165": "deces",
    "N54": "scolarite-petite-enfance",
    "N319": "urbanisme-travaux",
    "N31802": "logement",
    "N19808": "logement",
}
# Chapter titles (lower case, start) -> the sheet field they fill.
CHAPTERS = (
    ("qui est concerné", "eligibility"),
    ("conditions", "eligibility"),
    ("bénéficiaires", "eligibility"),
    ("pièces à fournir", "documents"),
    ("documents à fournir", "documents"),
    ("coût", "cost"),
    ("délai", "processing_time"),
    ("durée de validité", "validity"),
)
UNHASHED = ("hash", "dossier")  # keys a change of which is no change of the fiche
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
FICHE_ID = re.compile(r"^[A-Z]{1,3}\d{1,6}$")  # F1341, N19810, R1271: also the file name of a fiche


def _chapter_kind(chapter):
    if chapter.attrs.get("type") == "pieces":
        return "documents"
    title = chapter.first("Titre")
    label = title.text().lower() if title is not None else ""
    for start, kind in CHAPTERS:
        if label.startswith(start):
            return kind
    return "steps"


def _sections(root):
    """(situation title or None, chapter-or-block) in document order."""
    situations = root.first("ListeSituations")
    if situations is not None:
        for situation in situations.elements("Situation"):
            title = situation.first("Titre")
            texte = situation.first("Texte")
            for item in texte.children if texte is not None else ():
                yield (title.text() if title is not None else None), item
    texte = root.first("Texte")
    for item in texte.children if texte is not None else ():
        yield None, item


def _documents(chapter):
    """Item texts of a pieces chapter: candidate required documents."""
    found = []
    for item in chapter.find_all("Item"):
        text = item.text()
        if text and text not in found:
            found.append(text)
    return found


def parse(root):
    if root.name not in ROOTS:
        raise FicheError(f"unknown root element <{root.name}> (expected Publication or ServiceComplementaire)")
    external_id = root.attrs.get("ID", "").strip()
    if not FICHE_ID.match(external_id):
        raise FicheError("missing or invalid ID attribute")
    title_node = root.first("dc:title")
    title = title_node.text() if title_node is not None else ""
    if not title:
        raise FicheError(f"{external_id}: no dc:title")
    if title.startswith("**"):
        raise FicheError(f"{external_id}: editorial draft (title starts with **), skipped")
    fiche = {
        "external_id": external_id,
        "root": root.name,
        "type": root.attrs.get("type", ""),
        "title": title,
        "description": _text(root, "dc:description"),
        "modified": _modified(root),
        "source_url": root.attrs.get("spUrl") or root.attrs.get("URL") or "",
        "audiences": sorted({a.text().lower() for a in root.elements("Audience") if a.text().lower() in AUDIENCES}),
        "life_events": _life_events(root),
        "eligibility": "",
        "steps": "",
        "documents": "",
        "document_titles": [],
        "cost": "",
        "processing_time": "",
        "validity": "",
        "online_services": _services(root, "ServiceEnLigne"),
        # The local bodies the fiche sends citizens to (importers/pivots.py): the
        # import profile maps them to the town's desks.
        "pivots": _pivots(root),
        "legal_references": [
            {"title": r.first("Titre").text() if r.first("Titre") is not None else r.attrs.get("URL", ""), "url": r.attrs["URL"]}
            for r in root.elements("Reference")
            if r.attrs.get("URL", "").startswith("http")
        ],
        "answers": [q.attrs["ID"] for q in root.elements("QuestionReponse") if q.attrs.get("ID")],
        "links": sorted({link.attrs["LienPublication"] for link in root.find_all("LienInterne") if link.attrs.get("LienPublication")}),
        # Navigation, not content (left out of the hash): variants of one family share it.
        "dossier": _dossier(root),
    }
    html = {"eligibility": [], "steps": [], "documents": [], "cost": [], "processing_time": [], "validity": []}
    for situation, item in _sections(root):
        kind = _chapter_kind(item) if not isinstance(item, str) and item.name == "Chapitre" else "steps"
        rendered = block(item, level=4 if situation else 3)
        if rendered:
            html[kind].append((situation, rendered))
        if kind == "documents":
            fiche["document_titles"] += [t for t in _documents(item) if t not in fiche["document_titles"]]
    for kind in ("eligibility", "steps", "documents"):
        fiche[kind] = _join(html[kind])
    for kind in ("cost", "processing_time", "validity"):
        # Short text fields: each situation's text once, identical ones merged.
        texts = []
        for _situation, rendered in html[kind]:
            text = _plain(rendered)
            if text and text not in texts:
                texts.append(text)
        fiche[kind] = " / ".join(texts)[:250]
    fiche["free"] = fiche["cost"].lower().startswith("gratuit")
    return with_hash(fiche)


def with_hash(fiche):
    """Set the content hash that tells a changed fiche from an unchanged one."""
    content = {k: v for k, v in fiche.items() if k not in UNHASHED}
    fiche["hash"] = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return fiche


def _join(parts):
    """HTML of each part, with a situation heading whenever the situation changes."""
    out, current = [], None
    for situation, rendered in parts:
        if situation and situation != current:
            out.append(f"<h3>{escape(situation)}</h3>")
            current = situation
        out.append(rendered)
    return "".join(out)


def _plain(html):
    text = re.sub(r"<h\d>.*?</h\d>", " ", html)
    return normalise(unescape(re.sub(r"<[^>]+>", " ", text)))


def _text(root, name):
    node = root.first(name)
    return node.text() if node is not None else ""


def _modified(root):
    match = _DATE.search(_text(root, "dc:date"))
    return match.group(1) if match else None


def _life_events(root):
    ids = [n.attrs.get("ID") for n in root.elements() if n.name in ("Theme", "DossierPere", "SousThemePere")]
    ids += [n.attrs.get("ID") for n in root.find_all("Niveau")]
    return sorted({LIFE_EVENTS[i] for i in ids if i in LIFE_EVENTS})


def _dossier(root):
    """{"id", "title"} of the national dossier the fiche belongs to, or None."""
    node = root.first("DossierPere")
    if node is None or not node.attrs.get("ID"):
        return None
    title = node.first("Titre")
    return {"id": node.attrs["ID"], "title": title.text() if title is not None else ""}


def _pivots(root):
    """The fiche's pivot-local codes. A local "Où s'adresser" without a code whose title
    names a town hall ("Mairie délivrant des cartes d'identité", in the ID card fiches)
    counts as `mairie`: citizens are sent to a town hall, which the profile maps."""
    codes = {p.text() for p in root.find_all("PivotLocal") if p.text()}
    for where in root.find_all("OuSAdresser"):
        title = where.first("Titre")
        if where.attrs.get("type", "").startswith("Local") and where.first("PivotLocal") is None and title is not None:
            if title.text().lower().startswith("mairie"):
                codes.add("mairie")
    return sorted(codes)


def _services(root, name):
    services, seen = [], set()
    for node in root.find_all(name):
        url = node.attrs.get("URL", "")
        if url.startswith("http") and url not in seen:
            seen.add(url)
            title = node.first("Titre")
            services.append(
                {
                    "id": node.attrs.get("ID", ""),
                    "url": url,
                    "type": node.attrs.get("type", ""),
                    "title": title.text() if title is not None else "",
                    "cerfa": node.attrs.get("numerocerfa", ""),
                }
            )
    return services
