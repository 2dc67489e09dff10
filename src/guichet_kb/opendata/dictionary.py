"""The data dictionary: every column of the CSV files, declared once (name, type,
description); the files are written in this order and `dictionnaire.csv` lists
them with an example taken from the file itself (the first filled cell).

Types are Table Schema's (frictionlessdata.io): string, integer, number,
boolean (« oui » / « non »), datetime (ISO 8601), date (YYYY-MM), list (values
separated by « ; »). Descriptions are French through the add-on's catalog.
"""

from collections import namedtuple
from guichet_kb import _
from guichet_kb.facts import CALL_CHANNELS
from guichet_kb.facts import OPEN_DATA_MIN_CELL
from guichet_kb.facts import OUTCOMES
from plone import api
from zope.i18n import translate


Column = namedtuple("Column", "name type description")

CATALOGUE_COLUMNS = (
    Column("uid", "string", _("od_col_uid", default="Unique, stable identifier of the service sheet.")),
    Column("titre", "string", _("od_col_titre", default="Title of the procedure.")),
    Column("resume", "string", _("od_col_resume", default="Summary in one or two sentences.")),
    Column("url", "string", _("od_col_url", default="Address of the sheet on the town's site.")),
    Column("publics", "list", _("od_col_publics", default="Who the procedure is for (individuals, businesses, associations).")),
    Column("mots_cles", "list", _("od_col_mots_cles", default="Keywords.")),
    Column("canaux", "list", _("od_col_canaux", default="How the procedure can be done (on site, by phone, by post, online).")),
    Column("service_en_ligne", "string", _("od_col_service_en_ligne", default="Address of the online service, if any.")),
    Column("rendez_vous_requis", "boolean", _("od_col_rendez_vous_requis", default="An appointment is needed.")),
    Column("prise_de_rendez_vous", "string", _("od_col_prise_de_rendez_vous", default="Address where an appointment is booked, if any.")),
    Column("gratuit", "boolean", _("od_col_gratuit", default="The procedure is free of charge.")),
    Column("cout_euros", "number", _("od_col_cout_euros", default="Cost in euros, if it is a fixed amount.")),
    Column("cout_precision", "string", _("od_col_cout_precision", default="What the cost depends on.")),
    Column("delai", "string", _("od_col_delai", default="Processing time.")),
    Column("validite", "string", _("od_col_validite", default="How long the result is valid.")),
    Column("pieces_justificatives", "list", _("od_col_pieces", default="Required documents (published ones).")),
    Column("organismes_competents", "list", _("od_col_organismes", default="Bodies competent for the procedure (published ones).")),
    Column("service_responsable", "string", _("od_col_service_responsable", default="Town department responsible for the procedure.")),
    Column("lieux_accueil", "list", _("od_col_guichets", default="Desks where the procedure is done (published ones).")),
    Column("demarches_liees", "list", _("od_col_demarches_liees", default="Related procedures (published ones).")),
    Column("date_publication", "datetime", _("od_col_date_publication", default="When the sheet was published.")),
    Column("date_modification", "datetime", _("od_col_date_modification", default="When the sheet was last modified.")),
)

MONTHLY_COLUMNS = (
    Column("mois", "date", _("od_col_mois", default="Month (YYYY-MM), a closed month only.")),
    Column(
        "demarche_uid",
        "string",
        _(
            "od_col_demarche_uid",
            default="Identifier of the published service sheet (uid of catalogue.csv) or answer (catalogue.json) asked about; "
            "empty: none, or an unpublished one.",
        ),
    ),
    Column("demarche", "string", _("od_col_demarche", default="Title of that service sheet or answer.")),
    Column("canal", "string", _("od_col_canal", default="Channel of the contact: ${tokens}.", mapping={"tokens": ", ".join(CALL_CHANNELS)})),
    Column("resultat", "string", _("od_col_resultat", default="Outcome: ${tokens}.", mapping={"tokens": ", ".join(OUTCOMES)})),
    Column(
        "nombre",
        "integer",
        _(
            "od_col_nombre",
            default="Number of contacts; empty when fewer than ${min} (suppressed to protect privacy).",
            mapping={"min": OPEN_DATA_MIN_CELL},
        ),
    ),
)

DICTIONARY_COLUMNS = ("fichier", "colonne", "type", "description", "exemple")


def language():
    """The language of the files: the site's default (French on a French site)."""
    return (api.portal.get_default_language() or "fr").split("-")[0]


def french(message):
    """A message in the files' language (the job has no visitor whose language to follow)."""
    return translate(message, domain="guichet_kb", target_language=language())


def _example(rows, name):
    return next((str(row[name]) for row in rows if row.get(name) not in (None, "")), "")


def entries(files):
    """The dictionary's rows: ``files`` is [(file name, columns, rows)]."""
    return [
        {"fichier": name, "colonne": c.name, "type": c.type, "description": french(c.description), "exemple": _example(rows, c.name)}
        for name, columns, rows in files
        for c in columns
    ]
