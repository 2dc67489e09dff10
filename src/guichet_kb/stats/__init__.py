"""Popularity (page views) and "Cette page vous a-t-elle été utile ?" feedback.

Storage: in the ZODB, built for many small concurrent writes. Views are counted
per sheet and per day in BTrees.Length counters, whose conflict resolution merges
concurrent increments instead of raising ConflictError; feedback entries are
keyed by a unique 64-bit integer in an LOBTree, so concurrent additions touch different
keys. No personal data is kept: no IP address, no user id, comments capped.
A visitor counts once per sheet and day (visitors.py, in memory only).
"""
