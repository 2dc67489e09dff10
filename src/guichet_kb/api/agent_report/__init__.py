"""POST @agent-report: an agent says a sheet is wrong or an answer is missing (post.py)."""
