"""Reading a list of electors (a CSV file or pasted lines): each line checked, with the line's number in every error.

A line holds an e-mail address and, optionally, a name, in either order, separated by a comma, a semicolon or a
tab. A first line naming the columns ("email", "e-mail", "courriel", "name", "nom"…) is recognised and skipped.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_LINES = 20_000
HEADER_WORDS = {"email", "e-mail", "mail", "courriel", "adresse", "address", "name", "nom", "prénom", "prenom"}


@dataclass
class Person:
    line: int
    email: str
    name: str = ""


@dataclass
class ElectorList:
    people: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number or None, message)
    duplicates: int = 0


def decode(raw):
    """The file's text (UTF-8, with or without a byte-order mark, else Windows-1252 as spreadsheets save it)."""
    if b"\x00" in raw:
        raise ValueError(_("The file is not a text (CSV) file."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("The file is not a text (CSV) file."))


def _dialect(text):
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _is_header(cells):
    return bool(cells) and all("@" not in c for c in cells) and any(c.strip().lower() in HEADER_WORDS for c in cells)


def parse(text):
    """An `ElectorList`: the people to add (first occurrence of each address) and an error per wrong line."""
    result = ElectorList()
    seen = {}
    rows = csv.reader(io.StringIO(text), _dialect(text))
    for number, cells in enumerate(rows, start=1):
        cells = [c.strip() for c in cells if c.strip()]
        if not cells:
            continue
        if number == 1 and _is_header(cells):
            continue
        if len(result.people) + len(result.errors) >= MAX_LINES:
            result.errors.append((None, _("The list has more than %(max)d lines: split it.") % {"max": MAX_LINES}))
            break
        addresses = [c for c in cells if "@" in c]
        names = [c for c in cells if "@" not in c]
        if len(addresses) != 1:
            message = (_("no e-mail address") if not addresses else _("more than one e-mail address"))
            result.errors.append((number, message))
            continue
        if len(names) > 1:
            result.errors.append((number, _("more than two columns: an e-mail address and a name are expected")))
            continue
        email = addresses[0].lower()
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append((number, _("“%(value)s” is not a valid e-mail address") % {"value": addresses[0][:120]}))
            continue
        name = names[0] if names else ""
        if len(name) > 150:
            result.errors.append((number, _("the name is longer than 150 characters")))
            continue
        if email in seen:
            result.duplicates += 1
            continue
        seen[email] = number
        result.people.append(Person(number, email, name))
    return result
