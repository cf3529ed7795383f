import pytest

from tests.conftest import host_client


@pytest.fixture
def admin_client(admin_a):
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "en"
    return client
