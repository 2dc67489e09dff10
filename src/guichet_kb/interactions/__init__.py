"""Agents' interaction log, "information incorrecte" reports and the checklist mail.

See docs/agent.md for the storage choice (ZODB BTrees, spread keys, Length counter).
"""
