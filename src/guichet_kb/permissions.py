"""Permission ids used in Python code (declared in permissions.zcml)."""

VIEW_INTERNAL = "guichet_kb.ViewInternalInformation"
