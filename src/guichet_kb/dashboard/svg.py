"""Server-rendered SVG charts of a panel: no JavaScript, no external library.

`render(panel, ident, description)` draws the panel's `chart` from its rows (the
figures of the table printed beside it, nothing computed here): "bars" horizontal
grouped bars (one band per row, room for long titles), "stacked" vertical stacked
bars (hours), "line" one polyline per series, "none" nothing (""). The SVG has
role="img" and is labelled by its <title> and <desc> (RGAA 1.1: the description
says where the figures are); it scales to its container (viewBox), which the print
stylesheet sizes for A4.
"""

from html import escape


WIDTH = 720
PALETTE = ("#000091", "#c9191e", "#18753c", "#b34000", "#6a6af4", "#695240")  # DSFR-like, contrast >= 4.5:1 on white
LABEL_WIDTH = 230
BAND = 14
FONT = 'font-family="Marianne, Arial, sans-serif" font-size="11"'


def number(value):
    return value if isinstance(value, int | float) else 0


def short(text, size=38):
    text = str(text)
    return text if len(text) <= size else text[: size - 1] + "…"


def legend(names, y):
    parts, x = [], 10
    for rank, name in enumerate(names):
        colour = PALETTE[rank % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}" {FONT}>{escape(short(name, 30))}</text>')
        x += 24 + 7 * min(len(name), 30)
    return parts


def bars(rows, x, series, titles):
    scale = max((number(row.get(name)) for row in rows for name in series), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    band = BAND * len(series) + 8
    parts, y = [], 24
    for row in rows:
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + band / 2}" text-anchor="end" {FONT}>{escape(short(row.get(x, "")))}</text>')
        for rank, name in enumerate(series):
            value = number(row.get(name))
            length = room * value / scale
            top = y + rank * BAND
            colour = PALETTE[rank % len(PALETTE)]
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{top}" width="{length:.1f}" height="{BAND - 2}" fill="{colour}"/>')
            shown = "–" if row.get(name) is None else str(row.get(name))
            parts.append(f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{top + BAND - 4}" {FONT}>{escape(shown)}</text>')
        y += band
    return parts + legend([titles[name] for name in series], 12), y + 4


def stacked(rows, x, series, titles):
    height, top, bottom = 220, 24, 30
    scale = max((sum(number(row.get(name)) for name in series) for row in rows), default=0) or 1
    slot = (WIDTH - 50) / max(len(rows), 1)
    parts = [f'<line x1="40" y1="{top + height}" x2="{WIDTH - 10}" y2="{top + height}" stroke="#666"/>']
    parts.append(f'<text x="36" y="{top + 8}" text-anchor="end" {FONT}>{scale}</text>')
    for index, row in enumerate(rows):
        left, base = 44 + index * slot, top + height
        for rank, name in enumerate(series):
            size = height * number(row.get(name)) / scale
            base -= size
            parts.append(f'<rect x="{left:.1f}" y="{base:.1f}" width="{slot * 0.7:.1f}" height="{size:.1f}" fill="{PALETTE[rank % len(PALETTE)]}"/>')
        label = escape(short(row.get(x, ""), 8))
        parts.append(f'<text x="{left + slot * 0.35:.1f}" y="{top + height + 14}" text-anchor="middle" {FONT}>{label}</text>')
    return parts + legend([titles[name] for name in series], 12), top + height + bottom


def line(rows, x, series, titles):
    height, top = 220, 24
    scale = max((number(row.get(name)) for row in rows for name in series), default=0) or 1
    step = (WIDTH - 60) / max(len(rows) - 1, 1)
    parts = [f'<line x1="40" y1="{top + height}" x2="{WIDTH - 10}" y2="{top + height}" stroke="#666"/>']
    parts.append(f'<text x="36" y="{top + 8}" text-anchor="end" {FONT}>{scale}</text>')
    parts.append(f'<text x="36" y="{top + height}" text-anchor="end" {FONT}>0</text>')
    for rank, name in enumerate(series):
        points = " ".join(f"{44 + index * step:.1f},{top + height - height * number(row.get(name)) / scale:.1f}" for index, row in enumerate(rows))
        dash = ' stroke-dasharray="6 3"' if rank % 2 else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{PALETTE[rank % len(PALETTE)]}" stroke-width="2"{dash}/>')
    every = max(1, len(rows) // 8)
    for index, row in enumerate(rows):
        if index % every == 0:
            label = escape(str(row.get(x, "")))
            parts.append(f'<text x="{44 + index * step:.1f}" y="{top + height + 14}" text-anchor="middle" {FONT}>{label}</text>')
    return parts + legend([titles[name] for name in series], 12), top + height + 30


DRAW = {"bars": bars, "stacked": stacked, "line": line}


def render(panel, ident, description):
    """The SVG markup of the panel's chart, "" for kind "none" or no rows."""
    spec = panel["chart"]
    if spec["kind"] not in DRAW or not panel["rows"] or not spec["series"]:
        return ""
    titles = {column["id"]: column["title"] for column in panel["columns"]}
    parts, height = DRAW[spec["kind"]](panel["rows"], spec["x"], spec["series"], titles)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="guichet-chart" role="img" viewBox="0 0 {WIDTH} {height:.0f}"'
        f' aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(panel["title"])}</title><desc id="{ident}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
