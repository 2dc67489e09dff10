"""`BookingRefused`: why a booking, a move, a cancellation or a status was refused.

`status` is the HTTP status the REST layer answers (400 bad input, 404 unknown,
409 taken or full, 410 gone); `message` an i18n Message; `slots` the next free
`slots.Slot`s to propose instead (a taken slot, a full day), else empty.
"""


class BookingRefused(Exception):
    def __init__(self, status, message, slots=(), kind="BookingRefused"):
        super().__init__(str(message))
        self.status = status
        self.message = message
        self.slots = tuple(slots)
        self.kind = kind
