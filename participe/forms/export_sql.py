"""The replies' CSV built by PostgreSQL itself: one `COPY (SELECT …) TO STDOUT WITH CSV`, streamed row by row.

At 140 questions × 100,000 replies the Python path (`ReplyExporter.rows` through `exports.writers.iter_csv`)
formats 14 million cells one by one; here PostgreSQL projects each answer to its text (labels, joins, the
CSV-injection guard) and writes the CSV, and Python only passes blocks through. The bytes are the Python
path's: same header line (written by Python), same cells, same quoting (both quote exactly the fields holding
a comma, a double quote, CR or LF), same CRLF line ends (PostgreSQL ends rows with LF: each row is turned).

Safety: nothing typed by a person reaches the SQL text but through `psycopg.sql.Literal` (labels, grade
names) or `Identifier` (column names made of question ids); the replies' filter is the queryset's own SQL,
its parameters bound by psycopg's client-side quoting (`mogrify`).

A question type without a projection here (`CELLS`) sends the whole export back to the Python path.
"""

import json

import psycopg
from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql

# exports.writers._cell_text prefixes "'" to text starting with = + - @ TAB CR unless Python's float() reads it.
RISKY_START_CODES = (9, 13, 43, 45, 61, 64)
RISKY_START = tuple(chr(code) for code in RISKY_START_CODES)
# What float() accepts (ASCII digits, underscores between digits, inf/infinity/nan), tested case-insensitively.
PYTHON_FLOAT = (
    r"^\s*[+-]?(([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)(e[+-]?[0-9](_?[0-9])*)?"
    r"|inf|infinity|nan)\s*$"
)
FLUSH_BYTES = 64 * 1024
# Choice questions up to this many choices get their labels joined without a subquery per cell.
UNROLLED_UP_TO = 10


def guarded(value):
    """The CSV-injection guard of exports.writers, in SQL (`value` is a text expression, read up to 4 times)."""
    return sql.SQL("CASE WHEN ascii({v}) IN ({codes}) AND {v} !~* {number} THEN '''' || {v} ELSE {v} END").format(
        v=value,
        codes=sql.SQL(", ").join(sql.Literal(code) for code in RISKY_START_CODES),
        number=sql.Literal(PYTHON_FLOAT),
    )


def _label_of(element, labels):
    """The label of the choice whose id is the text `element`, '' for an unknown id (NULL stays NULL).

    A constant JSON object looked up by key: one binary search, where a CASE would compare every id in turn.
    """
    mapping = sql.Literal(json.dumps({str(pk): label for pk, label in labels}, ensure_ascii=False))
    return sql.SQL("COALESCE({mapping}::jsonb ->> {element}, left({element}, 0))").format(mapping=mapping, element=element)


def _labels(question):
    return [(choice.pk, choice.label) for choice in question.choice_list]


def _joined_labels(column, path, labels):
    """The JSON array's choice ids as labels joined by " | " ('' for an unknown id), in the array's order.

    `column` holds the array at `path` (a list of keys). Up to UNROLLED_UP_TO choices: one CASE branch per
    array length, each a plain concatenation (no subquery per cell, each element read once); an array
    longer than the choices (answers naming since-deleted choices) or a longer list takes the exact subquery.
    """
    array = sql.SQL("({} -> {})").format(column, sql.Literal(path[0])) if path else column

    def element(index):
        return sql.SQL("({} ->> {})").format(array, sql.Literal(index))

    exact = sql.SQL(
        "(SELECT string_agg({label}, ' | ' ORDER BY ord) FROM jsonb_array_elements_text({array}) "
        "WITH ORDINALITY AS elements(element, ord))"
    ).format(label=_label_of(sql.Identifier("element"), labels), array=array)
    if len(labels) > UNROLLED_UP_TO:
        return exact
    labelled = [_label_of(element(index), labels) for index in range(len(labels))]
    branches = sql.SQL(" ").join(
        sql.SQL("WHEN {} THEN {}").format(sql.Literal(length), sql.SQL(" || ' | ' || ").join(labelled[:length]))
        for length in range(1, len(labels) + 1)
    )
    return sql.SQL("CASE jsonb_array_length({array}) WHEN 0 THEN '' {branches} ELSE {exact} END").format(
        array=array, branches=branches, exact=exact
    )


def _risky(texts):
    return any(str(text).startswith(RISKY_START) for text in texts)


def text_cell(question, column):
    return "text", guarded(column)


def single_choice_cell(question, column):
    labels = _labels(question)
    # An answer without a choice id still gives one (empty) label, as the Python path does.
    label = sql.SQL("COALESCE({}, '')").format(_label_of(sql.SQL("({} ->> 'choice')").format(column), labels))
    cell = sql.SQL("concat_ws(' | ', {label}, {column} ->> 'other')").format(label=label, column=column)
    return "jsonb", guarded(cell) if _risky(label for _pk, label in labels) else cell


