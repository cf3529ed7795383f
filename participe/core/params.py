"""The one parser of integer and id parameters from outside: ASCII digits only, range-checked.

`str.isdigit()` accepts '²' and '٣', which `int()` then refuses or reads; a database integer stops at
2^63 - 1. Every query-string, form and URL integer goes through here.
"""

import re

from django import forms
from django.core.exceptions import BadRequest
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")
_SIGNED = re.compile(r"-?[0-9]{1,19}")


def parse_int(value, minimum=0, maximum=MAX_ID):
    """`value` as an int within [minimum, maximum], or None (not ASCII digits, too long, out of range)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not (_SIGNED if minimum < 0 else _DIGITS).fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_id(value):
    """A database id (1 … 2^63 - 1) or None."""
    return parse_int(value, minimum=1)


def parse_ids(values):
    """The valid ids of a list (e.g. `request.POST.getlist(...)`), in order, others dropped."""
    return [number for number in map(parse_id, values) if number is not None]


def int_param(params, name, default=None, minimum=0, maximum=MAX_ID, strict=False):
    """The integer `name` of a QueryDict: `default` when absent or empty; when malformed, `default`,
    or a 400 (`BadRequest`) with `strict`."""
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    number = parse_int(raw, minimum, maximum)
    if number is None:
        if strict:
            raise BadRequest(f"{name}: not an integer in [{minimum}, {maximum}]")
        return default
    return number


def id_param(params, name, strict=False):
    """The id `name` of a QueryDict, or None (a 400 with `strict` when it is given but malformed)."""
    return int_param(params, name, default=None, minimum=1, strict=strict)


def text_param(params, name, max_length=100):
    """The text `name` of a QueryDict, stripped and cut, without NUL (PostgreSQL refuses it in a query)."""
    return (params.get(name) or "").replace("\x00", "").strip()[:max_length]


class AsciiIntegerField(forms.IntegerField):
    """An IntegerField that takes ASCII digits only (Django's reads '٣' as 3) within the database range."""

    default_error_messages = {"invalid": _("Enter a whole number, with the digits 0 to 9.")}

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        super().__init__(
            min_value=-MAX_ID if min_value is None else min_value,
            max_value=MAX_ID if max_value is None else max_value,
            **kwargs,
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_int(str(value), minimum=-MAX_ID) is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdConverter:
    """`<id:pk>`: ASCII digits up to 2^63 - 1; a larger number does not match, so it is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # the resolver reads a ValueError as "no match"
        return number

    def to_url(self, value):
        return str(value)


class BoundedIntConverter(IdConverter):
    """Django's `int` converter bounded to the database's integers (every `<int:…>` of the URLconf)."""


register_converter(IdConverter, "id")
