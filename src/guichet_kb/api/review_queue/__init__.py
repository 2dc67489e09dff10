"""GET @review-queue and POST @review-reminders."""
