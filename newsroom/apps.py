from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the audit trail's sign-in receivers.
        from . import audit, cache, involvement, memo, security  # noqa: F401

        # One content generation, bumped by the signals, serves the page cache and the
        # remembered archive-wide figures (newsroom/memo.py) alike.
        cache.connect_signals()
        memo.connect_signals()
        # The organisations each article involves (a derived table the filters read).
        involvement.connect_signals()
