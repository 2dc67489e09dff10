"""`python -m guichet_kb.cluster <command>`: the cluster's operator commands.

    packages   install the Debian packages the cluster runs on (root), or say which
    up         start the whole stack in the foreground (make cluster); Ctrl-C stops it
    restart    restart the running stack's instances one by one behind HAProxy
    database   create the cluster's PostgreSQL data directory, role and empty database
               if absent, and start nothing (before `make migrate`; a VM)
    configure  write every configuration file (instances, HAProxy, Varnish) under
               CLUSTER_VAR and start nothing: for a VM run by systemd (deploy/README.md)

Settings come from the environment (README, "make cluster"). Every refusal is one
line, `make cluster: <message>`, and a non-zero exit.
"""

import argparse
from guichet_kb.cluster import packages
from guichet_kb.cluster import settings as cluster_settings
from guichet_kb.cluster.errors import ClusterError
import sys


def configure(settings):
    """Every configuration file of the topology, rendered and checked; their paths."""
    from guichet_kb.cluster import haproxy
    from guichet_kb.cluster import render
    from guichet_kb.cluster import varnish

    etcs = [render.instance(settings, number) for number in range(1, settings.instances + 1)]
    return [*(etc / "zope.ini" for etc in etcs), haproxy.write_config(settings), varnish.write_vcl(settings), render.pack_config(settings)]


def database(settings):
    """The cluster's data directory, role and database, made when absent; what was done."""
    from guichet_kb.cluster.postgres import Postgres

    pg = Postgres(settings)
    created = pg.init()
    process = None if pg.ready() else pg.start()
    try:
        pg.ensure_database()
    finally:
        if process is not None:
            pg.stop(process)
    state = "created" if created else "already there"
    return f"PostgreSQL data directory {pg.data} {state}; database {settings.database} (user {settings.db_user}) ready"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m guichet_kb.cluster", description="Guichet KB cluster (make cluster).")
    parser.add_argument("command", choices=("packages", "up", "restart", "database", "configure"))
    args = parser.parse_args(argv)
    try:
        if args.command == "packages":
            installed = packages.ensure()
            if installed:
                print(f"installed: {', '.join(installed)}")
            return 0
        settings = cluster_settings.from_env()
        if args.command == "database":
            print(database(settings))
            return 0
        if args.command == "configure":
            for path in configure(settings):
                print(path)
            return 0
        if args.command == "up":
            from guichet_kb.cluster.stack import Stack

            Stack(settings).up()
        else:
            from guichet_kb.cluster.rolling import restart

            number = restart(settings)
            print(f"rolling restart {number} done: every instance restarted behind HAProxy")
        return 0
    except ClusterError as error:
        print(f"make cluster: {error}", file=sys.stderr, flush=True)
        return error.code or 1


if __name__ == "__main__":
    sys.exit(main())
