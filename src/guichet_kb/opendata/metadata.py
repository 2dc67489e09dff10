"""`metadata.json`: the dataset described as DCAT-AP / data.gouv.fr expect it
(title, description, publisher, licence, frequency, temporal coverage, one
distribution per file with its address, format, size, sha256 and date).
The publisher is the town: the site's title and its local organisation
(facts.LOCAL_KINDS) when one is published."""

from guichet_kb import _
from guichet_kb.facts import LOCAL_KINDS
from guichet_kb.facts import OPEN_DATA_FREQUENCY
from guichet_kb.facts import OPEN_DATA_LICENCE
from guichet_kb.facts import OPEN_DATA_LICENCE_URL
from guichet_kb.opendata.dictionary import french
from guichet_kb.opendata.dictionary import language
import hashlib


FORMATS = {"text/csv; charset=utf-8": "CSV", "application/json": "JSON"}
TITLES = {
    "catalogue.csv": _("od_file_catalogue_csv", default="Catalogue of the procedures (one row per service sheet)"),
    "catalogue.json": _("od_file_catalogue_json", default="Catalogue: procedures (schema.org GovernmentService), answers, desks and bodies"),
    "interactions-mensuelles.csv": _("od_file_monthly", default="Contacts per month, procedure, channel and outcome (counts under 5 suppressed)"),
    "dictionnaire.csv": _("od_file_dictionary", default="Data dictionary: every column of the CSV files"),
    "metadata.json": _("od_file_metadata", default="Metadata of the dataset (DCAT)"),
}


def publisher(organisations, site_title, site_url):
    town = next((o for o in organisations if o.get("kind") in LOCAL_KINDS), None)
    return {"@type": "foaf:Organization", "name": town["title"] if town else site_title, "url": (town or {}).get("website") or site_url}


def distribution(name, data, url, generated, content_type):
    return {
        "@type": "dcat:Distribution",
        "name": name,
        "title": french(TITLES[name]),
        "url": url,
        "format": FORMATS[content_type],
        "mediaType": content_type.split(";")[0],
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "modified": generated.isoformat(),
    }


def dataset(site_title, site_url, organisations, distributions, generated, temporal):
    """The dataset's metadata; ``distributions`` the files but this one."""
    return {
        "@context": "https://www.w3.org/ns/dcat.jsonld",
        "@type": "dcat:Dataset",
        "title": french(_("od_dataset_title", default="Public services of ${town}: catalogue and contacts", mapping={"town": site_title})),
        "description": french(
            _(
                "od_dataset_description",
                default="The published procedures of the town's one-stop desk (what to bring, where to go, who is competent) "
                "and the monthly number of contacts by procedure, channel and outcome. Regenerated every night; contains no personal data.",
            )
        ),
        "publisher": publisher(organisations, site_title, site_url),
        "license": OPEN_DATA_LICENCE,
        "license_url": OPEN_DATA_LICENCE_URL,
        "frequency": OPEN_DATA_FREQUENCY,
        "accrualPeriodicity": "http://publications.europa.eu/resource/authority/frequency/DAILY",
        "language": language(),
        "landingPage": f"{site_url}/@open-data",
        "temporal_coverage": temporal,
        "spatial": site_title,
        "modified": generated.isoformat(),
        "distributions": distributions,
    }
