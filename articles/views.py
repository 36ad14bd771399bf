"""The reading pages: article list, topic, article, search; and the staff-only preview.

Reading pages are the same for every anonymous visitor and are served from the page
cache; they never touch the session or the user. The preview is the only view here that
looks at who is asking, and it is never cached.
"""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from articles import search_index, search_text
from articles.models import Article, OldSlug, Topic
from clinic.page_cache import cache_public_page
from clinic.rich_text import plain_text

ARTICLES_PER_PAGE = 12
# Articles offered when a search finds nothing.
SUGGESTED = 4
# An article with this many sections or more opens with a table of contents.
TOC_MIN_HEADINGS = 3


class ArticleListView(ListView):
    """Published articles, newest first, optionally of one topic."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE
    topic = None

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        if self.topic is not None:
            articles = articles.filter(topic=self.topic)
        return articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topics=Topic.objects.all(), current_topic=self.topic, **kwargs
        )


@method_decorator(cache_public_page, name="dispatch")
class ArticleIndexView(ArticleListView):
    pass


@method_decorator(cache_public_page, name="dispatch")
class TopicView(ArticleListView):
    """The article list of one topic, at the topic's address in the current language."""

    def get(self, request, *args, **kwargs):
        self.topic = Topic.objects.find_by_slug(kwargs["slug"])
        if self.topic is None:
            raise Http404
        if self.topic.get_absolute_url() != request.path:
            return redirect(self.topic, permanent=True)
        return super().get(request, *args, **kwargs)

    def language_url(self, language_code):
        return self.topic.url_in_language(language_code)


class ArticleDetailBase(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.for_listing().prefetch_related(*self.page_prefetches())

    def page_prefetches(self):
        """What the page shows besides the article: its FAQ and related articles."""
        return [
            "faq_items",
            Prefetch("related", queryset=Article.objects.published().for_listing()),
        ]

    def get_context_data(self, **kwargs):
        article = self.object
        current = translation.get_language()
        return super().get_context_data(
            content_language=article.content_language,
            is_translated=article.content_language == current,
            show_toc=len(article.headings) >= TOC_MIN_HEADINGS,
            canonical_url=self.request.build_absolute_uri(
                article.url_in_language(article.content_language)
            ),
            **kwargs,
        )


@method_decorator(cache_public_page, name="dispatch")
class ArticleDetailView(ArticleDetailBase):
    """A published article at its address in the current language.

    The slug is looked up in every language: an article not translated into this
    language is shown at its other-language slug (with a note), a slug of the other
    language or an old slug redirects permanently to the current address.
    """

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        url = self.object.get_absolute_url()
        if url != request.path:
            return redirect(url, permanent=True)
        # Only now, so that a redirect does not read the FAQ and related articles.
        prefetch_related_objects([self.object], *self.page_prefetches())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        article = Article.objects.for_listing().published_with_slug(slug)
        # An old slug is no article's current one, so get() redirects to the article.
        article = article or OldSlug.objects.published_article(slug)
        if article is None:
            raise Http404
        return article

    def language_url(self, language_code):
        return self.object.url_in_language(language_code)


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(LoginRequiredMixin, PermissionRequiredMixin, ArticleDetailBase):
    """Any article, draft or scheduled, as it will look: for staff who may see articles."""

    permission_required = "articles.view_article"

    def get_login_url(self):
        return reverse("admin:login")

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def language_url(self, language_code):
        with translation.override(language_code):
            return self.object.get_preview_url()


@method_decorator(cache_public_page, name="dispatch")
class SearchView(TemplateView):
    """Published articles with every word of ?q= in any of its forms, in the current
    language, the best match first, each with an extract around the words found
    (articles/search_index.py, articles/search_text.py). When nothing matches: the
    topics, a few articles to start from and the clinic's phone."""

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:200]
        context = super().get_context_data(query=query, **kwargs)
        if not query:
            return context
        ids = Article.objects.search_ids(query)
        page = Paginator(ids, ARTICLES_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            articles=self.with_extracts(page.object_list, query),
            page_obj=page,
            found=len(ids),
            found_at_least=len(ids) >= search_index.CANDIDATES,
        )
        if not ids:
            context.update(
                topics=Topic.objects.all(),
                suggested=self.suggested_articles(),
            )
        return context

    def suggested_articles(self):
        """Articles to start from when nothing matched. The site counts no page views,
        so instead of the most read these are the editors' choice, the home page's
        featured articles; without any, the newest. Both read an index."""
        published = Article.objects.published().for_listing()
        return list(published.featured()[:SUGGESTED]) or list(published[:SUGGESTED])

    def with_extracts(self, ids, query):
        """The page's articles in `ids` order, each with `search_extract`: its body
        around the first word found, those words marked (None if only the title or
        summary has them)."""
        found = Article.objects.for_listing().in_bulk(ids)
        search = search_text.Query(query, translation.get_language())
        articles = [found[pk] for pk in ids if pk in found]
        for article in articles:
            article.search_extract = search.extract(plain_text(article.body))
        return articles
