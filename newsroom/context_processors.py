from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The default site name, in the catalogue so that Russian pages say «ЦАРИКЦ».
gettext_noop("CARICC")


def site_name():
    """NEWSROOM_SITE_NAME in the active language (as the catalogue has it, else as set)."""
    return gettext(settings.NEWSROOM_SITE_NAME)


def site(request):
    return {"site_name": site_name()}
