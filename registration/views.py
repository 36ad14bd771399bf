from django.http import Http404, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from articles.models import Article
from clinic.models import ClinicDetails
from clinic.page_cache import cache_public_page
from clinic.visitor_input import object_id
from registration.blank_form import blank_form_response
from registration.forms import AppointmentRequestForm
from registration.models import PrivacyNotice
from registration.spam import RateLimit


@method_decorator(never_cache, name="dispatch")
class AppointmentRequestView(FormView):
    """The appointment request form: the one public page with a (CSRF) cookie."""

    form_class = AppointmentRequestForm
    template_name = "appointments/request_form.html"
    success_url = reverse_lazy("registration:thanks")

    def get(self, request, *args, **kwargs):
        parent = super()
        return blank_form_response(request, lambda: parent.get(request, *args, **kwargs))

    def get_initial(self):
        """A patient who came from an article is asked about it, in their language."""
        initial = super().get_initial()
        article_pk = object_id(self.request.GET.get("article"))
        if article_pk:
            article = Article.objects.published().filter(pk=article_pk).first()
            if article:
                initial["topic"] = article.title
                initial["article"] = article.pk
        return initial

    def form_valid(self, form):
        if form.already_sent:
            return self.redirect_to_thanks()
        if not RateLimit(self.request).admits_one_more():
            form.refuse(self.rate_limit_message(), code="rate_limited")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # Stored, and that is all: the e-mail to reception is sent by a worker (see
        # registration/notifications.py), so the patient never waits for a mail server.
        form.save()
        return self.redirect_to_thanks()

    def redirect_to_thanks(self):
        # 303 See Other: the browser fetches the thank-you page with GET, and a reload
        # of it sends nothing again.
        response = HttpResponseRedirect(self.get_success_url())
        response.status_code = 303
        return response

    def rate_limit_message(self):
        clinic = ClinicDetails.objects.current()
        if clinic.phone_uri:
            return format_html(
                _(
                    "We have received several requests from your connection in a short "
                    "time, so we cannot accept another one right now. Please call us on "
                    '<a href="{phone_uri}">{phone}</a>, or try again in an hour.'
                ),
                phone_uri=clinic.phone_uri,
                phone=clinic.phone,
            )
        return _(
            "We have received several requests from your connection in a short time, "
            "so we cannot accept another one right now. Please try again in an hour."
        )


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    """After a request: when to expect a call. It knows nothing about whose request."""

    template_name = "appointments/thanks.html"


@method_decorator(cache_public_page, name="dispatch")
class PrivacyNoticeView(TemplateView):
    template_name = "appointments/privacy_notice.html"

    def get_context_data(self, **kwargs):
        notice = PrivacyNotice.objects.current()
        if notice is None:
            raise Http404("No privacy notice is in force.")
        return super().get_context_data(notice=notice, **kwargs)
