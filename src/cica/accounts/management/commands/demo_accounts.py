from django.core.management.base import BaseCommand
from django.db import transaction

from cica.accounts import actions
from cica.accounts.models import User
from cica.core.roles import SYSTEM

# One account per role, affiliated with states and an organization of the reference data.
DEMO = [
    ("secretariat", User.Role.SECRETARIAT, None, None),
    ("delegate-kz", User.Role.DELEGATE, "KZ", None),
    ("delegate-in", User.Role.DELEGATE, "IN", None),
    ("observer-jp", User.Role.OBSERVER, "JP", None),
    ("observer-un", User.Role.OBSERVER, None, "UN"),
]


class Command(BaseCommand):
    help = "Create demo accounts, one per role, with new random passwords, and print them."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write("Demo accounts (new passwords each run):")
        for username, role, state, organization in DEMO:
            password = actions.random_password()
            user = User.objects.filter(username=username).first()
            if user is None:
                user = actions.create_user(
                    acting_user=SYSTEM,
                    username=username,
                    role=role,
                    state_code=state,
                    organization_code=organization,
                    password=password,
                )
            else:
                actions.set_password(acting_user=SYSTEM, user=user, password=password)
            self.stdout.write(f"  {username:<12} {password}   {user.get_role_display()}")
        self.stdout.write(
            "Officers and delegates set up an authenticator app (any TOTP app) at their first "
            "sign-in, then give a code from it at each sign-in."
        )
