"""GET @answer over REST, shared by the answer and search settings tests."""


def answer(rest, site, user=None, **params):
    response = rest(user).get(f"{site}/@answer", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def ids(items):
    return [item["@id"].rsplit("/", 1)[-1] for item in items]
