"""@import-service-public: POST Service-Public fiches sent by the CLI (post.py); GET the hashes it already holds (get.py)."""
