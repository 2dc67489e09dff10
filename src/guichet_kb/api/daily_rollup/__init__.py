"""POST @daily-rollup: the daily job (Site Administrators, cron)."""
