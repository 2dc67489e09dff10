"""Run the public site app for tests: uvicorn in a thread on a free port."""

from contextlib import contextmanager
from guichet_kb.public.app import create_app
import socket
import threading
import time
import uvicorn


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_public(settings, transport=None, port=None):
    """Yield the base URL of the running app (on `port`, default a free one); stop it afterwards."""
    port = port or free_port()
    config = uvicorn.Config(create_app(settings, transport=transport), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the public app did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)
