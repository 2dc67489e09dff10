"""One headless Chromium per test module of the Classic UI and console tests."""

from browser_helpers import driver
import pytest


@pytest.fixture(scope="module")
def chromium():
    chromium = driver()
    chromium.set_window_size(1280, 1000)
    yield chromium
    chromium.quit()
