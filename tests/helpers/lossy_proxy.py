"""A TCP proxy in front of the test site that loses one answer: what a client sees when an
instance dies after its commit, or when the front answers 503 while no instance is up.

Every byte goes through unchanged, except for the first request whose first line
starts with ``head`` (e.g. ``b"POST /plone/@interactions"``):

- ``lose="answer"``: the request reaches the site, which handles it and commits;
  the proxy reads the start of the answer, then closes the client's connection
  without passing it on (the client gets no answer at all);
- ``lose="503"``: the proxy answers 503 itself and the site never sees the request.

`requests` records each matching request's ``Idempotency-Key`` header (None
without one), in order.
"""

import re
import socket
import threading


KEY_HEADER = re.compile(rb"\r\nIdempotency-Key:[ \t]*([^\r\n]*)", re.IGNORECASE)
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")  # what the console and the CLI send
UNAVAILABLE = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class LossyProxy:
    def __init__(self, upstream_port, head, lose="answer"):
        assert lose in ("answer", "503")
        self.upstream_port, self.head, self.lose = upstream_port, head, lose
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.requests = []
        self.lost = 0
        self._armed = True
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.listener.close()

    def url(self, site):
        """The site's URL through the proxy."""
        return site.replace(f":{self.upstream_port}/", f":{self.port}/", 1)

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._connection, args=(client,), daemon=True).start()

    def _hit(self, data):
        """Whether this chunk starts the request to lose (only the first match)."""
        if not data.startswith(self.head):
            return False
        match = KEY_HEADER.search(data)
        with self._lock:
            self.requests.append(match.group(1).decode() if match else None)
            hit, self._armed = self._armed, False
        return hit

    def _connection(self, client):
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        losing = threading.Event()

        def to_upstream():
            refused = False
            try:
                while data := client.recv(65536):
                    if not refused and self._hit(data):
                        losing.set()
                        if self.lose == "503":
                            client.sendall(UNAVAILABLE)
                            self.lost += 1
                            refused = True  # the rest of that request is read and dropped until the client closes
                    if not refused:
                        upstream.sendall(data)
            except OSError:
                pass
            finally:
                _close(upstream)

        threading.Thread(target=to_upstream, daemon=True).start()
        try:
            while data := upstream.recv(65536):
                if losing.is_set() and self.lose == "answer":  # the site answered (it has committed): the answer is lost
                    self.lost += 1
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
