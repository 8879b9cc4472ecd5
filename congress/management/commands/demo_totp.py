"""Print the current second-factor code of a demo login: `manage.py demo_totp staff`. Only for
authenticators holding the demo secret (congress.demo.DEMO_TOTP_SECRET), so it reveals nothing of
a real account's."""

import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.demo import demo_totp_key
from congress.second_factor import totp_code


class Command(BaseCommand):
    help = "Print the current code of a demo login's authenticator (demo secret only)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="a demo login of the back office, e.g. staff or admin")

    def handle(self, *args, username: str, **options):
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).order_by("pk").first()
        if device is None:
            raise CommandError(f"{username} has no authenticator (the back-office demo logins get one from seed_demo).")
        if device.key != demo_totp_key():
            raise CommandError(f"{username}'s authenticator does not hold the demo secret; only demo codes are shown.")
        now = time.time()
        left = device.step - int(now - device.t0) % device.step
        self.stdout.write(totp_code(device, at=now))
        self.stderr.write(f"demo only: valid for {left} more seconds; each code is accepted once, "
                          "then wait for the next one.")
