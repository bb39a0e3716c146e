"""Site search: news, events, people and organisations behind one box.

PostgreSQL gets full-text search over both English and Russian (stemming, ranking, highlighted
headlines) on a stored, GIN-indexed tsvector column (migration 0005). Other databases (SQLite in
development and tests) get a simpler search: every word must appear, newest first.
People and organisations are matched by name and alias, in either script.
"""

import html
import re
import unicodedata

from anyascii import anyascii
from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models import Expression, F, Func, Q, TextField, Value
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from .languages import current, in_every_language, localized
from .models import Organisation, OrganisationAlias, Participant, ParticipantAlias
from .views import article_links, guarded, public_events

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PAGE_SIZE = 20
SECTION_LIMIT = 10
# A search looks at the newest RANKED matches of each kind and ranks those: a word found in most
# of 100,000 articles costs the same as one found in 20, not a rank and a sort of every match.
# The reader is told when there are more, and narrows the search or filters the news by date.
RANKED = 200
SNIPPET_WORDS = 12
CONFIGS = ("english", "russian")
# Private-use characters mark the headline's matches; they survive escaping and become <mark>.
START_SEL, STOP_SEL = "\ue000", "\ue001"
NON_ASCII = r"[^\x01-\x7f]"


# --- The query --------------------------------------------------------------------


def clean_query(raw):
    """The query without control characters (NUL included) and with whitespace collapsed."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw or "")
    return " ".join(text.split())


def _words(text):
    """Up to MAX_WORDS words that have a letter or digit, stripped of surrounding punctuation."""
    words = []
    for token in text.split():
        word = token.strip("\"'«»“”„()[]{},;:!?*&|<>")
        if any(ch.isalnum() for ch in word) and word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words[:MAX_WORDS]


class Query:
    def __init__(self, raw):
        self.text = clean_query(raw)
        self.words = _words(self.text)
        self.ascii_words = _words(anyascii(" ".join(self.words)))

    def __bool__(self):
        return bool(self.words)

    @property
    def variants(self):
        """The words as typed and in Latin letters: 'Мирализода' also looks for 'Miralizoda'."""
        return [self.words] if self.ascii_words == self.words else [self.words, self.ascii_words]


# --- Snippets ---------------------------------------------------------------------


def plain_text(value):
    """Text of sanitised HTML, entities decoded: what a reader sees."""
    return " ".join(html.unescape(strip_tags(value or "")).split())


def marked(text):
    """Escape `text`, then turn the headline markers into <mark> — the only HTML let through."""
    text = escape(html.unescape(text or ""))
    opened = False
    out = []
    for part in re.split(f"([{START_SEL}{STOP_SEL}])", text):
        if part == START_SEL and not opened:
            out.append("<mark>")
            opened = True
        elif part == STOP_SEL and opened:
            out.append("</mark>")
            opened = False
        elif part not in (START_SEL, STOP_SEL):
            out.append(part)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 — escaped above; only <mark> added


def simple_snippet(text, words, size=SNIPPET_WORDS):
    """Of plain `text`: the words around the first match, marked (the opening words if none)."""
    tokens = (text or "").split()
    if not tokens:
        return ""
    needles = [w.lower() for w in words]
    first = next(
        (i for i, tok in enumerate(tokens) if any(n in tok.lower() for n in needles)), None
    )
    start = max(0, (first or 0) - size // 3)
    chosen = tokens[start : start + size]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    out = []
    for tok in chosen:
        if pattern:
            tok = pattern.sub(lambda m: f"{START_SEL}{m.group(0)}{STOP_SEL}", tok)
        out.append(tok)
    prefix = "… " if start else ""
    suffix = " …" if start + size < len(tokens) else ""
    return marked(prefix + " ".join(out) + suffix)


# --- Full text (PostgreSQL) -------------------------------------------------------


class StripTags(Func):
    """Tags out of stored HTML, so that 'p' and 'strong' are not indexed."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value("<[^>]*>"), Value(" "), Value("g"))


class Document(Expression):
    """The stored `search_document` column (PostgreSQL only, migrations 0005 and 0008).

    A generated tsvector of title (A), lead/summary (B) and body/description without tags (C),
    the English columns stemmed as English and the Russian ones as Russian, with a GIN index:
    matching, counting and ranking read it instead of parsing every body again.
    """

    output_field = SearchVectorField()

    def __init__(self, model):
        super().__init__()
        self.table = model._meta.db_table

    def as_sql(self, compiler, connection):
        # The query's own name for the table: "U0" and the like inside a subquery.
        alias = compiler.query.get_initial_alias()
        table = compiler.quote_name(alias)
        return f"{table}.{connection.ops.quote_name('search_document')}", []


