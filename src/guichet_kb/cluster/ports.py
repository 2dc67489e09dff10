"""Every port the cluster binds is checked free before anything is created."""

from guichet_kb.cluster.errors import ClusterError
import socket


def in_use(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def check_free(settings):
    busy = [f"{port} ({what})" for port, what in settings.listening() if in_use(port)]
    if busy:
        raise ClusterError("port already in use: " + ", ".join(busy) + "; stop what uses it or set another port (README, make cluster)")
