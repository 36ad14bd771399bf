# The reception desk's fixtures: staff in their groups, signed in with a second factor.
from tests.registration.conftest import login, receptionist, superuser  # noqa: F401
