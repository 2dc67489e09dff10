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


def field_messages(response):
    """The field errors of a content type's 400 (an agenda's, a queue's...), in order."""
    import ast

    assert response.status_code == 400, response.text
    body = response.json()
    if "error" in body:  # refused by the input hygiene rule before deserialization
        return [body["error"]["message"]]
    # plone.restapi's BadRequest: the list of field errors, as its text
    return [error["message"] for error in ast.literal_eval(body["message"])]
