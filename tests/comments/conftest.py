"""Fixtures of the comments tests: a story to comment on and a signed-in reader."""

import pytest

from tests.comments.factories import UserFactory
from tests.factories import ArticleFactory


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def reader(client):
    user = UserFactory()
    client.force_login(user)
    return user
