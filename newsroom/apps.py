from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the audit trail's sign-in receivers.
        from . import audit, memo, security  # noqa: F401

        memo.connect_signals()
