"""Every question type, with good and bad input: a clear error on the right field, values stored as JSON."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from participe.forms.engine import answers_from, build_django_form
from tests.forms.builders import add_question, choice_id, make_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(scope_a):
    with translation.override("en"):
        yield


def ask(question, data, files=None):
    form = build_django_form(question.form.definition(), data=data, files=files)
    valid = form.is_valid()
    return valid, form, (answers_from(form).get(str(question.pk)) if valid else None)


def single(kind, **options):
    _form, (question,) = make_form(questions=[(kind, "Question", options)])
    return question


def errors_of(form, question):
    return form.errors.get(question.field_name, [])


@pytest.mark.parametrize(
    ("kind", "good", "stored"),
    [
        ("short_text", "  Bonjour  ", "Bonjour"),
        ("long_text", "Une ligne\nDeux lignes", "Une ligne\nDeux lignes"),
        ("email", "Camille@Example.org", "camille@example.org"),
        ("phone", "06 12 34 56 78", "0612345678"),
        ("phone", "+33 6 12 34 56 78", "+33612345678"),
        ("phone", "0033 6 12 34 56 78", "+33612345678"),
        ("date", "2024-05-17", "2024-05-17"),
        ("date", "17/05/2024", "2024-05-17"),
        ("siret", "732 829 320 00074", "73282932000074"),
        ("siret", "35600000000001", "35600000000001"),
        ("rna", "W751234567", "W751234567"),
        ("rna", "w2a1234567", "W2A1234567"),
    ],
)
def test_good_input_is_stored(kind, good, stored):
    question = single(kind)
    valid, form, value = ask(question, {question.field_name: good})
    assert valid, form.errors
    assert value == stored


@pytest.mark.parametrize(
    ("kind", "bad", "message"),
    [
        ("email", "camille.example.org", "Enter a valid email address."),
        ("phone", "12345", "Enter a phone number"),
        ("phone", "+33 abc", "Enter a phone number"),
        ("date", "31/02/2024", "Enter a valid date."),
        ("siret", "7328293200007", "A SIRET number has 14 digits."),
        ("siret", "73282932000075", "This SIRET number is not valid"),
        ("siret", "35600000000002", "This SIRET number is not valid"),
        ("rna", "751234567", "An RNA number is W followed by 9 characters"),
        ("rna", "W75123456", "An RNA number is W followed by 9 characters"),
        ("number", "douze", "Enter a number."),
    ],
)
def test_bad_input_has_a_clear_error_on_its_field(kind, bad, message):
    question = single(kind)
    valid, form, _ = ask(question, {question.field_name: bad})
    assert not valid
    assert any(message in error for error in errors_of(form, question))


def test_required_question_must_be_answered_and_optional_may_be_empty():
    form, (required, optional) = make_form(
        questions=[("short_text", "Nom", {"required": True}), ("short_text", "Remarque", {})]
    )
    reply_form = build_django_form(form.definition(), data={required.field_name: "", optional.field_name: ""})
    assert not reply_form.is_valid()
    assert reply_form.errors[required.field_name] == ["This field is required."]
    assert optional.field_name not in reply_form.errors


def test_text_length_is_limited():
    question = single("short_text", config={"max_length": 5})
    valid, form, _ = ask(question, {question.field_name: "trop long"})
    assert not valid and "at most 5 characters" in errors_of(form, question)[0]


def test_rich_text_is_sanitised():
    question = single("rich_text")
    valid, _form, value = ask(question, {question.field_name: "<p>Oui <script>alert(1)</script><b>fort</b></p>"})
    assert valid
    assert "<script>" not in value and "<b>fort</b>" in value


def test_number_bounds_and_integers():
    question = single("number", config={"min": 0, "max": 10, "integer": True})
    assert ask(question, {question.field_name: "7"})[2] == 7
    valid, form, _ = ask(question, {question.field_name: "11"})
    assert not valid and "less than or equal to 10" in errors_of(form, question)[0]
    valid, form, _ = ask(question, {question.field_name: "2.5"})
    assert not valid and "Enter a whole number." in errors_of(form, question)
    decimal = single("number", config={"decimals": 1})
    assert ask(decimal, {decimal.field_name: "2.5"})[2] == 2.5


def test_date_bounds():
    question = single("date", config={"min": "2024-01-01", "max": "2024-12-31"})
    valid, form, _ = ask(question, {question.field_name: "2023-12-31"})
    assert not valid and "on or after 01/01/2024" in errors_of(form, question)[0]
    valid, form, _ = ask(question, {question.field_name: "2025-01-01"})
    assert not valid and "on or before 31/12/2024" in errors_of(form, question)[0]


def test_single_choice_radio_and_select():
    question = single("single_choice", choices=["Oui", "Non"])
    assert ask(question, {question.field_name: choice_id(question, "Non")})[2] == {"choice": int(choice_id(question, "Non"))}
    valid, form, _ = ask(question, {question.field_name: "999999"})
    assert not valid and "Select a valid choice" in errors_of(form, question)[0]
    select = single("single_choice", choices=["Oui", "Non"], config={"widget": "select"})
    html = str(build_django_form(select.form.definition())[select.field_name])
    assert "<select" in html


def test_multiple_choice_min_max_exact():
    question = single("multiple_choice", choices=["A", "B", "C", "D"], config={"min": 2, "max": 3})
    ids = [choice_id(question, label) for label in "ABCD"]
    assert not ask(question, {question.field_name: ids[:1]})[0]
    _, form, _ = ask(question, {question.field_name: ids})
    assert "Tick at most 3 choices." in errors_of(form, question)
    valid, _, value = ask(question, {question.field_name: ids[:2]})
    assert valid and value == {"choices": [int(i) for i in ids[:2]]}
    exact = single("multiple_choice", choices=["A", "B", "C"], config={"exact": 2})
    _, form, _ = ask(exact, {exact.field_name: [choice_id(exact, "A")]})
    assert "Tick exactly 2 choices." in errors_of(form, exact)


def test_multiple_choice_other_needs_its_text():
    question = single("multiple_choice", choices=["Vélo", "Bus"], other=True)
    other = choice_id(question, "Autre")
    valid, form, _ = ask(question, {question.field_name: [other]})
    assert not valid
    assert "You ticked “Autre”: please specify." in form.errors[f"{question.field_name}_other"]
    valid, form, value = ask(question, {question.field_name: [other], f"{question.field_name}_other": "Trottinette"})
    assert valid and value == {"choices": [int(other)], "other": "Trottinette"}
    # The text of an unticked "other" is not kept.
    valid, form, value = ask(question, {question.field_name: [choice_id(question, "Bus")], f"{question.field_name}_other": "x"})
    assert value == {"choices": [int(choice_id(question, "Bus"))]}


def test_random_order_is_stable_per_reply_and_differs_between_replies():
    question = single("multiple_choice", choices=[f"Choix {n}" for n in range(12)], config={"random_order": True})
    definition = question.form.definition()

    def order(seed):
        return [value for value, _label in build_django_form(definition, seed=seed).fields[question.field_name].choices]

    assert order("reply-1") == order("reply-1")
    assert order("reply-1") != order("reply-2")
    assert sorted(order("reply-1")) == sorted(order("reply-2"))


def test_ranking():
    question = single("ranking", choices=["Parc", "Piscine", "Bibliothèque"], config={"rank_count": 2})
    parc, piscine, biblio = (choice_id(question, c) for c in ("Parc", "Piscine", "Bibliothèque"))
    name = question.field_name
    valid, _, value = ask(question, {f"{name}_{parc}": "2", f"{name}_{piscine}": "", f"{name}_{biblio}": "1"})
    assert valid and value == [int(biblio), int(parc)]
    valid, form, _ = ask(question, {f"{name}_{parc}": "1", f"{name}_{piscine}": "1", f"{name}_{biblio}": ""})
    assert not valid and "Give each rank from 1 to 2 to exactly one choice." in errors_of(form, question)
    valid, form, _ = ask(question, {f"{name}_{parc}": "1", f"{name}_{piscine}": "", f"{name}_{biblio}": ""})
    assert not valid
    html = str(build_django_form(question.form.definition())[name])
    assert "<label" in html and "Piscine" in html and "<select" in html


def test_majority_judgment_needs_every_option_graded():
    question = single("majority_judgment", choices=["Projet A", "Projet B"], required=True)
    name = question.field_name
    a, b = choice_id(question, "Projet A"), choice_id(question, "Projet B")
    valid, _, value = ask(question, {f"{name}_{a}": "6", f"{name}_{b}": "0"})
    assert valid
    assert value == {a: 6, b: 0}
    valid, form, _ = ask(question, {f"{name}_{a}": "6"})
    assert not valid and "Give a grade to every option." in errors_of(form, question)
    valid, form, _ = ask(question, {f"{name}_{a}": "9", f"{name}_{b}": "1"})
    assert not valid
    html = str(build_django_form(question.form.definition())[name])
    assert "<fieldset" in html and "<legend>Projet A</legend>" in html and "À rejeter" in html


def test_majority_judgment_scales():
    six = single("majority_judgment", choices=["A"], config={"levels": 6})
    assert six.question_type.grade_labels(six) == ["Excellent", "Très bien", "Bien", "Assez bien", "Insuffisant", "À rejeter"]
    custom = single("majority_judgment", choices=["A"], config={"levels": 6, "grades": list("123456")})
    assert custom.question_type.grade_labels(custom)[0] == "1"
    custom.config = {"levels": 5}
    assert custom.question_type.check_config(custom.config)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_file_upload_checks_content_not_name():
    question = single("file", config={"kinds": ["pdf"], "max_mb": 1})
    name = question.field_name
    fake = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    valid, form, _ = ask(question, {}, {name: fake})
    assert not valid and "This type of file is not accepted" in errors_of(form, question)[0]
    real = SimpleUploadedFile("rapport.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    assert ask(question, {}, {name: real})[0]
    big = SimpleUploadedFile("gros.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1))
    valid, form, _ = ask(question, {}, {name: big})
    assert not valid and "too large" in errors_of(form, question)[0]


def test_image_upload_goes_through_clean_image():
    question = single("file", config={"kinds": ["image"]})
    upload = SimpleUploadedFile("photo.gif", png_bytes(), content_type="image/gif")
    valid, form, value = ask(question, {}, {question.field_name: upload})
    assert valid
    assert value.name == "photo.png"  # re-encoded by participe.core.uploads.clean_image


def test_section_header_has_no_field():
    form, (section, text) = make_form(questions=[("section", "Partie 1", {}), ("short_text", "Nom", {})])
    reply_form = build_django_form(form.definition())
    assert section.field_name not in reply_form.fields and text.field_name in reply_form.fields


def test_question_config_is_checked_on_clean():
    from django.core.exceptions import ValidationError

    form, _ = make_form()
    question = add_question(form, "multiple_choice", "Q", config={"min": 3, "max": 1})
    with pytest.raises(ValidationError):
        question.full_clean()


def test_errors_are_translated_into_french():
    question = single("siret")
    with translation.override("fr"):
        valid, form, _ = ask(question, {question.field_name: "123"})
        assert errors_of(form, question) == ["Un numéro SIRET compte 14 chiffres."]
