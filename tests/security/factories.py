import factory
from django.contrib.auth import get_user_model

STAFF_PASSWORD = "correct-horse-battery-staple-42"


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A member of staff who may log into the admin; no group, no permissions."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@klinika.example")
    is_staff = True
    password = factory.django.Password(STAFF_PASSWORD)
