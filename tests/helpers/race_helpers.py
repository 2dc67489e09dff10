"""Requests racing as on several instances. `hold_first_two` and `race`: two requests both
pass a chosen function before either commits, then Zope's conflict retry decides (the
idempotency-key and the run-once digest tests). `all_at_once`: many POSTs released at
the same moment over real HTTP (concurrent bookings, concurrent queue tickets)."""

import threading
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubFailure


def hold_first_two(monkeypatch, module, name):
    """Patch module.name so its first two calls wait for each other; the list of what
    every call returned."""
    real, barrier, results, lock = getattr(module, name), threading.Barrier(2, timeout=20), [], threading.Lock()

    def held(*args, **kwargs):
        found = real(*args, **kwargs)
        with lock:
            results.append(found)
            first_two = len(results) <= 2
        if first_two:
            barrier.wait()
        return found

    monkeypatch.setattr(module, name, held)
    return results


def run_counting_retries(targets, timeout):
    """Run each callable of ``targets`` in its own thread, all started then joined; the
    names of the exceptions Zope retried meanwhile (IPubFailure with retry)."""
    retried, lock = [], threading.Lock()

    def on_failure(event):
        if event.retry:
            with lock:
                retried.append(type(event.exc_info[1]).__name__)

    getGlobalSiteManager().registerHandler(on_failure, (IPubFailure,))
    try:
        threads = [threading.Thread(target=target) for target in targets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout)
    finally:
        getGlobalSiteManager().unregisterHandler(on_failure, (IPubFailure,))
    return retried


def race(send):
    """Run send() twice at once; (answers, names of the exceptions Zope retried)."""
    answers = []
    retried = run_counting_retries([lambda: answers.append(send())] * 2, 60)
    return answers, retried


def all_at_once(rest, url, bodies, users):
    """POST every body to ``url`` at the same moment (a barrier), one thread each, as
    ``users`` in turn; (answers in the bodies' order, names of the exceptions Zope retried)."""
    barrier, answers = threading.Barrier(len(bodies), timeout=30), [None] * len(bodies)

    def send(index):
        session = rest(users[index % len(users)])
        barrier.wait()
        answers[index] = session.post(url, json=bodies[index], timeout=60)

    retried = run_counting_retries([lambda index=index: send(index) for index in range(len(bodies))], 90)
    return answers, retried
