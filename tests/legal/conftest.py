import pytest

from tests.legal.factories import first_legal_documents


@pytest.fixture(autouse=True)
def _legal_documents(request):
    """The first Terms of Use and Privacy Policy, as the data migration writes them."""
    if not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("django_db_blocker")
    first_legal_documents()
