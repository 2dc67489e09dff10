"""GET @open-data (the files and their metadata), GET @open-data/<name> (one file), POST @open-data (regenerate now)."""
