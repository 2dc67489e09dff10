"""Workflow steps over REST, shared by the workflow tests (REST and Classic UI)."""


def transition(rest, user, url, name, comment=None):
    body = {"comment": comment} if comment is not None else {}
    return rest(user).post(f"{url}/@workflow/{name}", json=body)


def state(rest, url):
    return rest("admin").get(url).json()["review_state"]


# The transitions that bring a new draft to each state.
PATH = {"draft": [], "pending": [("redacteur", "submit")], "published": [("redacteur", "submit"), ("valideur", "publish")]}
PATH["archived"] = PATH["published"] + [("valideur", "archive")]
