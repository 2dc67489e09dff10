"""Jinja2 templates with gettext (domain guichet_kb_public) and fingerprinted assets."""

from datetime import date
from datetime import datetime
from gettext import translation
from guichet_kb import clock
from guichet_kb import schemaorg
from guichet_kb.facts import WEEKDAYS
import hashlib
import jinja2
import json
from markupsafe import Markup
from pathlib import Path
from urllib.parse import urlsplit


HERE = Path(__file__).parent
DOMAIN = "guichet_kb_public"
LOCALES = HERE / "locales"
STATIC = HERE / "static"


def translations(language):
    return translation(DOMAIN, LOCALES, languages=[language], fallback=True)


class Assets:
    """Static files kept in memory, served under a name carrying their hash."""

    def __init__(self, folder=STATIC):
        self.files = {}  # fingerprinted name -> (bytes, media type)
        self.names = {}  # plain name -> fingerprinted name
        types = {
            ".css": "text/css; charset=utf-8",
            ".js": "text/javascript; charset=utf-8",
            ".svg": "image/svg+xml",
            ".ico": "image/vnd.microsoft.icon",
        }
        for path in sorted(folder.iterdir()):
            if path.suffix in types:
                body = path.read_bytes()
                name = f"{path.stem}.{hashlib.sha256(body).hexdigest()[:12]}{path.suffix}"
                self.files[name] = (body, types[path.suffix])
                self.names[path.name] = name

    def url(self, name):
        return f"/static/{self.names[name]}"


def environment(settings, assets):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    catalogue = translations(settings.language)
    env.install_gettext_translations(catalogue, newstyle=True)
    # Not named "_": the add-on's i18ndude extraction must not take these for its own domain.
    gettext = catalogue.gettext
    day_names = {
        "monday": gettext("Monday"),
        "tuesday": gettext("Tuesday"),
        "wednesday": gettext("Wednesday"),
        "thursday": gettext("Thursday"),
        "friday": gettext("Friday"),
        "saturday": gettext("Saturday"),
        "sunday": gettext("Sunday"),
    }
    months = (
        gettext("January"),
        gettext("February"),
        gettext("March"),
        gettext("April"),
        gettext("May"),
        gettext("June"),
        gettext("July"),
        gettext("August"),
        gettext("September"),
        gettext("October"),
        gettext("November"),
        gettext("December"),
    )

    def long_date(value):
        """'2026-11-28' or an ISO date-time -> '28 November 2026' in the UI language."""
        if not value:
            return ""
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return ""
        return gettext("%(day)s %(month)s %(year)s") % {"day": day.day, "month": months[day.month - 1], "year": day.year}

    def moment(value):
        """An ISO date-time -> 'Monday 30 November at 08:30'."""
        try:
            when = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return ""
        return gettext("%(weekday)s %(day)s %(month)s at %(time)s") % {
            "weekday": day_names[WEEKDAYS[when.weekday()]],
            "day": when.day,
            "month": months[when.month - 1],
            "time": when.strftime("%H:%M"),
        }

    def long_day(value):
        """'2026-11-30' (or an ISO date-time) -> 'Monday 30 November' (the booking calendar's days)."""
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return ""
        weekday = day_names[WEEKDAYS[day.weekday()]]
        return gettext("%(weekday)s %(day)s %(month)s") % {"weekday": weekday, "day": day.day, "month": months[day.month - 1]}

    def local(value):
        """An ISO date-time -> the aware datetime in the portal's zone, or None."""
        try:
            when = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return None
        return when.astimezone(clock.zone()) if when.tzinfo else when

    def local_time(value):
        """An ISO date-time -> '10:42' in the portal's zone (the queue's estimates)."""
        when = local(value)
        return when.strftime("%H:%M") if when else ""

    def relative_day(value):
        """An ISO date-time -> 'today', 'tomorrow' or 'Monday 7 December' (a queue's opening)."""
        when = local(value)
        if when is None:
            return ""
        ahead = (when.date() - clock.today()).days
        return gettext("today") if ahead == 0 else gettext("tomorrow") if ahead == 1 else long_day(when.date().isoformat())

    def ranges(pairs):
        return gettext(" and ").join(gettext("%(opens)s–%(closes)s") % {"opens": a, "closes": b} for a, b in pairs)

    def jsonld(data):
        # "</" must not close the script element; JSON stays valid with \u003c.
        # Fields a sheet lacks are left out (None), never an error.
        text = json.dumps(data, ensure_ascii=False, default=lambda value: None)
        return Markup(text.replace("<", "\\u003c"))

    def path_of(url):
        """Public path of a Plone @id: same path below the site."""
        site = urlsplit(settings.plone_url).path.rstrip("/")
        path = urlsplit(url or "").path.replace("/++api++", "")
        return path[len(site) :] if path.startswith(site + "/") else "/"

    def rich(html):
        """Editor HTML (already filtered by Plone) with its links to the site made public."""
        return Markup((html or {}).get("data", "").replace(f'href="{settings.plone_url}/', 'href="/'))

    env.filters.update(
        rich=rich,
        long_date=long_date,
        moment=moment,
        long_day=long_day,
        clock_time=lambda value: str(value or "")[11:16],
        local_time=local_time,
        relative_day=relative_day,
        ranges=ranges,
        jsonld=jsonld,
        day_name=lambda key: day_names.get(key, key),
        path=path_of,
    )
    env.globals.update(asset=assets.url, settings=settings, lang=settings.language, government_service=schemaorg.government_service)
    return env
