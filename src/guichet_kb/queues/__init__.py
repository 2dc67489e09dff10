"""The virtual queue (issue 19): queues at desks, their tickets and counters."""
