"""Dates: one local time zone per Zope process.

Plone stores effective and expiration dates as DateTime objects built from naive
wall times, and plone.restapi produces those wall times with Python's own idea of
local time. Both must agree, which they only do when the process's time zone is set
before Python starts (zone.py checks it at startup; README "Time zone").
"""
