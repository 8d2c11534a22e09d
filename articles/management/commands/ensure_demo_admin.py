import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure the demo superuser 'admin' exists. Its password is DEMO_ADMIN_PASSWORD when set, "
        "otherwise a random one printed once, when the user is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.com")

    def handle(self, *args, username, email, **options):
        wanted_password = os.environ.get("DEMO_ADMIN_PASSWORD", "")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = wanted_password or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
            self.stdout.write(self.style.SUCCESS(f"Created the demo superuser '{username}'."))
            if wanted_password:
                self.stdout.write("Its password is the value of DEMO_ADMIN_PASSWORD.")
            else:
                self.stdout.write(f"Its password is: {password}")
            return
        if wanted_password and not user.check_password(wanted_password):
            user.set_password(wanted_password)
            user.save(update_fields=["password"])
            self.stdout.write(
                f"Set the password of '{username}' to the value of DEMO_ADMIN_PASSWORD."
            )
        else:
            self.stdout.write(
                f"The demo superuser '{username}' already exists; its password is unchanged."
            )
