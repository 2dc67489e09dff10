"""Turn constraints.txt into a buildout [versions] section, so both installs share pins."""
import re
import sys


def main(path):
    print("# Generated from constraints.txt by `make constraints`; do not edit.")
    print("[versions]")
    for line in open(path, encoding="utf-8"):
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            print(f"{match.group(1)} = {match.group(2)}")


if __name__ == "__main__":
    main(sys.argv[1])
