from django.urls import path

from . import archive_views, feeds, place_views, preview, search, views

app_name = "newsroom"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.ArticleListView.as_view(), name="article_list"),
    path("news/feed/rss/", feeds.ArticleFeed(), name="article_feed_rss"),
    path("news/feed/atom/", feeds.AtomArticleFeed(), name="article_feed_atom"),
    path(
        "news/section/<str:section>/feed/rss/",
        feeds.SectionArticleFeed(),
        name="section_feed_rss",
    ),
    path(
        "news/section/<str:section>/feed/atom/",
        feeds.AtomSectionArticleFeed(),
        name="section_feed_atom",
    ),
    # Archive routes before the article route: "2020" is a valid slug too.
    path(
        "news/<int:year>/",
        archive_views.ArticleYearArchiveView.as_view(),
        name="article_archive_year",
    ),
    path(
        "news/<int:year>/<int:month>/",
        archive_views.ArticleMonthArchiveView.as_view(),
        name="article_archive_month",
    ),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("preview/<str:signed>/", preview.ArticlePreviewView.as_view(), name="article_preview"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/calendar.ics", feeds.calendar_ics, name="event_calendar"),
    path("events/<slug:slug>.ics", feeds.event_ics, name="event_ics"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisations/<slug:slug>/timeline/",
        place_views.OrganisationTimelineView.as_view(),
        name="organisation_timeline",
    ),
    path("countries/", place_views.CountryListView.as_view(), name="country_list"),
    path("countries/<slug:slug>/", place_views.CountryDetailView.as_view(), name="country_detail"),
    path("people/", views.ParticipantListView.as_view(), name="participant_list"),
    path("people/<slug:slug>/", views.ParticipantDetailView.as_view(), name="participant_detail"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("language/", views.switch_language, name="switch_language"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("tags/<slug:slug>/feed/rss/", feeds.TagArticleFeed(), name="tag_feed_rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.AtomTagArticleFeed(), name="tag_feed_atom"),
]
