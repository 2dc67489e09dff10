"""A content gap about a query links to a new service sheet whose title is the query:
the Classic UI add form, prefilled from `?title=` (browser/new_sheet.py), and only the
title (Plone still ignores other values a link sends)."""

from browser_helpers import css
from browser_helpers import log_in
from browser_helpers import wait_for
from guichet_kb.testing import DEMO_PASSWORD
import pytest


@pytest.mark.parametrize("query", ["piscine municipale", "inscription à l'école de musique & danse"])
def test_the_add_form_opens_with_the_query_as_title(chromium, functional, site, query):
    from guichet_kb.dashboard.gaps import new_sheet_url

    log_in(chromium, site, "redacteur", DEMO_PASSWORD)
    url = new_sheet_url(functional["portal"], query)
    chromium.get(f"{url}&form.widgets.IBasic.description=Texte+glissé+par+un+lien")
    title = wait_for(lambda: css(chromium, "#form-widgets-IBasic-title"))[0]
    assert title.get_attribute("value") == query
    assert css(chromium, "#form-widgets-IBasic-description")[0].get_attribute("value") == ""
    assert chromium.current_url.startswith(f"{site}/demarches/++add++ServiceSheet?title=")
    assert css(chromium, "#form-buttons-save")
