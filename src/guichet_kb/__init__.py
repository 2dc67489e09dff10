"""Guichet KB add-on."""


def __getattr__(name):
    # The message factory is made on first use, so that guichet_kb.public (a web app
    # without Zope) can import this package without loading any zope.* module.
    if name == "_":
        from zope.i18nmessageid import MessageFactory

        factory = globals()["_"] = MessageFactory("guichet_kb")
        return factory
    raise AttributeError(f"module 'guichet_kb' has no attribute {name!r}")
