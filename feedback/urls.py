from django.urls import path
from django.utils.translation import gettext_lazy as _

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("<int:article_id>/", views.AnswerView.as_view(), name="answer"),
    path(_("comment/"), views.CommentView.as_view(), name="comment"),
]