def search_query(text, config=None):
    configs = [config] if config else CONFIGS
    query = None
    for name in configs:
        part = SearchQuery(text, search_type="websearch", config=name)
        query = part if query is None else query | part
    return query


def newest_matches(queryset, condition, newest):
    """`queryset` narrowed to the RANKED newest rows that meet `condition` (a filter on an
    alias or a Q): one index scan by date that stops at RANKED, or a bitmap scan of the index
    of words for a rare word, whichever the planner finds cheaper."""
    # One more than RANKED: whether there are more than RANKED is then known without a count.
    window = queryset.filter(condition).order_by(*newest).values("pk")[: RANKED + 1]
    return queryset.filter(pk__in=window)


def full_text(queryset, query, newest):
    """The RANKED newest matches of `query`, each with its rank."""
    vector = Document(queryset.model)
    tsquery = search_query(query.text)
    queryset = newest_matches(queryset.alias(search=vector), Q(search=tsquery), newest)
    return queryset.annotate(rank=SearchRank(vector, tsquery))


def with_headlines(rows, query, lead, body, ordering):
    """The rows of the sliced queryset `rows` (a page of full_text()), again in one query, each
    with its headline in both configurations: ts_headline parses a whole text, so it is made for
    the page's rows only, not for every match that is ranked."""
    model = rows.model
    vector = Document(model)
    tsquery = search_query(query.text)
    # The snippet comes from the reader's language (the list holds only items written in it).
    lead, body = localized(lead, current()), localized(body, current())
    document = Func(F(lead), Value(" "), StripTags(F(body)), function="concat")
    headlines = {
        f"headline_{config}": SearchHeadline(
            document,
            search_query(query.text, config),
            config=config,
            start_sel=START_SEL,
            stop_sel=STOP_SEL,
            max_words=30,
            min_words=12,
            short_word=2,
        )
        for config in CONFIGS
    }
    page = guarded(model.objects.filter(pk__in=rows.values("pk")))
    return page.annotate(rank=SearchRank(vector, tsquery), **headlines).order_by(*ordering)


def pg_snippet(obj):
    """The headline that found something (Russian or English), else the first one."""
    options = [getattr(obj, f"headline_{config}", "") or "" for config in CONFIGS]
    best = next((h for h in options if START_SEL in h), options[0])
    return marked(best)


# --- Word search (other databases) ------------------------------------------------


def every_word(queryset, words, fields, newest):
    every = Q()
    for word in words:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        every &= condition
    return newest_matches(queryset, every, newest).order_by(*newest)


# --- Searches ---------------------------------------------------------------------


def is_postgres():
    return connection.vendor == "postgresql"


# The order of the public lists' partial indexes (migration 0009), which the window reads.
NEWEST_ARTICLES = (F("published_at").desc(nulls_first=True), "-pk")
NEWEST_EVENTS = ("-starts_on", "pk")


def search_articles(query):
    queryset = article_links()
    if is_postgres():
        return full_text(queryset, query, NEWEST_ARTICLES).order_by("-rank", *NEWEST_ARTICLES)
    columns = in_every_language("title", "lead", "body")
    return every_word(queryset, query.words, columns, NEWEST_ARTICLES)


def search_events(query):
    queryset = public_events()
    if is_postgres():
        return full_text(queryset, query, NEWEST_EVENTS).order_by("-rank", *NEWEST_EVENTS)
    columns = in_every_language("title", "summary", "description")
    return every_word(queryset, query.words, columns, NEWEST_EVENTS)


def page_rows(rows, query, kind):
    """The rows of a page of results, with their headlines on PostgreSQL."""
    if not is_postgres():
        return list(rows)
    texts = {"article": ("lead", "body"), "event": ("summary", "description")}[kind]
    ordering = rows.query.order_by
    return list(with_headlines(rows, query, *texts, ordering))


def _transliterated_matches(model, name_fields, alias_model, alias_fk, query):
    """Ids of rows whose names in another script match the query in Latin letters.

    Only rows with a non-ASCII name or alias are read (one query each), transliterated here:
    'Мирализода Р.А.' is found by 'Miralizoda'.
    """
    haystacks = {}
    name_q = Q()
    for field in name_fields:
        name_q |= Q(**{f"{field}__regex": NON_ASCII})
    for row in model.objects.filter(name_q).values_list("pk", *name_fields):
        # A row inserted in bulk has NULL, not "", in the columns of a language it lacks.
        haystacks.setdefault(row[0], []).extend(name for name in row[1:] if name)
    aliases = alias_model.objects.filter(name__regex=NON_ASCII).values_list(
        f"{alias_fk}_id", "name"
    )
    for pk, name in aliases:
        haystacks.setdefault(pk, []).append(name)
    needles = [w.lower() for w in query.ascii_words]
    return [
        pk
        for pk, names in haystacks.items()
        if all(n in anyascii(" ".join(names)).lower() for n in needles)
    ]


