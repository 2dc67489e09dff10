"""REST API: deserializers that reject unknown or malformed input with a clear 400."""