def multiple_choice_cell(question, column):
    labels = _labels(question)
    chosen = _joined_labels(column, ["choices"], labels)
    # No chosen ids still gives one empty label before the "other" text, as the Python path does.
    cell = sql.SQL("concat_ws(' | ', COALESCE({chosen}, ''), {column} ->> 'other')").format(chosen=chosen, column=column)
    return "jsonb", guarded(cell) if _risky(label for _pk, label in labels) else cell


def ranking_cell(question, column):
    labels = _labels(question)
    cell = sql.SQL("COALESCE({}, '')").format(_joined_labels(column, [], labels))
    return "jsonb", guarded(cell) if _risky(label for _pk, label in labels) else cell


def majority_judgment_cell(question, column):
    grades = list(reversed(question.question_type.grade_labels(question)))  # indexed by grade value
    parts = []
    texts = []
    for pk, label in _labels(question):
        by_grade = {str(value): f"{label}: {grade}" for value, grade in enumerate(grades)}
        texts += by_grade.values()
        # NULL for an option without a grade: left out by concat_ws, as the Python path leaves it out.
        parts.append(sql.SQL("({mapping}::jsonb ->> ({column} ->> {key}))").format(
            mapping=sql.Literal(json.dumps(by_grade, ensure_ascii=False)), column=column, key=sql.Literal(str(pk))
        ))
    cell = sql.SQL("concat_ws(' | ', {})").format(sql.SQL(", ").join(parts)) if parts else sql.SQL("''")
    return "jsonb", guarded(cell) if _risky(texts) else cell


def file_cell(question, column):
    return "jsonb", guarded(sql.SQL("({} ->> 'name')").format(column))


# Type key -> function(question, column) -> (type of the column in jsonb_to_record, cell's text expression).
CELLS = {
    "short_text": text_cell,
    "long_text": text_cell,
    "rich_text": text_cell,
    "number": text_cell,
    "email": text_cell,
    "phone": text_cell,
    "date": text_cell,
    "siret": text_cell,
    "rna": text_cell,
    "single_choice": single_choice_cell,
    "multiple_choice": multiple_choice_cell,
    "ranking": ranking_cell,
    "majority_judgment": majority_judgment_cell,
    "file": file_cell,
}


def supported(exporter):
    return connection.vendor == "postgresql" and all(q.type in CELLS for q in exporter.questions)


def copy_statement(exporter, cursor):
    """The COPY statement (a string with every value quoted) for the exporter's replies and questions."""
    record, cells = [], []
    for question in exporter.questions:
        name = sql.Identifier(str(question.pk))
        kind, cell = CELLS[question.type](question, sql.SQL("answer.{}").format(name))
        record.append(sql.SQL("{} {}").format(name, sql.SQL(kind)))
        cells.append(sql.SQL("NULLIF({}, '')").format(cell))
    # The replies to export: the queryset's own SQL (scoped to the instance), its parameters quoted by psycopg.
    ids_sql, ids_params = exporter.replies.order_by().values("pk").query.sql_with_params()
    replies = sql.SQL(psycopg.ClientCursor(cursor.connection).mogrify(ids_sql, ids_params))
    # One jsonb_to_record per reply splits its (compressed) JSON once into one column per question.
    lateral = (
        sql.SQL(", LATERAL jsonb_to_record(reply.answers) AS answer({})").format(sql.SQL(", ").join(record))
        if record else sql.SQL("")
    )
    # Rows come out in id order without sorting them once formatted (100,000 rows of 140 cells would sort on
    # disk): the ids alone are sorted, then each reply is read by its primary key in that order (OFFSET 0 keeps
    # the planner from turning the per-id read into a hash join, which would lose the order).
    select = sql.SQL(
        "SELECT reply.id, to_char(reply.submitted_at AT TIME ZONE {zone}, 'YYYY-MM-DD HH24:MI'), "
        "NULLIF({segment}, ''){cells} "
        "FROM (SELECT chosen.id FROM ({replies}) AS chosen(id) ORDER BY chosen.id) AS chosen "
        "CROSS JOIN LATERAL (SELECT id, submitted_at, segment, answers FROM {table} WHERE id = chosen.id OFFSET 0) AS reply"
        "{lateral} ORDER BY chosen.id"
    ).format(
        zone=sql.Literal(timezone.get_current_timezone_name()),
        segment=guarded(sql.SQL("reply.segment")),
        cells=sql.SQL("").join(sql.SQL(", ") + cell for cell in cells),
        table=sql.Identifier(exporter.replies.model._meta.db_table),
        lateral=lateral,
        replies=replies,
    )
    return sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv)").format(select).as_string(cursor)


def csv_chunks(exporter, header):
    """`header` (the encoded first line), then the rows as PostgreSQL writes them, in blocks of ~64 KiB."""
    out = bytearray(header)
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        # The statement's expressions are large (a CASE per choice question): the JIT would spend longer
        # compiling them (20 s for 140 questions) than the export takes to run.
        cursor.execute("SET LOCAL jit = off")
        with cursor.copy(copy_statement(exporter, cursor)) as copy:
            for row in copy:  # psycopg gives one row per block, ending with LF
                out += row
                out[-1:] = b"\r\n"
                if len(out) >= FLUSH_BYTES:
                    yield bytes(out)
                    out.clear()
    if out:
        yield bytes(out)
