"""One small tree model for DILA fiches, read from XML or from xml-js JSON.

xml-js keeps element order, attributes and mixed text, so both inputs give the
same tree: ``Node(name, attrs, children)`` where children are Nodes or strings.
Pure Python (no Zope), so the CLI can parse files before sending them.
"""

import json
import re
from xml.etree import ElementTree


class FicheError(ValueError):
    """A fiche that cannot be read, with a reason a person can act on."""


class Node:
    __slots__ = ("name", "attrs", "children")

    def __init__(self, name, attrs=None, children=None):
        self.name = name
        self.attrs = attrs or {}
        self.children = children or []

    def elements(self, name=None):
        return [c for c in self.children if isinstance(c, Node) and (name is None or c.name == name)]

    def first(self, name):
        found = self.elements(name)
        return found[0] if found else None

    def find_all(self, name):
        """Every descendant element called ``name``, document order."""
        for child in self.elements():
            if child.name == name:
                yield child
            yield from child.find_all(name)

    def text(self):
        return normalise("".join(c if isinstance(c, str) else c.text() for c in self.children))


_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def normalise(value):
    """Collapse non-breaking and repeated spaces, as DILA titles carry them."""
    return _SPACES.sub(" ", value or "").strip()


def from_xmljs(data):
    """xml-js JSON (elementsKey "children", attributesKey "attributes", textKey "text")."""
    if isinstance(data, dict) and "children" in data and "name" not in data:
        roots = [c for c in data["children"] if c.get("type") == "element"]
        if len(roots) != 1:
            raise FicheError("expected one root element")
        data = roots[0]
    if not isinstance(data, dict) or data.get("type") != "element":
        raise FicheError("not an xml-js element")

    def convert(item):
        if item.get("type") == "element":
            return Node(
                item["name"],
                item.get("attributes") or {},
                [convert(c) for c in item.get("children", []) if c.get("type") in ("element", "text", "cdata")],
            )  # noqa: E501
        return item.get("text") or item.get("cdata") or ""

    return convert(data)


def from_xml(text):
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise FicheError(f"malformed XML: {error}") from None

    def name(tag):
        # ElementTree expands namespaces; DILA uses the dc: prefix only.
        return "dc:" + tag.split("}", 1)[1] if tag.startswith("{http://purl.org/dc/elements/1.1/}") else tag

    def convert(element):
        children = [element.text] if element.text else []
        for child in element:
            children.append(convert(child))
            if child.tail:
                children.append(child.tail)
        attrs = {name(k).replace("{http://www.w3.org/2001/XMLSchema-instance}", "xsi:"): v for k, v in element.attrib.items()}
        return Node(name(element.tag), attrs, children)

    return convert(root)


def load(raw, filename=""):
    """Bytes or text of one fiche file (.xml or .json) -> root Node."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise FicheError("not UTF-8") from None
    stripped = raw.lstrip()
    if filename.endswith(".xml") or stripped.startswith("<"):
        return from_xml(raw)
    try:
        return from_xmljs(json.loads(raw))
    except json.JSONDecodeError as error:
        raise FicheError(f"malformed JSON: {error.msg} (line {error.lineno})") from None
