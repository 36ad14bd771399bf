import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from reviews import revisions
from reviews.models import CLINICAL_REVIEWERS, SignOff, add_months
from tests.articles.factories import ArticleFactory

REVIEWER_PASSWORD = "a-long-reviewer-passphrase-1"


class ReviewerFactory(factory.django.DjangoModelFactory):
    """A staff member of the Clinical reviewers group, with a name."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reviewer{n}")
    first_name = "Jonas"
    last_name = "Jonaitis"
    email = factory.Sequence(lambda n: f"reviewer{n}@klinika.example.lt")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", REVIEWER_PASSWORD)

    @factory.post_generation
    def reviewers_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=CLINICAL_REVIEWERS))
            user.save()


class SignOffFactory(factory.django.DjangoModelFactory):
    """A sign-off of the article as it is now (a new revision), by a named reviewer."""

    class Meta:
        model = SignOff

    article = factory.SubFactory(ArticleFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    reviewer_name = factory.LazyAttribute(lambda o: o.reviewer.get_full_name())
    reviewer_role_lt = "skausmo gydytojas"
    reviewer_role_en = "pain physician"
    signed_at = factory.LazyFunction(timezone.now)
    next_review = factory.LazyAttribute(lambda o: add_months(timezone.localdate(o.signed_at), 12))
    revision = factory.LazyAttribute(lambda o: revisions.save_revision(o.article, o.reviewer, ""))
