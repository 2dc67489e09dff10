"""`guichet-kb-public`: serve the public site (PLONE_URL, PUBLIC_PORT, PUBLIC_HOST, PUBLIC_WORKERS)."""

import os
import uvicorn


def main():
    uvicorn.run(
        "guichet_kb.public.app:create_app",
        factory=True,
        host=os.environ.get("PUBLIC_HOST", "0.0.0.0"),
        port=int(os.environ.get("PUBLIC_PORT", "8000")),
        workers=int(os.environ.get("PUBLIC_WORKERS", "1")),
        proxy_headers=False,
        log_level=os.environ.get("PUBLIC_LOG_LEVEL", "warning"),
        server_header=False,
    )


if __name__ == "__main__":
    main()
