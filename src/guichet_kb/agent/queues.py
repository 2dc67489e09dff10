"""The virtual queue on the command line (issue 19):

- ``guichet-kb queue-notify [--every SECONDS]``: the "your turn is near" notices due
  (POST @queue-notifications; a Site Administrator's account, GUICHET_USER /
  GUICHET_PASSWORD). Once without ``--every``; with it, a loop for a supervised
  program (deploy/systemd/guichet-queue-notify.service: ``--every 15``) that calls
  again every SECONDS, prints a line when something was sent, reports an unreachable
  site (or a 5xx) on stderr and carries on, stops with the error on a refusal (401, 403), and stops on SIGTERM or Ctrl-C. The backend sends each
  notice once, so two loops (two hosts) send nothing twice.
"""

from guichet_kb.agent.client import ClientError
import signal
import sys
import time


EVERY_MIN, EVERY_MAX = 1, 3600


def _every(value):
    import argparse

    if not (value.isdigit() and EVERY_MIN <= int(value) <= EVERY_MAX):
        raise argparse.ArgumentTypeError(f"a whole number of seconds from {EVERY_MIN} to {EVERY_MAX}")
    return int(value)


def _once(client):
    return client.post("@queue-notifications")["sent"]


def notify(client, args):
    if args.every is None:
        print(f"{_once(client)} queue notice(s) sent.")
        return 0
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
    try:
        while not stopping:
            started = time.monotonic()
            try:
                sent = _once(client)
                if sent:
                    print(f"{sent} queue notice(s) sent.", flush=True)
            except ClientError as error:
                if error.exit_code != 2 and (error.status or 0) < 500:  # refused (a bad account, a 4xx): it will not mend itself
                    raise
                print(f"guichet-kb: {error}", file=sys.stderr, flush=True)
            while not stopping and time.monotonic() - started < args.every:
                time.sleep(min(0.5, args.every))
    except KeyboardInterrupt:
        pass
    return 0


def add_arguments(name, command):
    """Arguments of these commands (called by cli.parser)."""
    if name == "queue-notify":
        command.add_argument("--every", type=_every, help="run again every SECONDS (a supervised loop; the job uses 15)")


COMMANDS = {
    "queue-notify": (notify, "send the queue's 'your turn is near' notices due, each once (Site Administrators; --every 15 as a service)"),
}
