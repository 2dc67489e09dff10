"""A small client for the Guichet KB REST API (used by the CLI and the tests)."""

from guichet_kb.facts import IDEMPOTENCY_HEADER
from guichet_kb.facts import REQUEST_TIMEOUT_S
from guichet_kb.facts import RETRY_PAUSE_S
from guichet_kb.facts import RETRY_STATUSES
import requests
import time
import uuid


class ClientError(Exception):
    """A failure with a message a person can act on, and the CLI exit code."""

    def __init__(self, message, exit_code=1, status=None, body=None):
        super().__init__(message)
        self.exit_code = exit_code
        self.status = status
        self.body = body  # the error's JSON object, when the site sent one (a 409's free "slots")


class GuichetClient:
    def __init__(self, url, user=None, password=None, timeout=REQUEST_TIMEOUT_S, language=None):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json", **({"Accept-Language": language} if language else {})})
        self.timeout = timeout
        if user:
            self._login(user, password or "")

    def _login(self, user, password):
        # A token from @login, so the password is sent once, not on every call.
        data = self.request("POST", "@login", json={"login": user, "password": password}, login=True)
        self.session.headers["Authorization"] = f"Bearer {data['token']}"

    def request(self, method, path, login=False, retry=False, **kwargs):
        """One call; with ``retry``, sent once more after no answer or a 502/503/504."""
        url = path if path.startswith("http") else f"{self.url}/{path.lstrip('/')}"
        retries = 1 if retry else 0
        while True:
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.ConnectionError:
                if retries:
                    retries = self._pause(retries)
                    continue
                raise ClientError(f"Cannot reach {self.url}: is the site running? (connection refused)", 2) from None
            except requests.Timeout:
                if retries:
                    retries = self._pause(retries)
                    continue
                raise ClientError(f"{self.url} did not answer within {self.timeout} s", 2) from None
            if retries and response.status_code in RETRY_STATUSES:
                retries = self._pause(retries)
                continue
            break
        if response.status_code == 401:
            if login:
                raise ClientError("401 Unauthorized: wrong user name or password", 3, 401)
            if "Authorization" in self.session.headers:
                # Plone answers 401 to a logged-in user who lacks the permission.
                raise ClientError("401 Unauthorized: this account is not allowed to do that", 4, 401)
            raise ClientError("401 Unauthorized: log in with --user/--password (or GUICHET_USER/GUICHET_PASSWORD)", 3, 401)
        if response.status_code >= 400:
            raise ClientError(f"{response.status_code}: {_detail(response)}", 4, response.status_code, _body(response))
        if kwargs.get("stream") or not response.headers.get("Content-Type", "").startswith("application/json"):
            return response.text
        return response.json() if response.content else {}

    @staticmethod
    def _pause(retries):
        time.sleep(RETRY_PAUSE_S)
        return retries - 1

    def get(self, path, **params):
        return self.request("GET", path, params=params)

    def post(self, path, json=None):
        return self.request("POST", path, json=json or {})

    def post_once(self, path, json=None):
        """A POST stored at most once: a fresh Idempotency-Key, and one retry with the same key
        when no answer came back (the server may have stored the first attempt)."""
        return self.request("POST", path, retry=True, json=json or {}, headers={IDEMPOTENCY_HEADER: str(uuid.uuid4())})


def _body(response):
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _detail(response):
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    error = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(error, dict):
        return str(error.get("message") or error.get("type") or error)
    return str(error)