def _name_search(model, name_fields, alias_model, alias_fk, query):
    aliases = alias_model.objects.values(alias_fk)
    condition = Q()
    for words in query.variants:
        all_words = Q()
        for word in words:
            any_field = Q(pk__in=aliases.filter(name__icontains=word))
            for field in name_fields:
                any_field |= Q(**{f"{field}__icontains": word})
            all_words &= any_field
        condition |= all_words
    translit = _transliterated_matches(model, name_fields, alias_model, alias_fk, query)
    if translit:
        condition |= Q(pk__in=translit)
    return guarded(model.objects.filter(condition).prefetch_related("aliases"))


def search_people(query):
    return _name_search(
        Participant, in_every_language("full_name"), ParticipantAlias, "participant", query
    ).order_by("full_name", "pk")


def search_organisations(query):
    return _name_search(
        Organisation,
        in_every_language("name", "short_name"),
        OrganisationAlias,
        "organisation",
        query,
    ).order_by("name", "pk")


# --- The page ---------------------------------------------------------------------


class QueryField(forms.CharField):
    """A search query, cleaned as clean_query() does: control characters (NUL included) are
    spaces, not an error, so that a pasted query with a stray one is still searched."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


def _within_length(value):
    if len(value) > MAX_QUERY_LENGTH:
        raise ValidationError(
            _("The search is too long: use at most %(max)d characters."),
            code="max_length",
            params={"max": MAX_QUERY_LENGTH},
        )


class SearchForm(forms.Form):
    """/search/'s one parameter: the query reaches the database only through this field."""

    q = QueryField(required=False, validators=[_within_length])


class SearchView(View):
    """/search/?q= — news (paginated), then events, people and organisations (the first few)."""

    template_name = "newsroom/search.html"

    def get(self, request):
        form = SearchForm(request.GET)
        if not form.is_valid():
            context = {
                "q": clean_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH],
                "max_length": MAX_QUERY_LENGTH,
                "error": " ".join(form.errors["q"]),
            }
            return render(request, self.template_name, context, status=400)
        text = form.cleaned_data["q"]
        context = {"q": text, "max_length": MAX_QUERY_LENGTH}
        query = Query(text)
        context["searched"] = bool(query.text)
        if query:
            context.update(self.results(request, query))
        return render(request, self.template_name, context)

    def results(self, request, query):
        paginator = Paginator(search_articles(query), PAGE_SIZE, allow_empty_first_page=True)
        raw_page = request.GET.get("page") or 1
        try:
            page = paginator.page(paginator.validate_number(raw_page))
        except InvalidPage as exc:
            raise BadRequest(
                _("There is no page “%(page)s”: this list has %(count)s page(s).")
                % {"page": str(raw_page)[:20], "count": paginator.num_pages}
            ) from exc
        articles = page_rows(page.object_list, query, "article")
        events_qs = search_events(query)
        events = page_rows(events_qs[:SECTION_LIMIT], query, "event")
        people_qs = search_people(query)
        people = list(people_qs[:SECTION_LIMIT])
        organisations_qs = search_organisations(query)
        organisations = list(organisations_qs[:SECTION_LIMIT])
        snippet = self.snippet_function(query)
        for article in articles:
            article.snippet = snippet(article, f"{article.lead} {plain_text(article.body)}")
        for event in events:
            event.snippet = snippet(event, f"{event.summary} {plain_text(event.description)}")
        return {
            "query": query,
            "page_obj": page,
            "paginator": paginator,
            "articles": articles,
            "article_count": paginator.count,
            "ranked": RANKED,
            "events": events,
            "event_count": self.count(events, events_qs),
            "people": people,
            "person_count": self.count(people, people_qs),
            "organisations": organisations,
            "organisation_count": self.count(organisations, organisations_qs),
            "section_limit": SECTION_LIMIT,
        }

    @staticmethod
    def count(first, queryset):
        """No second query when the first few are all there is."""
        return len(first) if len(first) < SECTION_LIMIT else queryset.count()

    @staticmethod
    def snippet_function(query):
        if is_postgres():
            return lambda obj, text: pg_snippet(obj)
        return lambda obj, text: simple_snippet(text, query.words + query.ascii_words)
