"""Queue rules and the desk schedule of the appointments' core tests (no site needed)."""

from guichet_kb.queues.rules import QueueCounter
from guichet_kb.queues.rules import QueueRules
from guichet_kb.queues.rules import QueueService
from guichet_kb.queues.ticket import Contact


CNI = QueueService("uid-cni", "C", 10)
PASSPORT = QueueService("uid-passport", "P", 20)
MADAME = Contact("madame.x@example.org")


def queue_rules(**changes):
    values = {
        "queue": "uid-queue",
        "desk": "uid-desk",
        "services": (CNI, PASSPORT),
        "counters": (QueueCounter("g1", "Guichet 1"), QueueCounter("g2", "Guichet 2", frozenset({"C"}))),
        "grace_minutes": 3,
    }
    values.update(changes)
    return QueueRules(**values)
