"""Families of variant sheets: detected at indexing, offered at query time.

Pure Python. ``detect(title, dossier)`` finds the variant markers of a title
(variant_axes.MARKERS); what remains, normalised, is the family id, so
"Carte d'identité d'un majeur : première demande" and "Renouvellement de la
carte d'identité d'un mineur" share one. The national dossier a fiche sits in
(recorded by the import) is part of the id: titles that happen to read alike in
two dossiers stay apart. ``family(title, dossier, name, label)`` applies the
editors' overrides and gives the catalog metadata ``guichet_family``.

At query time ``group(results)`` looks only at the results the engine already
ranked (the caller may see them all): a family is offered when the first result
belongs to one and another member of it is within the first three with a close
score, and its members there are not all alike (two labels at least); its
members among the results are then its variants, best score first.
"""

from guichet_kb.search.text import fold
from guichet_kb.search.text import normalised
from guichet_kb.search.text import stem
from guichet_kb.search.variant_axes import ALIASES
from guichet_kb.search.variant_axes import ASKED_BY
from guichet_kb.search.variant_axes import AXES
from guichet_kb.search.variant_axes import COMPILED
from guichet_kb.search.variant_axes import DEFAULTS
from guichet_kb.search.variant_axes import DOCUMENTS
from guichet_kb.search.variant_axes import EDGES
from guichet_kb.search.variant_axes import FAMILY_AXES
from guichet_kb.search.variant_axes import LABEL_SEPARATOR
from guichet_kb.search.variant_axes import LEADING_ARTICLE
from guichet_kb.search.variant_axes import MAX_CHOICES
from guichet_kb.search.variant_axes import NO_FAMILY
import re


CLOSE = 0.75  # a second member's score, as a share of the first result's, to offer the family
WITHIN = 3  # ... and its rank at most this


def _folded(title):
    """The folded title, and for each of its characters the index in the title."""
    out, index = [], []
    for position, char in enumerate(title):
        folded = fold(char)
        out.append(folded)
        index += [position] * len(folded)
    return "".join(out), index


def _clean(text):
    text = EDGES.sub("", re.sub(r"\s+", " ", text)).strip()
    text = LEADING_ARTICLE.sub("", text)
    return text[:1].upper() + text[1:]


def detect(title, dossier=None):
    """{"id", "title", "facts"} of a title naming a variant, or None.

    ``dossier``: the national dossier id (e.g. N358) when the import recorded it.
    """
    title = re.sub(r"[\u00a0\u202f]", " ", title or "")  # no-break spaces of the national titles
    for pattern, replacement in ALIASES:
        title = pattern.sub(replacement, title)
    folded, index = _folded(title)
    facts, spans = {}, []
    for axis, value, pattern in COMPILED:
        if axis in facts:
            continue
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(start < e and s < end for s, e in spans):
                continue  # inside a phrase already read
            facts[axis] = value
            spans.append((start, end))
            break
    if not facts:
        return None
    kept = list(title)
    for start, end in spans:
        for position in range(index[start], index[end - 1] + 1 if end > start else index[start]):
            kept[position] = " "
    rest = _clean("".join(kept))
    key = normalised(rest)
    if not key:
        return None
    for value, pattern in DOCUMENTS:
        if pattern.search(folded) and not any(p.search(folded) for v, p in DOCUMENTS if v != value):
            facts["document"] = value
    facts = {axis: facts[axis] for axis in AXES if axis in facts}
    family_id = key.replace(" ", "-")
    return {"id": f"{dossier}:{family_id}" if dossier else family_id, "title": rest, "facts": facts}


def label_of(facts, title_of):
    """What a variant is, from its facts (documents aside): "Majeur · Première demande"."""
    return LABEL_SEPARATOR.join(title_of(value) for axis, value in facts.items() if axis in FAMILY_AXES)


def family(title, dossier=None, name=None, label=None, title_of=str):
    """The ``guichet_family`` metadata of an item: None or {"id", "title", "label", "facts"}.

    ``name`` and ``label``: the editors' overrides (empty: automatic; NO_FAMILY:
    not a variant). ``title_of``: a value token -> its French title.
    """
    name = (name or "").strip()
    if name == NO_FAMILY:
        return None
    found = detect(title)  # facts come from the title even when the family is named by hand
    if name:
        facts = found["facts"] if found else {}
        label = (label or "").strip() or label_of(facts, title_of) or title
        return {"id": "local:" + normalised(name).replace(" ", "-"), "title": name, "label": label, "facts": facts}
    found = detect(title, dossier)
    if found is None:
        return None
    found["label"] = (label or "").strip() or label_of(found["facts"], title_of)
    return found


def group(results, family_of):
    """The family offered for ranked results, or None.

    ``results``: [(item, score)] best first; ``family_of(item)``: its metadata.
    Returns {"id", "title", "variants": [(item, score)]} (at most MAX_CHOICES).
    """
    if len(results) < 2:
        return None
    first, top = results[0]
    found = family_of(first)
    if not found:
        return None
    members = [(item, score) for item, score in results if (family_of(item) or {}).get("id") == found["id"]]
    near = [score for item, score in results[1:WITHIN] if (family_of(item) or {}).get("id") == found["id"]]
    if not near or max(near) < CLOSE * top:
        return None
    if len({family_of(item)["label"] for item, _score in members}) < 2:
        return None  # twins (two fiches saying one thing): nothing to choose
    return {"id": found["id"], "title": found["title"], "variants": members[:MAX_CHOICES]}


def differing_axes(variants_facts):
    """Axes on which the variants differ: those telling the first two apart lead,
    then the others, each group in the declared order."""
    differ = [axis for axis in AXES if len({facts.get(axis) for facts in variants_facts}) > 1]
    first_two = variants_facts[:2]
    leading = [axis for axis in differ if len({facts.get(axis) for facts in first_two}) > 1]
    return leading + [axis for axis in differ if axis not in leading]


def values_on(axis, variants_facts):
    """The axis' values the variants carry, in the declared order."""
    present = {facts.get(axis) for facts in variants_facts}
    return [value for value in AXES[axis] if value in present]


def asked_values(query_stems):
    """The variant values a query asks for ({stem of a query word or of one of its
    options}: see engine.rank)."""
    return {value for value, words_ in ASKED_BY.items() if any(stem(w) in query_stems for w in words_)}


def agreement(facts, asked):
    """-1..1: how an item's variant facts agree with what the query asks. On an
    axis the query names, +1 for the value asked, -1 for another; on an axis it
    does not name, -1 for a value other than the default (an adult's first
    request in France), 0 for the default. Mean over the item's axes."""
    scores = []
    for axis, value in (facts or {}).items():
        if axis not in DEFAULTS:
            continue  # a document is never asked for
        wanted = {v for v in AXES[axis] if v in asked}
        if wanted:
            scores.append(1 if value in wanted or (value == "perte_vol" and wanted & {"perte", "vol"}) else -1)
        else:
            scores.append(0 if value == DEFAULTS[axis] else -1)
    return sum(scores) / len(scores) if scores else 0.0


def family_of(brain):
    """An item's ``guichet_family`` metadata (None before upgrade 1010 filled it)."""
    value = getattr(brain, "guichet_family", None)
    return value if isinstance(value, dict) else None
