"""``manage.py issue_token USERNAME [--editor] [--create-user]``: print the user's API token.

The same token is printed on every run (one per user), so scripts can call it repeatedly.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token

from conflict.editors import EDITORS_GROUP, ensure_editors_group


class Command(BaseCommand):
    help = "Print USERNAME's API token, creating it if needed; --editor adds the user to editors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--editor",
            action="store_true",
            help=f"Add the user to the {EDITORS_GROUP} group (and let them use the admin).",
        )
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="Create the user (with an unusable password) if it does not exist.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        from django.apps import apps

        user_model = get_user_model()
        username = options["username"]
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            if not options["create_user"]:
                raise CommandError(
                    f"No user {username!r}; pass --create-user to create one."
                ) from None
            user = user_model.objects.create_user(username, password=get_random_string(32))
            user.set_unusable_password()
            user.save()
        if options["editor"]:
            user.groups.add(ensure_editors_group(apps))
            if not user.is_staff:  # editors curate in the admin too
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
