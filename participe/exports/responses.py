"""HTTP responses for exports: CSV streamed row by row, inside the instance scope."""

from django.http import StreamingHttpResponse

from participe.exports.writers import iter_csv
from participe.instances.scoping import in_instance


def _scoped(instance, iterator_factory):
    # A streaming body is read after the middleware has left the instance scope: re-enter it.
    with in_instance(instance):
        yield from iterator_factory()


def csv_response(request, exporter, filename=None):
    response = StreamingHttpResponse(
        _scoped(request.instance, lambda: iter_csv(exporter)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename or exporter.filename}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
