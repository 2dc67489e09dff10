"""The facts that tell variants of one family apart, declared once (Zope-free).

A national title names its variant in words ("Carte d'identité d'un majeur :
première demande", "Renouvellement du passeport d'un mineur", "... en cas de
vol", "... à l'étranger"). Each axis lists its value tokens and, per value, the
French phrases that mark it in a title (regular expressions on the folded title:
lower case, no accents; see text.fold). Removing the markers leaves what the
variants share: their family. Titles (French, through i18n) are attached here
because the label of a variant is stored in the catalog and read by every tool.
"""

from guichet_kb import _
import re


# Axis -> its values, in the order a label and the questions list them.
AXES = {
    "age": ("majeur", "mineur"),
    "request": ("premiere_demande", "renouvellement", "perte_vol", "perte", "vol"),
    "document": ("cni", "passeport"),
    "place": ("france", "etranger"),
}
# Axes whose markers are removed from the title to make the family. A document is
# a fact (shown, never asked): an ID card and a passport are separate families.
FAMILY_AXES = ("age", "request", "place")

# The editors' family override that says "this item is nobody's variant".
NO_FAMILY = "-"
MAX_OVERRIDE = 80  # characters of a family name or a variant label typed by an editor
MAX_CHOICES = 9  # variants offered at once: one digit key each

_OF = r"(?:de la |de l'|du |des |de sa |de son |de ses |de |d'|)"
_WHO = r"(?:d'|pour |de |a )?(?:un |une |l'|le |la )?(?:personne )?"

# (axis, value, pattern) in the order they are tried; a longer phrase before the
# shorter one it contains ("perte ou vol" before "perte"). "Renouvellement",
# "perte" and "vol" mark a variant at the start of a title ("Vol du permis de
# conduire") or as "en cas de ..."; elsewhere they are ordinary words ("vol
# annulé", "perte d'autonomie").
MARKERS = (
    ("age", "majeur", rf"(?<!force ){_WHO}\bmajeure?s?\b(?! protege)"),
    ("age", "mineur", rf"{_WHO}\bmineure?s?\b"),
    ("request", "premiere_demande", r"\b(?:pour une |en cas de )?premiere demande\b"),
    ("request", "renouvellement", rf"^renouvellement {_OF}"),
    ("request", "perte_vol", r"\b(?:en cas de )?perte(?:,| ou|/) ?(?:de |du )?vol(?: ou (?:de )?deterioration)?\b"),
    ("request", "perte", rf"\ben cas de perte\b|^perte (?=de |du |des |d'){_OF}"),
    ("request", "vol", rf"\ben cas de vol\b|^vol (?=de |du |des |d'){_OF}"),
    ("place", "etranger", r"\b(?:a|de|depuis|vers) l'etranger\b"),
    ("place", "france", r"\ben france\b"),
)
COMPILED = tuple((axis, value, re.compile(pattern)) for axis, value, pattern in MARKERS)
DOCUMENTS = (("cni", re.compile(r"\bcarte (?:nationale )?d'identite\b|\bcni\b")), ("passeport", re.compile(r"\bpasseport")))
# Spellings of one thing that would otherwise split a family (on the title as written).
ALIASES = ((re.compile(r"\b([Cc])arte nationale d['’]identit[ée]\b"), r"\1arte d'identité"),)
# What is left at the edges of a title once its markers are gone.
EDGES = re.compile(r"^[\s:,;/\-–—(]+|[\s:,;/\-–—(?!.]+$")
LEADING_ARTICLE = re.compile(r"^(?:de la |de l'|du |des |d'|le |la |les |l'|un |une )", re.IGNORECASE)

# What a caller means when they do not say (a call is most often about an adult's
# first request, in France): the ranking prefers these variants then.
DEFAULTS = {"age": "majeur", "request": "premiere_demande", "place": "france"}
# The query word (a surface word, expanded like any query word: synonyms and word
# families) that asks for each value; perte_vol is asked by either of its words.
ASKED_BY = {
    "majeur": ("majeur",),
    "mineur": ("mineur",),
    "premiere_demande": ("premiere",),
    "renouvellement": ("renouvellement",),
    "perte_vol": ("perte", "vol"),
    "perte": ("perte",),
    "vol": ("vol",),
    "france": ("france",),
    "etranger": ("etranger",),
}

AXIS_TITLES = {
    "age": _("variant_axis_age", default="Age"),
    "request": _("variant_axis_request", default="Request"),
    "document": _("variant_axis_document", default="Document"),
    "place": _("variant_axis_place", default="Place"),
}
VALUE_TITLES = {
    "majeur": _("variant_majeur", default="Adult"),
    "mineur": _("variant_mineur", default="Minor"),
    "premiere_demande": _("variant_premiere_demande", default="First request"),
    "renouvellement": _("variant_renouvellement", default="Renewal"),
    "perte_vol": _("variant_perte_vol", default="Loss or theft"),
    "perte": _("variant_perte", default="Loss"),
    "vol": _("variant_vol", default="Theft"),
    "cni": _("variant_cni", default="Identity card"),
    "passeport": _("variant_passeport", default="Passport"),
    "france": _("variant_france", default="In France"),
    "etranger": _("variant_etranger", default="Abroad"),
}
# How a value reads inside its axis' question ("S'agit-il d'une première demande ou d'un renouvellement ?").
VALUE_PHRASES = {
    "premiere_demande": _("variant_phrase_premiere_demande", default="a first request"),
    "renouvellement": _("variant_phrase_renouvellement", default="a renewal"),
    "perte_vol": _("variant_phrase_perte_vol", default="a loss or a theft"),
    "perte": _("variant_phrase_perte", default="a loss"),
    "vol": _("variant_phrase_vol", default="a theft"),
    "cni": _("variant_phrase_cni", default="the identity card"),
    "passeport": _("variant_phrase_passeport", default="the passport"),
    "france": _("variant_phrase_france", default="in France"),
    "etranger": _("variant_phrase_etranger", default="abroad"),
}
# One question per axis; ${choices} lists the phrases of the values on offer.
QUESTIONS = {
    "age": _("variant_question_age", default="Is the person an adult or a minor?"),
    "request": _("variant_question_request", default="Is it ${choices}?"),
    "document": _("variant_question_document", default="Which document: ${choices}?"),
    "place": _("variant_question_place", default="Is it done ${choices}?"),
}
CHOICES_OR = _("variant_choices_or", default="${first} or ${last}")
LABEL_SEPARATOR = " · "
