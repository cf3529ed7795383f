import pytest

from participe.env import cache_config, email_config


def test_smtp_url():
    config = email_config("smtp://user%40x:p%2Fss@mail.example.org:587?tls=1")
    assert config["EMAIL_HOST"] == "mail.example.org" and config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "user@x" and config["EMAIL_HOST_PASSWORD"] == "p/ss"
    assert config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]


def test_smtps_url_defaults_to_465():
    config = email_config("smtps://mail.example.org")
    assert config["EMAIL_PORT"] == 465 and config["EMAIL_USE_SSL"]


@pytest.mark.parametrize("url, backend", [("console://", "console"), ("locmem://", "locmem"), ("file:///tmp/m", "filebased")])
def test_other_email_backends(url, backend):
    assert backend in email_config(url)["EMAIL_BACKEND"]


def test_unknown_email_scheme_is_refused():
    with pytest.raises(ValueError):
        email_config("carrier-pigeon://coo")


def test_cache_urls():
    assert "LocMem" in cache_config(None)["BACKEND"]
    assert cache_config("redis://127.0.0.1:6379/1")["LOCATION"] == "redis://127.0.0.1:6379/1"
    with pytest.raises(ValueError):
        cache_config("memcached://x")
