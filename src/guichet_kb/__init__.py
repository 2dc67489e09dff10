"""Guichet KB add-on."""
from zope.i18nmessageid import MessageFactory

_ = MessageFactory("guichet_kb")
