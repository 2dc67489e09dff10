"""DILA rich text (Paragraphe, Liste, Cas, Tableau...) to simple, safe HTML."""

from guichet_kb.importers.nodes import Node
from guichet_kb.importers.nodes import normalise
from html import escape


# Elements whose content is shown as a boxed note, with their title in bold.
NOTES = {"Attention": "warning", "ASavoir": "info", "ANoter": "info", "Rappel": "info"}
SKIP = {"Condition", "Source", "FilDAriane", "Introduction_"}


def inline(node):
    """Text with links and emphasis, escaped."""
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(escape(child))
        elif child.name == "LienExterne" and child.attrs.get("URL"):
            parts.append(f'<a href="{escape(child.attrs["URL"], quote=True)}">{escape(child.text())}</a>')
        elif child.name in ("MiseEnEvidence", "Expression"):
            parts.append(f"<strong>{inline(child)}</strong>")
        elif child.name not in SKIP:
            parts.append(inline(child))
    return normalise("".join(parts))


def block(node, level=3):
    """Render a block element and its children."""
    if isinstance(node, str):
        text = normalise(node)
        return f"<p>{escape(text)}</p>" if text else ""
    name = node.name
    if name in SKIP:
        return ""
    if name == "Paragraphe":
        text = inline(node)
        return f"<p>{text}</p>" if text else ""
    if name == "Titre":
        return f"<h{level}>{escape(node.text())}</h{level}>"
    if name == "Liste":
        tag = "ol" if node.attrs.get("type") == "numero" else "ul"
        items = "".join(f"<li>{children(item, level)}</li>" for item in node.elements("Item"))
        return f"<{tag}>{items}</{tag}>"
    if name in NOTES:
        title = node.first("Titre")
        head = f"<strong>{escape(title.text())} :</strong> " if title is not None else ""
        body = "".join(block(c, level + 1) for c in node.children if not (isinstance(c, Node) and c.name == "Titre"))
        return f'<div class="alert alert-{NOTES[name]}">{head}{body}</div>'
    if name == "Tableau":
        rows = []
        for row in node.elements("Rangée"):
            cell = "th" if row.attrs.get("type") == "header" else "td"
            rows.append("<tr>" + "".join(f"<{cell}>{children(c, level)}</{cell}>" for c in row.elements("Cellule")) + "</tr>")
        title = node.first("Titre")
        caption = f"<caption>{escape(title.text())}</caption>" if title is not None else ""
        return f'<table class="table">{caption}{"".join(rows)}</table>'
    if name in ("ServiceEnLigne", "OuSAdresser", "PourEnSavoirPlus"):
        title = node.first("Titre")
        label = escape(title.text()) if title is not None else ""
        url = node.attrs.get("URL") or (node.first("RessourceWeb").attrs.get("URL") if node.first("RessourceWeb") else "")
        return f'<p><a href="{escape(url, quote=True)}">{label}</a></p>' if url else (f"<p>{label}</p>" if label else "")
    if name in ("Cas", "Situation", "Chapitre", "SousChapitre"):
        return f"<section>{children(node, level + 1, title_level=level)}</section>"
    return children(node, level)


def children(node, level=3, title_level=None):
    out = []
    for child in node.children:
        if isinstance(child, Node) and child.name == "Titre":
            out.append(block(child, title_level or level))
        else:
            out.append(block(child, level))
    return "".join(out)
