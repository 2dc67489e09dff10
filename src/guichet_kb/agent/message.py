"""The command line's messages: a msgid with its English default, without Zope.

The CLI installs without Plone (README, "Install details"), so its texts cannot be
made by ``guichet_kb._`` (zope.i18nmessageid, which pulls zope.interface). A
``Message`` is the msgid as a plain string carrying ``default`` and ``mapping``
like zope's; i18ndude extracts ``_(...)`` calls into the guichet_kb domain
whatever ``_`` is bound to, and ``agent.texts`` reads the compiled catalogue.
"""


class Message(str):
    """``Message("cli_answer", default="Answer:")``: equal to its msgid."""

    default = None
    mapping = None

    def __new__(cls, msgid, default=None, mapping=None):
        message = super().__new__(cls, msgid)
        message.default = default
        message.mapping = mapping
        return message
