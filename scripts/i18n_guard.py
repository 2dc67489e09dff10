"""Keep `make i18n` safe: run before and after i18ndude on the gettext catalogues.

i18ndude's .po parser keeps one entry per msgid without a word: a later duplicate
replaces an earlier one, except that the file's last entry is dropped when its msgid
was already seen. A translation added by hand at the end of a .po (the house rule)
for a msgid that a previous run had already added empty was therefore lost, and
editing it in place again and again left a msgstr holding several copies of its text
(every French e-mail said everything 8 times). This script:

- ``dedupe FILE...``: merges duplicate msgids into the first entry, keeping the last
  non-empty translation (the one added by hand); files without duplicates are not
  rewritten;
- ``check FILE...``: fails (exit 1) on a duplicate msgid or a translation that is its
  own text repeated, so a damaged catalogue is never compiled;
- ``keep-date OLD NEW``: puts OLD back in place of NEW when they differ only by their
  POT-Creation-Date, so that a run over unchanged code changes no file.

Standard library only; it is also imported by the tests.
"""

import ast
import pathlib
import sys


DATE_HEADER = '"POT-Creation-Date:'
MIN_REPEATED_UNIT = 8  # shorter periodic texts ("ha ha ") can be genuine


class Entry:
    """One catalogue entry: its raw lines and its unquoted msgid and msgstr."""

    def __init__(self):
        self.lines = []
        self.msgid = ""
        self.msgstr = ""
        self.msgstr_at = None  # index in ``lines`` where the msgstr starts

    @property
    def header(self):
        return self.lines[: self.msgstr_at]

    @property
    def translation(self):
        return self.lines[self.msgstr_at :]


def _unquote(line):
    text = line.strip()
    start = text.index('"')
    return ast.literal_eval(text[start:])


def parse(text):
    """The entries of a .po text, in order (blank lines are separators, not kept)."""
    entries, current, field = [], Entry(), None
    for line in text.splitlines():
        stripped = line.strip()
        starts_entry = stripped.startswith("#") or stripped.startswith("msgid")
        if field == "msgstr" and (starts_entry or not stripped):
            entries.append(current)
            current, field = Entry(), None
        if not stripped:
            continue
        if stripped.startswith("msgid"):
            field = "msgid"
            current.msgid += _unquote(stripped)
        elif stripped.startswith("msgstr"):
            field = "msgstr"
            current.msgstr_at = len(current.lines)
            current.msgstr += _unquote(stripped)
        elif stripped.startswith('"') and field:
            setattr(current, field, getattr(current, field) + _unquote(stripped))
        current.lines.append(line)
    if current.lines:
        entries.append(current)
    return entries


def render(entries):
    return "\n\n".join("\n".join(entry.lines) for entry in entries) + "\n"


def duplicates(entries):
    seen, dup = set(), []
    for entry in entries:
        if entry.msgid in seen and entry.msgid not in dup:
            dup.append(entry.msgid)
        seen.add(entry.msgid)
    return dup


def dedupe(entries):
    """One entry per msgid: the first one's comments, the last non-empty msgstr."""
    by_id, order = {}, []
    for entry in entries:
        kept = by_id.get(entry.msgid)
        if kept is None:
            by_id[entry.msgid] = entry
            order.append(entry)
        elif entry.msgstr or not kept.msgstr:
            kept.lines = kept.header + entry.translation
            kept.msgstr = entry.msgstr
    return order


def repeated(text):
    """How many times ``text`` is one shorter text repeated (1 when it is not)."""
    period = (text + text).find(text, 1)
    if period < len(text) and period >= MIN_REPEATED_UNIT:
        return len(text) // period
    return 1


def problems(entries):
    found = [f"duplicate msgid {msgid!r}" for msgid in duplicates(entries)]
    for entry in entries:
        copies = repeated(entry.msgstr)
        if entry.msgid and copies > 1:
            found.append(f"msgstr of {entry.msgid!r} is one text repeated {copies} times")
    return found


def same_but_date(old, new):
    def strip(text):
        return [line for line in text.splitlines() if not line.startswith(DATE_HEADER)]

    return strip(old) == strip(new)


def main(argv):
    command, *files = argv
    paths = [pathlib.Path(name) for name in files]
    if command == "dedupe":
        for path in paths:
            entries = parse(path.read_text(encoding="utf-8"))
            if duplicates(entries):
                path.write_text(render(dedupe(entries)), encoding="utf-8")
                print(f"{path}: duplicate msgids merged")
        return 0
    if command == "check":
        failures = [f"{path}: {problem}" for path in paths for problem in problems(parse(path.read_text(encoding="utf-8")))]
        print("\n".join(failures), file=sys.stderr)
        return 1 if failures else 0
    if command == "keep-date":
        old, new = paths
        if old.exists() and same_but_date(old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")):
            new.write_bytes(old.read_bytes())
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
