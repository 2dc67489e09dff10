"""GET and POST @fact-check-answer: the expert's side, with the link's token (get.py, post.py)."""
