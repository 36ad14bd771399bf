from django.urls import path

from staff_auth import views

app_name = "staff_auth"

urlpatterns = [
    path("setup/", views.SetupView.as_view(), name="setup"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]
