"""GET @catalogue-export and POST @catalogue-import (CSV or JSON)."""
