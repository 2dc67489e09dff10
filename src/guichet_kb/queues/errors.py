"""`QueueRefused`: why a ticket, a counter action or a rejoin was refused.

`status` is the HTTP status the REST layer answers (400 bad input, 404 unknown, 409 the
queue's or the counter's state says no), `message` an i18n Message, `kind` the error
type of the JSON answer (COMMON contract: Closed, Full, TooLate, UnknownService,
NotFound, CounterClosed, Busy, Grace, NotMissed, AlreadyRejoined, BadTransition,
BadPriority).
"""


class QueueRefused(Exception):
    def __init__(self, status, message, kind):
        super().__init__(str(message))
        self.status, self.message, self.kind = status, message, kind


def refuse(status, message, kind):
    raise QueueRefused(status, message, kind)
