"""The dashboard's page read back as figures: `Tables` parses @@tableau-de-bord into
{panel id: [[cell text, ...] per table row]} and the at-a-glance figures {dd id: text}."""

from html.parser import HTMLParser


class Tables(HTMLParser):
    """{section id: [[cell text, ...] per row]} of the page's panel tables, and the glance."""

    def __init__(self):
        super().__init__()
        self.tables, self.section, self.row, self.cell, self.glance, self.dd = {}, None, None, None, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and (attrs.get("id") or "").startswith("panel-"):
            self.section = attrs["id"][len("panel-") :]
            self.tables[self.section] = []
        elif tag == "tr" and self.section:
            self.row = []
            self.tables[self.section].append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "dd":
            self.dd = attrs.get("id")
            self.glance[self.dd] = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "table":
            self.row = None
        elif tag == "dd":
            self.dd = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.dd:
            self.glance[self.dd] += data.strip()
