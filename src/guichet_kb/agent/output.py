"""How the `guichet-kb` commands print what the site sends: JSON indented, or a CSV or
JSON export written as sent to the terminal or to a file (`emit`)."""

import json


def print_json(data):
    print(json.dumps(data, ensure_ascii=False, indent=2))


def emit(data, fmt, output=None):
    """CSV as sent, or JSON indented; to a file when asked, else to the terminal."""
    text = data if fmt == "csv" else json.dumps(data, ensure_ascii=False, indent=1)
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
        print(f"written to {output}")
    else:
        print(text, end="" if fmt == "csv" else "\n")
