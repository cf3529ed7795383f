import json
from pathlib import Path

from django.utils import translation

from participe.modules.consultation.diff import diff_stats, plain_text, render_diff, word_diff

ARTICLE = json.loads(
    (Path(__file__).resolve().parents[3] / "shared/data/republique-numerique/opinions/100.json").read_text()
)["opinion"]["body"]


def test_real_article_text_is_compared_word_by_word():
    text = plain_text(ARTICLE)
    assert text.startswith("L’État" if "L’État" in text else "L'État")
    amended = ARTICLE.replace("proposent", "garantissent")
    changes = [c for c in word_diff(ARTICLE, amended) if c.op != "equal"]
    assert [(c.op, c.text) for c in changes] == [("delete", "proposent"), ("insert", "garantissent")]
    assert diff_stats(ARTICLE, amended) == (1, 1)


def test_changes_are_perceivable_without_colour():
    with translation.override("en"):
        html = render_diff("<p>Les données sont ouvertes.</p>", "<p>Les données publiques sont ouvertes et gratuites.</p>")
    assert '<ins><span class="visually-hidden">[added: </span>publiques <span class="visually-hidden">]</span></ins>' in html
    assert "gratuites" in html and "<del>" not in html
    with translation.override("fr"):
        assert "[ajouté : </span> publiques" in render_diff("<p>Les données.</p>", "<p>Les données publiques.</p>")


def test_markup_in_texts_is_escaped():
    html = render_diff("<p>a</p>", "<p>a &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_paragraph_breaks_are_kept():
    assert "<br>" in render_diff("<p>Un.</p><p>Deux.</p>", "<p>Un.</p><p>Deux et trois.</p>")


def test_french_labels(settings):
    from django.utils import translation

    with translation.override("fr"):
        html = render_diff("<p>Un texte.</p>", "<p>Un nouveau texte.</p>")
    assert "[ajouté : </span>" in html


def test_a_replaced_word_does_not_run_into_its_replacement():
    with translation.override("en"):
        html = render_diff("<p>au moins une langue</p>", "<p>les langues</p>")
    assert "</del> <ins>" in html
