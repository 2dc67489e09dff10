"""POST @import-digest: e-mail the reviewers what one import run did (post.py)."""
