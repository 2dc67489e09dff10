"""Turn constraints.txt into a buildout [versions] section, so both installs share pins.

constraints.txt is a universal resolution (markers for Python 3.10-3.13); buildout
has one [versions] section, so markers are evaluated for CPython 3.11 on Linux.
"""
from packaging.markers import Marker

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


def main(path):
    print("# Generated from constraints.txt by `make constraints`; do not edit.")
    print("[versions]")
    for name, version in pins(path):
        print(f"{name} = {version}")


if __name__ == "__main__":
    main(sys.argv[1])
