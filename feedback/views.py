"""The "Was this page helpful?" endpoint and its thank-you page.

The article page holds a plain form that posts here; it has no CSRF token, so that the
page stays cookie-free and cached. This endpoint is exempt from the CSRF check and
protected by feedback/guard.py instead. Its answers are never cached.
"""

import logging

from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article
from feedback import guard
from feedback.forms import AnswerForm, CommentForm, comment_token
from feedback.models import PageFeedback

logger = logging.getLogger(__name__)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class FeedbackView(View):
    http_method_names = ["post"]
    article = None

    def dispatch(self, request, *args, **kwargs):
        refusal = self.refusal(request)
        if refusal:
            logger.info("Page feedback refused: %s", refusal[0])
            return render(
                request, "feedback/refused.html", {"message": refusal[1]}, status=refusal[2]
            )
        return super().dispatch(request, *args, **kwargs)

    def refusal(self, request):
        if request.method != "POST":
            return None
        if not guard.is_same_site(request):
            return "not from this site", _("Please answer from the article page."), 403
        if guard.is_too_large(request):
            return "too large", _("That was too long to send."), 413
        if guard.rate_limit_reached(request):
            return "rate limit", _("Thank you: we already have your answers."), 429
        return None

    def language_url(self, language_code):
        if self.article is None:
            return f"/{language_code}/"
        return self.article.url_in_language(language_code)


class AnswerView(FeedbackView):
    def post(self, request, article_id):
        self.article = get_object_or_404(Article.objects.published(), pk=article_id)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "feedback/refused.html",
                {"message": _("Please choose Yes or No.")},
                status=400,
            )
        feedback = PageFeedback.objects.create(
            article=self.article,
            language=translation.get_language(),
            helpful=form.cleaned_data["helpful"] == "yes",
        )
        comment_form = CommentForm(initial={"token": comment_token(feedback)})
        return self.thanks(request, comment_form)

    def thanks(self, request, comment_form, commented=False):
        context = {
            "view": self,
            "article": self.article,
            "form": comment_form,
            "commented": commented,
        }
        return render(request, "feedback/thanks.html", context)


class CommentView(AnswerView):
    def post(self, request):
        form = CommentForm(request.POST)
        if not form.is_valid():
            feedback = PageFeedback.objects.filter(pk=form.cleaned_data.get("token")).first()
            self.article = feedback.article if feedback else None
            return self.thanks(request, form)
        feedback = get_object_or_404(PageFeedback, pk=form.cleaned_data["token"], comment="")
        feedback.comment = form.cleaned_data["comment"]
        feedback.save(update_fields=["comment"])
        self.article = feedback.article
        return self.thanks(request, None, commented=True)
