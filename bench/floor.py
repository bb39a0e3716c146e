"""The benchmark's floors: the least that a page of each kind can cost on this stack.

The reference (/bench/ping) is a view with no query and no template. The floors are the smallest
pages that still do what every newsroom page must do, through the same middleware, nginx and
gunicorn: find public content with the ORM and write it out with a Django template. Nothing else
(no header, footer, filters, tags, people, translations or structured data):

- /bench/floor/<slug>: one public article by its address, its title, date and body;
- /bench/floor-list: the 20 newest public articles, each with a link, its date and an excerpt.

A real page cannot be cheaper than its floor, so the floors show how much of a target is left for
everything a real page adds. Served only with NEWSROOM_BENCH_PING on, like the reference.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import path

from newsroom.models import Article

PAGE_SIZE = 20

_DETAIL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ article.title }}</title></head>
<body><main><h1>{{ article.title }}</h1>
<p><time datetime="{{ article.published_at|date:'c' }}">
{{ article.published_at|date:'j E Y' }}</time></p>
{{ article.body }}</main></body></html>"""

_LIST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News</title></head>
<body><main><h1>News</h1><ul>{% for article in articles %}
<li><a href="{{ article.get_absolute_url }}">{{ article.title }}</a>
<time datetime="{{ article.published_at|date:'c' }}">{{ article.published_at|date:'j E Y' }}</time>
<p>{{ article.lead|truncatewords:45 }}</p></li>{% endfor %}
</ul></main></body></html>"""


def _template(source):
    return engines["django"].from_string(source)


_detail, _list = _template(_DETAIL), _template(_LIST)


def floor_detail(request, slug):
    article = get_object_or_404(Article.objects.public(), slug=slug)
    return HttpResponse(_detail.render({"article": article}, request))


def floor_list(request):
    articles = Article.objects.public().order_by("-published_at", "-pk")[:PAGE_SIZE]
    return HttpResponse(_list.render({"articles": articles}, request))


urlpatterns = [
    path("bench/floor/<slug:slug>", floor_detail),
    path("bench/floor-list", floor_list),
]
