"""`guichet-kb appointment-reminders`: the booking reminders due (cron every 15 minutes).

A Site Administrator's account (GUICHET_USER / GUICHET_PASSWORD); POST
@appointment-reminders does the work and sends each reminder once, so running it
twice, or on two hosts, sends nothing twice.
"""


def reminders(client, args):
    result = client.post("@appointment-reminders")
    print(f"{result['reminders_sent']} reminder e-mail(s) sent.")


COMMANDS = {
    "appointment-reminders": (reminders, "e-mail the booking reminders that are due, each once (Site Administrators, cron every 15 min)"),
}
