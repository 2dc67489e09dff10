"""Editorial workflow: completeness rules, four eyes, review dates, flags, notifications."""
