"""Which Zope/Plone modules a fresh interpreter loads for a statement: the parts that
must run without Plone (public site, CLI, facts) are checked with it."""

import subprocess
import sys


ZOPE_ROOTS = ("Products", "plone", "zope", "Zope2", "OFS", "ZODB", "App", "z3c", "five")


def zope_modules_loaded_by(statement):
    code = f"import sys; {statement}; print(sorted({{m for m in sys.modules if m.split('.')[0] in {ZOPE_ROOTS!r}}}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
