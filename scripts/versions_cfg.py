"""Turn constraints.txt into a buildout [versions] section, so both installs share pins.

constraints.txt is a universal resolution (markers for Python 3.10-3.13); buildout
has one [versions] section, so markers are evaluated for CPython 3.11 on Linux.
uv writes normalised names (zc-recipe-egg) but buildout matches pins on project
names (zc.recipe.egg): names are taken from the installed distributions' metadata,
so run this with the project's .venv.
"""

from importlib import metadata
from packaging.markers import Marker
from packaging.utils import canonicalize_name
import re
import sys


ENVIRONMENT = {
    "python_version": "3.11",
    "python_full_version": "3.11.7",
    "sys_platform": "linux",
    "os_name": "posix",
    "platform_system": "Linux",
    "platform_python_implementation": "CPython",
    "implementation_name": "cpython",
}


def pins(path):
    for line in open(path, encoding="utf-8"):
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.*))?$", line.strip())
        if match and (not match.group(3) or Marker(match.group(3)).evaluate(ENVIRONMENT)):
            yield match.group(1), match.group(2)


def project_names():
    return {canonicalize_name(d.metadata["Name"]): d.metadata["Name"] for d in metadata.distributions()}


def main(path):
    names = project_names()
    print("# Generated from constraints.txt by `make constraints`; do not edit.")
    print("[versions]")
    for name, version in pins(path):
        print(f"{names.get(canonicalize_name(name), name)} = {version}")


if __name__ == "__main__":
    main(sys.argv[1])
