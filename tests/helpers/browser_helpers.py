"""Headless Debian Chromium through selenium and Debian's chromedriver (installed
by scripts/browser.sh: nothing is downloaded at test time), shared by the public
site and agent console browser tests."""

import shutil
import time


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def driver(javascript=True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=fr-FR"):
        options.add_argument(arg)
    prefs = {"intl.accept_languages": "fr-FR,fr"}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    chromium = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    chromium.implicitly_wait(0)
    return chromium


def wait_for(condition, timeout=10):
    """The first true value of ``condition()`` within ``timeout`` seconds.

    The page re-renders while we look: an element found a moment ago may be
    replaced before it is read (StaleElementReferenceException), or not be there
    yet (IndexError on an empty find), or its document be mid-navigation when it is
    read (Chromium's "unhandled inspector error": a form posted, the next page not yet
    there). All mean "not yet": try again.
    """
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.common.exceptions import WebDriverException

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (StaleElementReferenceException, IndexError) as error:
            value, last = None, error
        except WebDriverException as error:
            if "inspector error" not in str(error.msg):
                raise
            value, last = None, error
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"condition not met in time (last error: {last!r})" if last else "condition not met in time")


def css(chromium, selector):
    from selenium.webdriver.common.by import By

    return chromium.find_elements(By.CSS_SELECTOR, selector)


def log_in(chromium, site, user, password):
    """A fresh session of ``user`` through the site's login form."""
    chromium.delete_all_cookies()
    chromium.get(f"{site}/login")
    css(chromium, "input[name='__ac_name']")[0].send_keys(user)
    css(chromium, "input[name='__ac_password']")[0].send_keys(password + "\n")
    wait_for(lambda: any(c["name"] == "__ac" for c in chromium.get_cookies()))


def open_console(chromium, site, password, user="agent"):
    """Logged in as ``user`` (the demo agent), on the agent console."""
    log_in(chromium, site, user, password)
    chromium.get(f"{site}/@@agent")
    return wait_for(lambda: css(chromium, "#agent-q"))


# axe-core, pinned and installed by scripts/browser.sh (npm) for the accessibility tests.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def axe_path():
    from repo_paths import ROOT

    return ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"


def require_axe():
    """Skip when axe-core is not installed (fail under CI, where scripts/browser.sh installs it)."""
    import os
    import pytest

    if not axe_path().exists():
        message = f"run scripts/browser.sh first, missing: {axe_path()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def axe_violations(driver, context="document", tags=AXE_TAGS):
    """axe-core's violations on the page open in `driver`, within `context` (a JavaScript
    expression: `document`, `'#content'`, `{include: [['#id']]}`): [{id, impact, nodes}]."""
    import json

    require_axe()
    driver.execute_script(axe_path().read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run({context}, {{runOnly: {{type: 'tag', values: {json.dumps(list(tags))}}}}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))),"
        " e => done([{id: 'axe-error', impact: 'critical', nodes: String(e)}]));"
    )


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]
