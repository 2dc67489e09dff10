"""GET @slots: the free appointment slots of a service, per agenda (get.py)."""
