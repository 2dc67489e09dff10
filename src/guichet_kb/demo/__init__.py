"""The fictional town's demo catalogue and demo accounts (used by `make start`)."""
