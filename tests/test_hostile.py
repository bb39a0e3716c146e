"""Hostile requests against every public address and the admin: never a 500, never an echo.

Every named route is reversed with real objects (a test checks that none is left out); each
address then gets, in every parameter it reads (its filters' own names included) and in a few it
does not, script and SQL-looking strings, NUL bytes, page numbers out of any integer's range,
impossible dates, 10 KB values, repeated and malformed parameters, Cyrillic and emoji; slugs in
paths get the same; public pages refuse other methods with 405, and the admin's forms refuse a
POST without a CSRF token with 403. Failures are collected per address, so that one test run
names every request that went wrong. The suite also runs on PostgreSQL, which refuses NUL bytes
in text (SQLite does not).
"""

import datetime
import re
from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from newsroom.filters import ArticleFilter, EventFilter, OrganisationFilter, ParticipantFilter
from newsroom.models import Article, LegacyRecord, Tag
from newsroom.preview import create_link, preview_url

from .factories import (
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
    make_position,
)

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
]
PAYLOADS = [
    *XSS,
    "' OR '1'='1'; DROP TABLE newsroom_article; --",
    "\x00",
    "heroin\x00seizure",
    "x" * 10_240,
    "Мирализода 🚀💊",
]
NUMBERS = [
    "-1",
    "9223372036854775808",  # one past PostgreSQL's bigint
    "-99999999999999999999",
    "1e400",
    "٣",  # an Arabic-Indic digit: int() takes it
]
DATES = ["0000-00-00", "99999-01-01", "0001-01-01", "9999-12-31"]
ALL_PAYLOADS = PAYLOADS + NUMBERS + DATES

# An unknown parameter, and those most addresses read or might.
COMMON_PARAMS = ["page", "q", "utm_source"]
NUMERIC_PARAMS = {"page", "p", "year"}
DATE_PARAMS = {"date_from", "date_to"}

# Lists whose filters read parameters through a form: each parameter is probed on its own, as
# one invalid value makes the form refuse the others before they reach the database.
FILTERS = {
    "newsroom:article_list": ArticleFilter.base_filters,
    "newsroom:event_list": EventFilter.base_filters,
    "newsroom:organisation_list": OrganisationFilter.base_filters,
    "newsroom:participant_list": ParticipantFilter.base_filters,
    "newsroom:search": ["q"],
    # The news list narrowed to a tag or a period: the same filters, a few of them probed.
    "newsroom:tag_detail": ["tag", "year", "date_from", "date_to"],
    "newsroom:article_archive_year": ["year", "date_from", "date_to"],
    "newsroom:article_archive_month": ["date_from", "date_to"],
}
# Parameters other addresses read.
EXTRA_PARAMS = {
    "newsroom:switch_language": ["next", "language"],
    "set_language": ["next", "language"],
    "sitemap_section": ["p"],
}


def payloads_for(param):
    """Every hostile string, and numbers or dates where the parameter may read one."""
    extra = NUMBERS if param in NUMERIC_PARAMS else []
    extra += DATES if param in DATE_PARAMS else []
    return PAYLOADS + extra


# Answers a GET may give; anything else (a 500 above all) is a failure.
GET_ANSWERS = {HTTPStatus.OK, HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.FOUND}
GET_ANSWERS |= {HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND}

# An attribute that would run the payload: the only way "javascript:alert(1)" can be unsafe.
SCRIPT_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


