import pytest
from django.urls import resolve, reverse

ROUTES = [
    ("newsroom:home", {}, "/"),
    ("newsroom:article_list", {}, "/news/"),
    ("newsroom:article_detail", {"slug": "some-news"}, "/news/some-news/"),
    ("newsroom:event_list", {}, "/events/"),
    ("newsroom:event_detail", {"slug": "a-meeting"}, "/events/a-meeting/"),
    ("newsroom:organisation_list", {}, "/organisations/"),
    ("newsroom:organisation_detail", {"slug": "unodc"}, "/organisations/unodc/"),
    ("newsroom:participant_list", {}, "/people/"),
    ("newsroom:participant_detail", {"slug": "naweed-riaz"}, "/people/naweed-riaz/"),
    ("newsroom:tag_list", {}, "/tags/"),
    ("newsroom:tag_detail", {"slug": "precursors"}, "/tags/precursors/"),
]


@pytest.mark.parametrize(("name", "kwargs", "path"), ROUTES)
def test_url_names_round_trip(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert f"{match.namespace}:{match.url_name}" == name
    assert match.kwargs == kwargs
