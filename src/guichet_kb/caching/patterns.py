"""The BAN sent after a change: one regular expression on the stored path (x-url).

Varnish matches it against `obj.http.x-url`, the backend path (and query) each
cached object was fetched with (deploy/varnish/guichet.vcl.in). It covers:

- each changed item in the forms clients request: the Classic page and the REST
  item (`/<site>/demarches/x`, `…/view`, `?expand=…`) and `/<site>/++api++/demarches/x`;
- the aggregate read services anywhere under the site, which may list any item:
  `@answer`, `@answer-suggest`, `@top-services`, `@desks`, `@organisations`, `@life-events`, `@search`;
- the public app's pages (pages.CATALOGUE_PAGES): every one of them embeds
  aggregate data (the home's top services, a sheet's documents and desks, a
  desk's week, the sitemap, the search), so all are dropped, not only the item's.

Pure Python (no Zope): tested without a site.
"""

from guichet_kb.public.pages import CATALOGUE_PAGES
import re


AGGREGATE_READS = ("answer", "answer-suggest", "top-services", "desks", "organisations", "life-events", "search")
API = r"(/\+\+api\+\+)?"
END = r"([/?]|$)"


def ban_pattern(site_path, item_paths):
    """The regex for a change of the items at item_paths (relative to the site)."""
    site = re.escape(site_path.rstrip("/"))
    parts = []
    items = sorted({path.strip("/") for path in item_paths if path.strip("/")})
    if items:
        parts.append(f"{site}{API}/({'|'.join(re.escape(item) for item in items)}){END}")
    parts.append(f"{site}{API}(/[^?]*)?/@({'|'.join(AGGREGATE_READS)}){END}")
    parts.append(f"/({'|'.join(CATALOGUE_PAGES)})")
    return f"^({'|'.join(parts)})"
