from django.core.management.base import BaseCommand

from newsroom.roles import ROLE_PERMISSIONS, sync_roles


class Command(BaseCommand):
    help = (
        "Create the Author, Editor and Administrator groups if missing and give each exactly "
        "the permissions listed in newsroom/roles.py (permissions added by hand are removed)."
    )

    def handle(self, *args, **options):
        for role, count in sync_roles().items():
            wanted = len(ROLE_PERMISSIONS[role])
            note = "" if count == wanted else f" ({wanted - count} not installed here)"
            self.stdout.write(f"  {role:<14} {count} permissions{note}")
        self.stdout.write(self.style.SUCCESS("Roles are in line with newsroom/roles.py."))
