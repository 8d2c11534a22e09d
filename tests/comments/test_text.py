"""Word matching that copes with case and Turkish letters; comment text shown safely."""

from comments.text import find_phrases, fold, normalise_body, render_comment


def test_fold_joins_the_four_turkish_is_and_ignores_case():
    assert fold("İSTANBUL") == fold("istanbul") == fold("Istanbul") == fold("ıstanbul")
    assert fold("IĞDIR") == fold("ığdır")
    assert fold("STRASSE") == fold("straße")


def test_a_decomposed_dotted_capital_i_folds_like_the_composed_one():
    assert fold("I\u0307stanbul") == fold("İstanbul")


def test_phrases_match_whole_words_only():
    assert find_phrases("What an idiot!", ["idiot"]) == ["idiot"]
    assert find_phrases("Idiotic but fine", ["idiot"]) == []
    assert find_phrases("bigidiot", ["idiot"]) == []


def test_turkish_words_match_in_any_case():
    banned = [fold("aptal")]
    assert find_phrases("Sen tam bir APTAL", banned) == banned
    suspect = [fold("ırkçı")]
    assert find_phrases("IRKÇI sözler", suspect) == suspect
    assert find_phrases("irkçı sözler", suspect) == suspect
    assert find_phrases("Irkçılık", suspect) == []


def test_phrases_match_across_any_spacing():
    assert find_phrases("go   back\nhome", [fold("go back home")]) == ["go back home"]


def test_normalised_body_drops_control_characters_and_extra_blank_lines():
    assert normalise_body("  Hi\x00 there \r\n\r\n\r\n\r\nBye  ") == "Hi there\n\nBye"


def test_rendered_comments_are_escaped_and_links_are_not_followed():
    html = render_comment('<script>alert("x")</script> see https://example.com/a?b=1&c=2')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'rel="nofollow ugc noopener"' in html
    assert 'href="https://example.com/a?b=1&amp;c=2"' in html


def test_a_javascript_link_is_not_made_clickable():
    html = render_comment("javascript:alert(1)")
    assert "<a " not in html


def test_quotes_in_text_cannot_forge_attributes():
    html = render_comment('x" rel="nofollow" onmouseover="alert(1)')
    assert "onmouseover=&quot;" in html and 'onmouseover="' not in html
