"""Shared by the tests of the consultation's back office: documents built in the test, never committed binaries."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from odf.opendocument import OpenDocumentText
from odf.text import H, List, ListItem, P

MARKDOWN = """Ce texte est soumis à la consultation.

# Titre I — Les données

### Article 1

Les administrations publient leurs **données**.

### Article 2

Elles le font gratuitement.

# Titre II — Le savoir

### Article 3

Les chercheurs publient en accès ouvert.

# Titre III — L’accès

### Article 4

Chacun a droit à une connexion.
"""


def markdown_upload(text=MARKDOWN, name="loi.md"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/markdown")


def docx_upload(name="loi.docx"):
    """A Word text typed as bills often are: headings for the titles, bold paragraphs "Article n"."""
    document = docx.Document()
    document.add_paragraph("Projet de loi", style="Title")
    document.add_heading("Titre I — Les données", 1)
    document.add_heading("Chapitre 1 — Ouverture", 2)
    document.add_paragraph().add_run("Article 1").bold = True
    document.add_paragraph("Les administrations publient leurs données.")
    document.add_paragraph("sous un format ouvert ;", style="List Bullet")
    document.add_paragraph("gratuitement.", style="List Bullet")
    document.add_heading("Titre II — L’accès", 1)
    document.add_paragraph().add_run("Article 2").bold = True
    document.add_paragraph("Chacun a droit à une connexion.")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def odt_upload(name="loi.odt"):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Chapitre unique"))
    document.text.addElement(H(outlinelevel=2, text="Article premier"))
    document.text.addElement(P(text="Les communes ouvrent leurs registres."))
    items = List()
    item = ListItem()
    item.addElement(P(text="état civil"))
    items.addElement(item)
    document.text.addElement(items)
    document.text.addElement(H(outlinelevel=2, text="Article 2"))
    document.text.addElement(P(text="Elles le font en ligne."))
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue())
