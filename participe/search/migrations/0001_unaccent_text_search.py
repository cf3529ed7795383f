"""PostgreSQL only: text search configurations that stem French (or English) and ignore accents.

`fr_unaccent` is the French configuration with the `unaccent` dictionary before the stemmer, so that
"ecole" and "école", "Transparence" and "transparence" meet; `en_unaccent` the same for English.
SQLite searches without them (participe/search/backends.py).
"""

from django.db import migrations

CONFIGURATIONS = {"fr_unaccent": "french", "en_unaccent": "english"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, base in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop, elidable=False)]
