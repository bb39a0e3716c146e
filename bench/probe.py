"""The benchmark's look inside Django: which addresses to measure, and how many SQL queries each
page makes. Run by bench.run with the stack's environment (production settings, the data set's
database):

    python -m bench.probe targets            # JSON: {name: path}
    python -m bench.probe queries PATH ...   # JSON: {path: {"status": 200, "queries": 5}}

Queries are counted with Django's test client and CaptureQueriesContext (which records them
whatever DEBUG says), on the second request for each page: the first one also pays for what a
worker loads once (content types, translations, a cold page cache).
"""

import json
import math
import os
import sys
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from newsroom.models import Article, Organisation, Tag  # noqa: E402

SEARCH_TERM = "trafficking"
STATIC_FILE = "img/favicon.svg"


def targets():
    """The pages to measure, picked from the data set so that each has something to show."""
    translation.activate(settings.LANGUAGE_CODE)
    public = Article.objects.public()
    news = reverse("newsroom:article_list")
    last_page = max(1, math.ceil(public.count() / settings.NEWSROOM_PAGE_SIZE))

    tag = (
        Tag.objects.filter(tagged_articles__content_object__in=public.values("pk"))
        .annotate(uses=Count("tagged_articles"))
        .order_by("-uses", "pk")
        .first()
    )
    tagged = public.filter(tags=tag)
    organisation = (
        Organisation.objects.filter(articles__in=tagged.values("pk"))
        .annotate(uses=Count("articles"))
        .order_by("-uses", "pk")
        .first()
    )
    years = Counter(
        tagged.filter(organisations=organisation).values_list("published_at__year", flat=True)
    )
    year = max(sorted(years), key=years.get)

    relations = public.exclude(hero_image="").filter(
        events__isnull=False, organisations__isnull=False, participants__isnull=False
    )
    article = relations.order_by("pk").first() or public.order_by("pk").first()

    return {
        "reference": "/bench/ping",
        "static file": staticfiles_storage.url(STATIC_FILE),
        "home": reverse("newsroom:home"),
        "news list": news,
        "deep list page": f"{news}?page={last_page}",
        "tag filter": f"{news}?tag={tag.slug}",
        "multi-facet filter": f"{news}?tag={tag.slug}&organisation={organisation.slug}&year={year}",
        "detail": article.get_absolute_url(),
        "floor: one article": f"/bench/floor/{article.slug}",
        "floor: 20 articles": "/bench/floor-list",
        "search": f"{reverse('newsroom:search')}?q={SEARCH_TERM}",
        "feed": reverse("newsroom:article_feed_rss"),
        "sitemap": reverse("sitemap_section", kwargs={"section": f"news-{settings.LANGUAGE_CODE}"}),
    }


def count_queries(paths):
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    counts = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[path] = {"status": response.status_code, "queries": len(queries)}
    return counts


def main(argv):
    if argv[:1] == ["targets"]:
        result = targets()
    elif argv[:1] == ["queries"]:
        result = count_queries(argv[1:])
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
