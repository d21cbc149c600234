"""Publishers' Markdown: one converter serves every text, and no text leaks into the next."""

from __future__ import annotations

from generator.model import Foreign
from generator.pages.markdown import clean_markdown


def test_a_link_reference_of_one_text_does_not_reach_the_next() -> None:
    defined = clean_markdown("See [the plan][plan].\n\n[plan]: https://example.org/plan")
    assert 'href="https://example.org/plan"' in defined
    # The same reference in another text, which does not define it, stays text.
    undefined = clean_markdown("See [the plan][plan].")
    assert "href" not in undefined
    assert "[the plan][plan]" in undefined


def test_the_same_text_gives_the_same_html_every_time() -> None:
    text = "1. first\n2. second\n\n* a\n* b"
    assert clean_markdown(text) == clean_markdown(text)
    assert clean_markdown(text).count("<li>") == 4


def test_a_text_in_another_language_is_marked_even_after_the_same_words_untranslated() -> None:
    assert clean_markdown("Hei *alle*") == "<p>Hei <em>alle</em></p>"
    marked = clean_markdown(Foreign("Hei *alle*", "nb"))
    assert marked == '<div lang="nb"><p>Hei <em>alle</em></p></div>'


def test_markup_and_script_stay_out_however_often_a_text_is_shown() -> None:
    text = '<script>alert(1)</script><img src="https://tracker.example/x.png"> *ok*'
    for _ in range(2):
        html = clean_markdown(text)
        assert "<script" not in html and "<img" not in html
        assert "<em>ok</em>" in html
