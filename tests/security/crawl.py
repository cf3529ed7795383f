"""Helpers of the crawler tests: reading a response whole and spotting a marker in it."""

from urllib.parse import quote


def body_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def leaks(response, marker, url=""):
    """True when the marker shows in the page, its redirect target or its headers.

    The requested URL itself does not count: pages echo it (language switcher, login link, og:url).
    """
    seen = [body_text(response)] + [value for _name, value in response.items()]
    echoes = sorted({url, quote(url), quote(url, safe=""), quote(url, safe="/")}, key=len, reverse=True)
    for echo in filter(None, echoes):
        seen = [text.replace(echo, "") for text in seen]
    return any(marker in text.lower() for text in seen)


def goes_to_login(response):
    """A redirect to the login page (the admin sites go through /admin/login/, which sends there too)."""
    return response.status_code == 302 and response["Location"].split("?")[0].endswith("/login/")
