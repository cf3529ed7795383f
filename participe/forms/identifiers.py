"""French identifiers: SIRET (establishments) and RNA (associations)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"
RNA = re.compile(r"^W[0-9][0-9AB][0-9]{7}$")  # W + department (2A/2B for Corsica) + 7 digits
FOURTEEN_DIGITS = re.compile(r"[0-9]{14}")  # ASCII only: str.isdigit() also takes '²' and '٣'


def compact(value):
    return re.sub(r"[\s.\-]", "", value or "").upper()


def luhn_valid(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def siret_valid(value):
    digits = compact(value)
    if not FOURTEEN_DIGITS.fullmatch(digits):
        return False
    if digits.startswith(LA_POSTE_SIREN):
        # La Poste's establishments do not follow Luhn: the sum of the digits is a multiple of 5.
        return sum(int(c) for c in digits) % 5 == 0
    return luhn_valid(digits)


def validate_siret(value):
    digits = compact(value)
    if not FOURTEEN_DIGITS.fullmatch(digits):
        raise ValidationError(_("A SIRET number has 14 digits."), code="siret_format")
    if not siret_valid(digits):
        raise ValidationError(_("This SIRET number is not valid: please check its digits."), code="siret_checksum")


def validate_rna(value):
    if not RNA.match(compact(value)):
        raise ValidationError(
            _("An RNA number is W followed by 9 characters, e.g. W751234567."), code="rna_format"
        )
