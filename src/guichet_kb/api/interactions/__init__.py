"""Agent tools over REST: interaction log, checklist by e-mail, agent reports."""
