"""GenericSetup registration and install / uninstall handlers."""
