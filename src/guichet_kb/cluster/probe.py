"""HTTP probes: is a URL answering 200 (and saying what it should)?"""

import time
import urllib.error
import urllib.request


def get(url, timeout=5, headers=None):
    """(status, body) of a GET; (None, reason) when nothing answered."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))


def answers(url, expect=None, timeout=5):
    status, body = get(url, timeout=timeout)
    return status == 200 and (expect is None or expect in body)


def wait_for(url, deadline, expect=None, alive=None, stopping=None):
    """Poll `url` until it answers 200 (containing `expect`); False at the deadline,
    when `alive()` says the server died or `stopping()` says to give up."""
    while time.monotonic() < deadline:
        if answers(url, expect):
            return True
        if (alive is not None and not alive()) or (stopping is not None and stopping()):
            return False
        time.sleep(0.2)
    return False
