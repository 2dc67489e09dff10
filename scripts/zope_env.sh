# Environment of every Zope process of the instance: sourced by scripts/start.sh
# before it runs zconsole and runwsgi.
#
# TZ is the portal's time zone (scripts/create_site.py creates the site in
# Europe/Paris). It must be in the environment when Python starts: the `time`
# module and DateTime read the zone once, at start, while the C library re-reads
# TZ at its next tzset(). Set later (zope.conf <environment>), it gives the process
# two local zones and publication dates written through REST drift; guichet_kb
# refuses to start then (src/guichet_kb/dates/zone.py, README "Time zone").
export TZ=Europe/Paris
