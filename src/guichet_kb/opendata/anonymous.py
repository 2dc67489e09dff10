"""Run a block as an anonymous visitor: the open-data files show exactly what the
visibility rule (guichet_kb/visibility) shows Anonymous, whoever runs the job (the
nightly rollup as an administrator, `POST @open-data`)."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager


@contextmanager
def as_anonymous():
    """Catalog searches, `may_see` and the serializers answer as for Anonymous inside."""
    saved = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        setSecurityManager(saved)