@pytest.fixture
def site(django_user_model):
    """One of everything a public address can name, and the addresses of every named route."""
    tag_names = ["heroin", "precursors"]
    organisation = make_organisation(name="CARICC", slug="caricc", country="KZ")
    person = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    make_position(person, title="Director", organisation=organisation)
    published_at = timezone.make_aware(datetime.datetime(2024, 3, 15, 10))
    article = make_article(
        title="Heroin seized", slug="heroin-seized", tags=tag_names, published_at=published_at
    )
    article.organisations.add(organisation)
    with translation.override("ru"):
        article.title, article.slug = "Изъят героин", "izyat-geroin"
        article.save()
    event = make_event(title="Working group", slug="working-group", tags=tag_names)
    event.hosts.add(organisation)
    make_participation(event, person)
    draft = make_article(title="Draft", slug="draft", status=Article.Status.DRAFT)
    editor = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-boss-1")
    link = create_link(draft, editor, datetime.timedelta(hours=24))
    LegacyRecord.objects.create(
        article=article,
        key="old-12",
        old_url="http://caricc.org/index.php/en/news/12-heroin",
        old_path="/index.php/en/news/12-heroin",
        imported_at=timezone.now(),
    )
    tag = Tag.objects.get(name="heroin")
    slug = {
        "article_detail": article.slug,
        "event_ics": event.slug,
        "event_detail": event.slug,
        "organisation_detail": organisation.slug,
        "organisation_timeline": organisation.slug,
        "country_detail": "kazakhstan",
        "participant_detail": person.slug,
        "tag_detail": tag.slug,
        "tag_feed_rss": tag.slug,
        "tag_feed_atom": tag.slug,
    }
    urls = {
        f"newsroom:{name}": reverse(f"newsroom:{name}", kwargs={"slug": s})
        for name, s in slug.items()
    }
    for name in (
        "home",
        "article_list",
        "article_feed_rss",
        "article_feed_atom",
        "event_list",
        "event_calendar",
        "organisation_list",
        "country_list",
        "participant_list",
        "search",
        "switch_language",
        "tag_list",
    ):
        urls[f"newsroom:{name}"] = reverse(f"newsroom:{name}")
    for name in ("section_feed_rss", "section_feed_atom"):
        urls[f"newsroom:{name}"] = reverse(f"newsroom:{name}", kwargs={"section": "news"})
    urls["newsroom:article_archive_year"] = reverse("newsroom:article_archive_year", args=[2024])
    urls["newsroom:article_archive_month"] = reverse(
        "newsroom:article_archive_month", args=[2024, 3]
    )
    urls["newsroom:article_preview"] = preview_url(link)
    urls["sitemap_index"] = reverse("sitemap_index")
    urls["sitemap_section"] = reverse("sitemap_section", kwargs={"section": "news-en"})
    urls["robots_txt"] = reverse("robots_txt")
    urls["healthz"] = reverse("healthz")
    urls["set_language"] = reverse("set_language")
    urls["password_reset_confirm"] = reverse(
        "password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"}
    )
    urls["password_reset_complete"] = reverse("password_reset_complete")
    urls["legacy"] = "/index.php/en/news/12-heroin"
    with translation.override("ru"):
        urls["ru:newsroom:search"] = reverse("newsroom:search")
        urls["ru:newsroom:article_detail"] = reverse(
            "newsroom:article_detail", kwargs={"slug": "izyat-geroin"}
        )
    return urls


def public_route_names():
    """Every named route outside the admin: (namespace:)name."""
    admin_prefix = settings.ADMIN_URL

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if not route.startswith(admin_prefix):
                    yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns, "", ""))


def anonymous():
    return Client(raise_request_exception=False)


def is_html(response):
    return response.get("Content-Type", "").startswith(("text/html", "application/xhtml"))


def echo_problem(response, payload):
    """What is unsafe about how the response shows `payload`, or None."""
    body = getattr(response, "content", b"").decode("utf-8", "replace")
    location = response.get("Location", "")
    if location.lower().lstrip().startswith("javascript:"):
        return f"redirects to {location[:60]!r}"
    if payload.startswith("javascript:"):
        return "a javascript: URL in an attribute" if SCRIPT_URL.search(body) else None
    if any(ch in payload for ch in "<>\"'") and payload in body:
        return "echoed unescaped"
    return None


def check(response, payload, answers=GET_ANSWERS):
    problems = []
    if response.status_code not in answers:
        problems.append(f"status {response.status_code}")
    if payload in XSS:
        problem = echo_problem(response, payload)
        if problem:
            problems.append(problem)
    return problems


def short(value):
    text = repr(value)
    return text if len(text) <= 50 else f"{text[:40]}…({len(value)} chars)"


def params_of(name):
    name = name.removeprefix("ru:")
    own = list(FILTERS.get(name, [])) + (["date_from", "date_to"] if name in FILTERS else [])
    return list(dict.fromkeys(own + EXTRA_PARAMS.get(name, []) + COMMON_PARAMS))


def probe(client, url, params, one_by_one):
    """Every payload in every parameter: one parameter a request for a filtered list, all of
    them at once elsewhere (nothing there stops at the first bad one)."""
    failures = []
    groups = [[param] for param in params] if one_by_one else [params]
    for group in groups:
        for payload in sorted(set().union(*(payloads_for(param) for param in group))):
            response = client.get(url, dict.fromkeys(group, payload))
            for problem in check(response, payload):
                failures.append(f"GET {url} ?{short(group)}={short(payload)}: {problem}")
        # Each parameter repeated, with every kind of value at once.
        response = client.get(url, dict.fromkeys(group, ALL_PAYLOADS))
        for problem in check(response, XSS[0]):
            failures.append(f"GET {url} ?{short(group)}=<every payload>: {problem}")
    return failures


