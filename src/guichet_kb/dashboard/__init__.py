"""The user-relationship dashboard (issue 17): its period, panels, page, REST and monthly summary."""
