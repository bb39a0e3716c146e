from django.urls import path

from . import preview, views

app_name = "newsroom"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.ArticleListView.as_view(), name="article_list"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("preview/<str:signed>/", preview.ArticlePreviewView.as_view(), name="article_preview"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path("people/", views.ParticipantListView.as_view(), name="participant_list"),
    path("people/<slug:slug>/", views.ParticipantDetailView.as_view(), name="participant_detail"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
]