PROBED = [
    "newsroom:home",
    "newsroom:article_list",
    "newsroom:article_feed_rss",
    "newsroom:article_feed_atom",
    "newsroom:section_feed_rss",
    "newsroom:section_feed_atom",
    "newsroom:article_archive_year",
    "newsroom:article_archive_month",
    "newsroom:article_detail",
    "newsroom:article_preview",
    "newsroom:event_list",
    "newsroom:event_calendar",
    "newsroom:event_ics",
    "newsroom:event_detail",
    "newsroom:organisation_list",
    "newsroom:organisation_detail",
    "newsroom:organisation_timeline",
    "newsroom:country_list",
    "newsroom:country_detail",
    "newsroom:participant_list",
    "newsroom:participant_detail",
    "newsroom:search",
    "newsroom:switch_language",
    "newsroom:tag_list",
    "newsroom:tag_detail",
    "newsroom:tag_feed_rss",
    "newsroom:tag_feed_atom",
    "sitemap_index",
    "sitemap_section",
    "robots_txt",
    "healthz",
    "set_language",
    "password_reset_confirm",
    "password_reset_complete",
    "legacy",
    "ru:newsroom:search",
    "ru:newsroom:article_detail",
]


def test_every_public_route_is_probed(site):
    """A new route fails here until it is added to the fixture and to PROBED."""
    routes = public_route_names()
    assert routes - {name.removeprefix("ru:") for name in site} == set()
    assert routes - {name.removeprefix("ru:") for name in PROBED} == set()


@pytest.mark.parametrize("name", PROBED)
def test_hostile_parameters_never_break_a_page_nor_echo_a_script(site, name):
    url = site[name]
    client = anonymous()
    assert client.get(url).status_code in GET_ANSWERS
    one_by_one = name.removeprefix("ru:") in FILTERS
    failures = probe(client, url, params_of(name), one_by_one)
    assert not failures, "\n".join(failures)


# --- Hostile paths -----------------------------------------------------------------------------

PATH_PAYLOADS = [
    "мирализода",
    "🚀",
    "\x00",
    "heroin\x00seized",
    "x" * 2_000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "99999999999999999999",
    "-1",
    "..",
]
PLACEHOLDER = "zz-placeholder-zz"
PATH_ROUTES = [
    ("newsroom:article_detail", {"slug": PLACEHOLDER}),
    ("newsroom:event_detail", {"slug": PLACEHOLDER}),
    ("newsroom:event_ics", {"slug": PLACEHOLDER}),
    ("newsroom:organisation_detail", {"slug": PLACEHOLDER}),
    ("newsroom:organisation_timeline", {"slug": PLACEHOLDER}),
    ("newsroom:country_detail", {"slug": PLACEHOLDER}),
    ("newsroom:participant_detail", {"slug": PLACEHOLDER}),
    ("newsroom:tag_detail", {"slug": PLACEHOLDER}),
    ("newsroom:tag_feed_rss", {"slug": PLACEHOLDER}),
    ("newsroom:section_feed_atom", {"section": PLACEHOLDER}),
    ("newsroom:article_preview", {"signed": PLACEHOLDER}),
    ("newsroom:article_archive_year", {"year": 1234}),
    ("newsroom:article_archive_month", {"year": 2024, "month": 1234}),
    ("sitemap_section", {"section": PLACEHOLDER}),
    ("password_reset_confirm", {"uidb64": PLACEHOLDER, "token": "set-password"}),
]


def test_hostile_path_segments_answer_404_not_500(site):
    """Cyrillic, emoji, NUL, overlong and script-like slugs, ids and sections: the converters
    refuse most, the views the rest; a 404 goes past the old-site redirects' lookup too."""
    client = anonymous()
    failures = []
    templates = [reverse(name, kwargs=kwargs) for name, kwargs in PATH_ROUTES]
    with translation.override("ru"):
        templates.append(reverse("newsroom:article_detail", kwargs={"slug": PLACEHOLDER}))
    templates += ["/index.php/en/news/zz-placeholder-zz", "/zz-placeholder-zz"]
    for template in templates:
        for payload in PATH_PAYLOADS:
            for real in (PLACEHOLDER, "1234"):
                template = template.replace(real, "{}")
            url = template.format(quote(payload, safe=""))
            response = client.get(url)
            for problem in check(response, payload):
                failures.append(f"GET {short(url)}: {problem}")
    assert not failures, "\n".join(failures)


# --- Malformed query strings -------------------------------------------------------------------

