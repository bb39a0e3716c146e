"""Every public page type, and the admin's sign-in, audited by axe-core and photographed."""

from http import HTTPStatus

import pytest
from django.db.models import Count
from django.utils import translation

from newsroom.models import Article, Event, Organisation, Participant, Tag

pytestmark = pytest.mark.browser


def _article():
    return Article.objects.published().exclude(hero_image="").latest("published_at")


def _filtered_news():
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n", "name").first()
    organisation = (
        Organisation.objects.filter(articles__tags=tag)
        .annotate(n=Count("articles"))
        .order_by("-n", "name")
        .first()
    )
    return f"/news/?tag={tag.slug}&organisation={organisation.slug}"


def _archive_month():
    published_at = _article().published_at
    return f"/news/{published_at.year}/{published_at.month}/"


def _search_word():
    return _article().title.split()[0]


def _in_russian(queryset):
    """The Russian address of the newest item of `queryset` written in Russian."""
    obj = queryset.published().in_language("ru").order_by("-published_at").first()
    with translation.override("ru"):
        return obj.get_absolute_url()


def _english_only_in_russian():
    """An English-only article's address under /ru/: the "not in this language" page."""
    article = Article.objects.published().filter(title_ru="").first()
    return f"/ru{article.get_absolute_url()}"


# name: (address, expected status); an address is a string or a function of the demo content.
PAGES = {
    "home": ("/", HTTPStatus.OK),
    "news-list": ("/news/", HTTPStatus.OK),
    "news-filtered": (_filtered_news, HTTPStatus.OK),
    "news-filter-error": ("/news/?date_from=2020-06-01&date_to=2020-01-01", HTTPStatus.BAD_REQUEST),
    "news-empty": ("/news/?q=zzzqqxx", HTTPStatus.OK),
    "article": (lambda: _article().get_absolute_url(), HTTPStatus.OK),
    "archive-year": (lambda: f"/news/{_article().published_at.year}/", HTTPStatus.OK),
    "archive-month": (_archive_month, HTTPStatus.OK),
    "event-list": ("/events/", HTTPStatus.OK),
    "event": (
        lambda: (
            Event.objects.published()
            .annotate(n=Count("participations"))
            .order_by("-n", "slug")
            .first()
            .get_absolute_url()
        ),
        HTTPStatus.OK,
    ),
    "people-list": ("/people/", HTTPStatus.OK),
    "person": (
        lambda: (
            Participant.objects.annotate(n=Count("positions"))
            .order_by("-n", "slug")
            .first()
            .get_absolute_url()
        ),
        HTTPStatus.OK,
    ),
    "organisation-list": ("/organisations/", HTTPStatus.OK),
    "organisation": (
        lambda: Organisation.objects.get(slug="caricc").get_absolute_url(),
        HTTPStatus.OK,
    ),
    "tag-list": ("/tags/", HTTPStatus.OK),
    "tag": (
        lambda: (
            Tag.objects.annotate(n=Count("articles"))
            .order_by("-n", "name")
            .first()
            .get_absolute_url()
        ),
        HTTPStatus.OK,
    ),
    "search-results": (lambda: f"/search/?q={_search_word()}", HTTPStatus.OK),
    "search-empty": ("/search/?q=zzzqqxx", HTTPStatus.OK),
    "not-found": ("/no-such-page/", HTTPStatus.NOT_FOUND),
    "country-list": ("/countries/", HTTPStatus.OK),
    "country": ("/countries/kazakhstan/", HTTPStatus.OK),
    "organisation-timeline": ("/organisations/caricc/timeline/", HTTPStatus.OK),
    "ru-home": ("/ru/", HTTPStatus.OK),
    "ru-news-list": ("/ru/news/", HTTPStatus.OK),
    "ru-article": (lambda: _in_russian(Article.objects), HTTPStatus.OK),
    "ru-event": (lambda: _in_russian(Event.objects), HTTPStatus.OK),
    "ru-country": ("/ru/countries/kazakhstan/", HTTPStatus.OK),
    "ru-search": ("/ru/search/?q=%D0%A6%D0%90%D0%A0%D0%98%D0%9A%D0%A6", HTTPStatus.OK),
    "ru-not-in-language": (_english_only_in_russian, HTTPStatus.NOT_FOUND),
    "admin-login": ("/admin/login/", HTTPStatus.OK),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_type_has_no_serious_accessibility_violations(name, demo, page, axe_check, screenshot):
    address, status = PAGES[name]
    response = page.goto(address() if callable(address) else address)
    assert response.status == status
    screenshot(page, name)
    axe_check(page, name)
