"""HTTP responses for exports: CSV streamed row by row, XLSX from a temporary file, inside the instance scope."""

import tempfile

from django.http import FileResponse, StreamingHttpResponse

from participe.exports.writers import iter_csv, write_xlsx
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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(request, exporter, filename=None):
    """The workbook written to a temporary file (rows never all in memory), then sent from it."""
    spool = tempfile.TemporaryFile()
    with in_instance(request.instance):
        write_xlsx(exporter, spool)
    spool.seek(0)
    response = FileResponse(
        spool, content_type=XLSX, as_attachment=True, filename=f"{filename or exporter.filename}.xlsx"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
