"""Shared by the input-hygiene tests: JSON as a client may send it, and what a refusal looks like."""

import json


RICH = {"data": "<p>x</p>", "content-type": "text/html", "encoding": "utf-8"}


def send(session, method, url, body):
    """JSON as a client may send it: lone surrogates written as \\ud800 escapes, NaN allowed."""
    raw = json.dumps(body, allow_nan=True)
    return session.request(method, url, data=raw.encode(), headers={"Content-Type": "application/json"})


def refused(response, field, message):
    assert response.status_code == 400, response.text
    assert response.json() == {"error": {"type": "DeserializationError", "message": f"{field} : {message}"}}


def stored(session, url):
    body = session.get(url).json()
    return {k: v for k, v in body.items() if k not in ("@components", "lock")}
