"""POST @import-service-public: Service-Public fiches sent by the CLI (post.py)."""
