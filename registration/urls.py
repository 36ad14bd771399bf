from django.urls import path
from django.views.generic import TemplateView

app_name = "registration"

# Placeholder views; the registration issue replaces them.
urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="request"),
    path("privacy/", TemplateView.as_view(template_name="base.html"), name="privacy"),
]
