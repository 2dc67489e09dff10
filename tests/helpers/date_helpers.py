"""Shared by the date tests: the date fields of each type, a REST round trip, the publication-window probes."""

from guichet_kb.facts import FOLDER_OF
import re


SEASONS = {
    "winter": {"effective": "2026-12-20T12:00:00+00:00", "expires": "2027-01-20T12:00:00+00:00", "day": "2026-12-24", "until": "2027-01-02"},
    "summer": {"effective": "2026-07-20T12:00:00+00:00", "expires": "2026-08-20T12:00:00+00:00", "day": "2026-07-14", "until": "2026-08-15"},
}
# portal type -> where it is added ("" for the site root)
TYPES = {"Document": "", **FOLDER_OF}
REQUIRED = {"Answer": {"short_answer": "Oui."}}


def date_fields(portal_type, season):
    """Every date or datetime field the type has, with a value in the season."""
    s = SEASONS[season]
    values = {"effective": s["effective"], "expires": s["expires"]}
    if portal_type != "Document":  # the review behavior
        values.update(last_reviewed=s["day"], next_review_date=s["until"])
    if portal_type in ("ServiceSheet", "Answer"):  # ISourceReference
        values["source_modified"] = s["day"]
    if portal_type == "Desk":
        values["hours_exceptions"] = [{"start": s["day"], "end": s["until"], "label": "Fermeture", "closed": True}]
    return values


def read_dates(data, written):
    """The fields of `written` as the GET answer has them (exception rows: their date keys)."""
    found = {name: data.get(name) for name in written}
    if "hours_exceptions" in written:
        found["hours_exceptions"] = [{key: row.get(key) for key in ("start", "end", "label", "closed")} for row in data["hours_exceptions"] or []]
    return found


def round_trip(session, base, portal_type, season):
    """POST with the season's dates, then GET → PATCH the values read → GET, twice."""
    written = date_fields(portal_type, season)
    container = f"{base}/{TYPES[portal_type]}".rstrip("/")
    response = session.post(
        container, json={"@type": portal_type, "title": f"Dates {portal_type} {season}", **REQUIRED.get(portal_type, {}), **written}
    )
    assert response.status_code == 201, response.text[:500]
    url = response.json()["@id"]
    assert read_dates(session.get(url).json(), written) == written
    for _ in range(2):
        read = read_dates(session.get(url).json(), written)
        response = session.patch(url, json=read)
        assert response.status_code == 204, response.text[:500]
        assert read_dates(session.get(url).json(), written) == written
    return url


def iso(moment):
    return moment.replace(second=0, microsecond=0).isoformat()


def listed(anonymous, site, url, words="fiche essai"):
    """Whether anonymous callers find the sheet at `url` in @answer and in @search for `words`."""
    answered = anonymous.get(f"{site}/@answer", params={"q": words}).json()["items"]
    searched = anonymous.get(f"{site}/@search", params={"SearchableText": words}).json()["items"]
    return [any(item["@id"] == url for item in found) for found in (answered, searched)]


def lifetime(response):
    """How long a browser or a proxy may reuse the answer without asking again, in seconds."""
    found = re.findall(r"(?:s-)?max-age=(\d+)", response.headers.get("Cache-Control", ""))
    return max(map(int, found), default=0)


def served(anonymous, url):
    """The anonymous status of the sheet at `url` over REST and in Classic; no cache may keep it past a minute."""
    responses = [anonymous.get(url, headers={"Accept": accept}) for accept in ("application/json", "text/html")]
    assert all(lifetime(response) <= 60 for response in responses)
    return [response.status_code for response in responses]
