"""URLconf of the benchmarks (PARTICIPE_URLCONF=bench.urls): the platform plus two baselines.

- /bench/hello/       a bare view returning a short text: the ceiling for any page;
- /bench/raw-insert/  one plain SQL INSERT into `bench_raw_insert` (created by bench/runner.py): the
                      ceiling for any write.
- /bench/raw-insert/member/  the same insert by a signed-in member, CSRF checked: what the session,
                      the account and the CSRF check add to any member's write (bench/consultation.py
                      reports it beside the goal's baseline, never instead of it).
All go through the whole middleware stack (instance lookup, sessions, security headers), like the
pages they are compared with.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from participe.urls import urlpatterns as platform_urlpatterns


@require_GET
def hello(request):
    return HttpResponse("hello", content_type="text/plain")


def _insert(value):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_raw_insert (value) VALUES (%s)", [value])
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def raw_insert(request):
    return _insert(1)


@require_POST
def raw_insert_by_member(request):
    if not request.user.is_authenticated:
        return HttpResponse("log in", status=401, content_type="text/plain")
    return _insert(request.user.pk)


urlpatterns = [
    path("bench/hello/", hello, name="bench_hello"),
    path("bench/raw-insert/", raw_insert, name="bench_raw_insert"),
    path("bench/raw-insert/member/", raw_insert_by_member, name="bench_raw_insert_by_member"),
    *platform_urlpatterns,
]
