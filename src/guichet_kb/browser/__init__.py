"""Classic UI views: service sheet, desk, settings control panel."""
