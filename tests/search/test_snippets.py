"""Snippets: the passage around the first match, matches marked, everything else escaped."""

from participe.search.snippets import snippet


def test_the_passage_around_the_first_match_is_kept_with_marks():
    text = " ".join(f"mot{n}" for n in range(100)) + " Un verger partagé " + " ".join(f"fin{n}" for n in range(100))
    result = snippet(text, "Vergers")
    assert "<mark>verger</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")
    assert "mot0 " not in result and "fin99" not in result


def test_accents_and_case_are_ignored_and_html_is_escaped():
    result = snippet("<p>L’<b>École</b> &amp; la cour <script>x</script></p>", "ecole")
    assert "<mark>École</mark>" in result
    assert "&amp; la cour" in result and "<b>" not in result and "<script>" not in result


def test_without_a_match_the_text_starts_the_snippet():
    assert snippet("Un texte court", "absent") == "Un texte court"
    assert snippet("", "absent") == ""