RAW_QUERIES = [
    "q=%E0%A4%A",  # a truncated UTF-8 sequence
    "page=%ff%fe",
    "%=%&%%=",
    "q=%00&tag=%00&organisation=%00",
    "&&&==&=",
    "tag=%C0%AF",  # an overlong encoding of "/"
    "q=%uFF1Cscript%uFF1E",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "year=2024&year=2023&year=%00",
    "a=1&" * 1_500,  # more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
]


@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "page-cache"])
def test_malformed_query_strings_are_refused_or_ignored(site, settings, page_cache):
    """Percent-encoding that decodes to nothing valid, and floods of fields, with and without the
    page cache (which reads the query string to make its key)."""
    settings.NEWSROOM_PAGE_CACHE = page_cache
    client = anonymous()
    failures = []
    names = ["newsroom:home", "newsroom:article_list", "newsroom:event_list", "newsroom:search"]
    names += ["newsroom:article_detail", "newsroom:article_feed_rss", "newsroom:tag_detail"]
    for name in names:
        for query in RAW_QUERIES:
            response = client.get(f"{site[name]}?{query}")
            for problem in check(response, XSS[0]):
                failures.append(f"GET {site[name]}?{short(query)}: {problem}")
    assert not failures, "\n".join(failures)


# --- Methods and CSRF --------------------------------------------------------------------------

# Addresses whose forms are posted to: everything else is read with GET (and HEAD) only.
POSTED_TO = {"set_language", "password_reset_confirm"}


def test_public_pages_refuse_other_methods_with_405(site):
    client = anonymous()
    failures = []
    for name, url in sorted(site.items()):
        if name in POSTED_TO or name == "legacy":
            continue
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, {"q": XSS[0]})
            if response.status_code != HTTPStatus.METHOD_NOT_ALLOWED:
                failures.append(f"{method.upper()} {url}: status {response.status_code}")
        head = client.head(url)
        if head.status_code >= 500:
            failures.append(f"HEAD {url}: status {head.status_code}")
    assert not failures, "\n".join(failures)


def test_posts_without_a_csrf_token_are_refused(site, django_user_model):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for name in ("set_language", "password_reset_confirm", "newsroom:article_list"):
        assert client.post(site[name], {"language": "ru"}).status_code == HTTPStatus.FORBIDDEN
    login = client.post(reverse("admin:login"), {"username": "boss", "password": "pw-boss-1"})
    assert login.status_code == HTTPStatus.FORBIDDEN
    assert "_auth_user_id" not in client.session

    article = Article.objects.get(slug="heroin-seized")
    client.force_login(django_user_model.objects.get(username="boss"))
    change = reverse("admin:newsroom_article_change", args=[article.pk])
    forged = client.post(change, {"title_en": "Defaced", "status": Article.Status.DRAFT})
    assert forged.status_code == HTTPStatus.FORBIDDEN
    action = client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    assert action.status_code == HTTPStatus.FORBIDDEN
    article.refresh_from_db()
    assert (article.title, article.status) == ("Heroin seized", Article.Status.PUBLISHED)


# --- The admin ---------------------------------------------------------------------------------

ADMIN_PAYLOADS = [XSS[0], XSS[1], "\x00", "x" * 10_240, "Мирализода 🚀", "9223372036854775808"]


def admin_params(model_admin):
    """The changelist's own parameters: search, ordering, page, and each filter's lookup."""
    params = ["q", "o", "p", "e", "_to_field", "_popup", "utm_source"]
    for item in model_admin.list_filter:
        if isinstance(item, str):
            params += [f"{item}__exact", f"{item}__id__exact", f"{item}__gte"]
        else:
            params.append(getattr(item, "parameter_name", None) or "")
    if model_admin.date_hierarchy:
        params += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return [param for param in dict.fromkeys(params) if param]


def registered_admins():
    from django.contrib import admin

    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize(
    "model", [model for model, _admin in registered_admins()], ids=lambda m: m._meta.label
)
def test_hostile_changelist_parameters_never_break_the_admin(site, client, model):
    from django.contrib import admin

    client.force_login(_boss())
    client.raise_request_exception = False
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    answers = GET_ANSWERS | {HTTPStatus.FORBIDDEN}
    failures = []
    for param in admin_params(admin.site._registry[model]):
        for payload in ADMIN_PAYLOADS:
            response = client.get(url, {param: payload}, follow=payload in XSS)
            for problem in check(response, payload, answers):
                failures.append(f"GET {url} ?{param}={short(payload)}: {problem}")
    for payload in ADMIN_PAYLOADS:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=["0"])
        change = change.replace("/0/", f"/{quote(payload, safe='')}/")
        response = client.get(change, follow=True)
        for problem in check(response, payload, answers):
            failures.append(f"GET {short(change)}: {problem}")
    assert not failures, "\n".join(failures)


