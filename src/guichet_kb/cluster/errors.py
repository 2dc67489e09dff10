"""The one error the cluster tooling raises for the operator: a clear message, an exit code."""


class ClusterError(Exception):
    """Something the administrator must fix; printed as one line, exit status `code`."""

    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code


class Interrupted(Exception):
    """SIGINT/SIGTERM arrived while `make cluster` was starting: stop what is running."""
