from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles import feeds, views
from clinic.page_cache import cache_public_page

app_name = "articles"

urlpatterns = [
    path("", views.ArticleIndexView.as_view(), name="list"),
    # A slug never holds a dot, so the feed's address cannot clash with an article's.
    path("feed.xml", cache_public_page(feeds.LatestArticlesFeed()), name="feed"),
    path(_("topics/<slug:slug>/"), views.TopicView.as_view(), name="topic"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
