from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from newsroom.models import Article, Event, Organisation, Participant

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Event, Organisation, Participant)
    }


def test_load_demo_fills_the_newsroom_and_is_idempotent():
    output = run("load_demo")
    first = counts()
    assert first["Article"] >= 12
    assert first["Event"] >= 10
    assert first["Organisation"] >= 10
    assert first["Participant"] >= 10
    assert (
        Article.objects.published()
        .filter(title__startswith="CARICC briefs Regional Working Group on Precursors")
        .exists()
    )
    assert Article.objects.exclude(pk__in=Article.objects.published()).exists(), (
        "demo shows a draft"
    )
    assert output.strip()
    run("load_demo")
    assert counts() == first


def test_load_demo_carries_the_seed_people_with_aliases_and_positions():
    run("load_demo")
    director = Participant.objects.get(aliases__name="R.Miralizoda")
    assert "Miralizoda" in director.full_name
    assert director.current_position is not None
    analytic = Article.objects.get(
        title="Countering organized drug crime during the COVID-19 pandemic"
    )
    assert analytic.section == "analytics"
    assert analytic.authors.count() == 3


def test_load_demo_hands_extra_volume_to_generate_content():
    run("load_demo")
    base = counts()
    output = run("load_demo", "--articles", "15", "--events", "4")
    assert Article.objects.count() == base["Article"] + 15
    assert Event.objects.count() == base["Event"] + 4
    assert Article.objects.filter(slug__startswith="gen-article-").count() == 15
    assert "Generated 15 articles and 4 events" in output
    run("load_demo", "--articles", "15", "--events", "4")
    assert Article.objects.count() == base["Article"] + 15
    assert Event.objects.count() == base["Event"] + 4


def test_ensure_admin_creates_one_administrator_and_prints_its_password_once():
    output = run("ensure_admin")
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    password = next(
        line.split(":", 1)[1].strip() for line in output.splitlines() if "password:" in line
    )
    assert len(password) >= 16
    assert user.check_password(password)
    again = run("ensure_admin")
    assert "password:" not in again
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
