"""The translations migration keeps what was written: the shared texts become the English ones."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("newsroom", "0006_image_dimensions")]
AFTER = [("newsroom", "0008_search_by_language")]


@pytest.fixture
def executor(transactional_db):
    executor = MigrationExecutor(connection)
    yield executor
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_texts_become_the_english_version(executor):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Article = old.get_model("newsroom", "Article")
    Organisation = old.get_model("newsroom", "Organisation")
    changed = timezone.now() - datetime.timedelta(days=3)
    Article.objects.create(
        title="Webinars held",
        slug="webinars-held",
        lead="Two webinars.",
        body="<p>Text.</p>",
        status="published",
        published_at=changed,
    )
    Article.objects.update(updated_at=changed)
    Organisation.objects.create(name="World Customs Organization", short_name="WCO", slug="wco")

    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    article = new.get_model("newsroom", "Article").objects.get()
    assert (article.title_en, article.slug_en, article.lead_en, article.body_en) == (
        "Webinars held",
        "webinars-held",
        "Two webinars.",
        "<p>Text.</p>",
    )
    assert (article.title_ru, article.lead_ru, article.slug_ru) == ("", "", None)
    assert article.en_changed_at == changed and article.ru_changed_at is None
    assert article.original_language == "en"
    organisation = new.get_model("newsroom", "Organisation").objects.get()
    assert (organisation.name_en, organisation.short_name_en) == (
        "World Customs Organization",
        "WCO",
    )