def _boss():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="boss")


def test_hostile_autocomplete_terms_never_break_the_admin(site, client):
    client.force_login(_boss())
    client.raise_request_exception = False
    failures = []
    base = {"app_label": "newsroom", "model_name": "article"}
    for field in ("organisations", "participants", "events", "\x00", "x" * 300):
        for payload in ADMIN_PAYLOADS:
            response = client.get(
                reverse("admin:autocomplete"),
                {**base, "field_name": field, "term": payload, "page": payload},
            )
            if response.status_code not in GET_ANSWERS | {HTTPStatus.FORBIDDEN}:
                failures.append(
                    f"autocomplete {short(field)} {short(payload)}: {response.status_code}"
                )
    assert not failures, "\n".join(failures)


def our_admins():
    from newsroom.admin import FilterLookupsOnly

    return [
        model
        for model, model_admin in registered_admins()
        if isinstance(model_admin, FilterLookupsOnly)
    ]


@pytest.mark.parametrize("model", our_admins(), ids=lambda m: m._meta.label)
def test_every_admin_filter_link_still_filters(site, client, model):
    """The lookups the admin allows are those its own filters make: each of their links works."""
    client.force_login(_boss())
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    changelist = client.get(url).context["cl"]
    links = []
    for spec in changelist.filter_specs:
        choices = [choice["query_string"] for choice in spec.choices(changelist)]
        links += choices[:3] + choices[-1:]  # "all", the first choices and the last (of ~250)
    date_hierarchy = changelist.model_admin.date_hierarchy
    if date_hierarchy:
        links.append(
            f"?{date_hierarchy}__year=2024&{date_hierarchy}__month=3&{date_hierarchy}__day=15"
        )
    for link in links:
        response = client.get(url + link)
        assert response.status_code == HTTPStatus.OK, link
        assert "e=1" not in response.get("Location", "")


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("admin:auth_user_changelist", "groups__gte=9223372036854775808"),
        ("admin:auth_user_changelist", "groups__exact=1"),
        ("admin:auth_user_changelist", "username__regex=.*"),
        ("admin:auth_user_changelist", "is_active__exact=%00"),
        ("admin:newsroom_article_changelist", "published_at__year=9223372036854775808"),
        ("admin:newsroom_article_changelist", "created_by__username__startswith=b"),
        ("admin:otp_totp_totpdevice_changelist", "key__startswith=a"),
        ("admin:axes_accessattempt_changelist", "attempt_time__year=99999999999999999999"),
    ],
)
def test_the_admin_refuses_lookups_its_filters_do_not_make(site, client, changelist, query):
    client.force_login(_boss())
    client.raise_request_exception = False
    response = client.get(f"{reverse(changelist)}?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_hostile_ids_in_admin_addresses_never_break_the_admin(site, client):
    """Object ids, revision ids and links' ids of the admin's own pages, as an attacker writes
    them: a 404 or the admin's "does not exist" redirect, never a 500."""
    client.force_login(_boss())
    client.raise_request_exception = False
    article = Article.objects.get(slug="heroin-seized")
    pages = [
        reverse("admin:newsroom_article_change", args=[PLACEHOLDER]),
        reverse("admin:newsroom_article_delete", args=[PLACEHOLDER]),
        reverse("admin:newsroom_article_history", args=[PLACEHOLDER]),
        reverse("admin:newsroom_article_revision", args=[PLACEHOLDER, 1]),
        reverse("admin:newsroom_article_revision", args=[article.pk, 424242]).replace(
            "424242", PLACEHOLDER
        ),
        reverse("admin:newsroom_event_revision", args=[PLACEHOLDER, 1]),
        reverse("admin:newsroom_organisation_revision", args=[PLACEHOLDER, 1]),
        reverse("admin:newsroom_participant_revision", args=[PLACEHOLDER, 1]),
        reverse("admin:newsroom_article_preview_links", args=[PLACEHOLDER]),
    ]
    failures = []
    for page in pages:
        template = page.replace(PLACEHOLDER, "{}")
        for payload in [*PATH_PAYLOADS, "9223372036854775808", "0"]:
            url = template.format(quote(payload, safe=""))
            response = client.get(url, {"against": payload, "p": payload})
            for problem in check(response, payload, GET_ANSWERS | {HTTPStatus.FORBIDDEN}):
                failures.append(f"GET {short(url)}: {problem}")
    assert not failures, "\n".join(failures)
