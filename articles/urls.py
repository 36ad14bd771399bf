from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

app_name = "articles"

# Placeholder views; the articles issue replaces them.
urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="list"),
    path(_("topics/<slug:slug>/"), TemplateView.as_view(template_name="base.html"), name="topic"),
    path("<slug:slug>/", TemplateView.as_view(template_name="base.html"), name="detail"),
]
