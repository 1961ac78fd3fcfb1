"""Names and the titles the articles give them."""

from newsdiff.text.aliases import alias_candidates, choose_aliases, expand
from newsdiff.text.tokens import content_terms


def find_aliases(texts: list[str], max_named_share: float = 0.5) -> list:
    """The aliases of one collection of sentences, as a comparison of them chooses."""
    return choose_aliases([alias_candidates(texts)], [content_terms(t) for t in texts],
                          max_named_share)
from newsdiff.text.tokens import content_words

# Other sentences of the story, so that no name is in most of them.
FILLER = ["The hearing was in January.", "Democrats called for an inquiry."]


def _terms(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


def test_title_before_a_name_is_an_alias():
    aliases = find_aliases(["Officials said Russian Ambassador Sergey Kislyak met him.", *FILLER])
    assert aliases == [("kislyak", _terms("Russian ambassador"))]


def test_title_set_off_by_a_comma_and_a_three_word_name():
    aliases = find_aliases([
        "He met the Russian ambassador, Sergey Kislyak, in July.",
        "Justice Department spokeswoman Sarah Isgur Flores said so.",
        *FILLER,
    ])
    assert ("kislyak", _terms("Russian ambassador")) in aliases
    assert ("flor", _terms("Justice Department spokeswoman")) in aliases


def test_organisations_bare_titles_and_headline_words_are_not_aliases():
    assert find_aliases([
        "Members of the Senate Armed Services Committee met.",
        "Officials told The Post that Senator Al Franken asked.",
        "Sessions Met With Russian Ambassador Twice During Campaign",
        *FILLER,
    ]) == []


def test_the_story_subject_named_in_most_sentences_gets_no_alias():
    texts = [
        "Attorney General Jeff Sessions met the envoy.",
        "Sessions denied it.",
        "Sessions spoke later.",
    ]
    assert find_aliases(texts) == []
    # named in all three sentences: the subject under any share below one, not under one
    assert find_aliases(texts, max_named_share=0.9) == []
    assert find_aliases(texts, max_named_share=1.0) == [
        ("session", _terms("Attorney General"))]


def test_expand_adds_the_title_for_the_name_and_the_name_for_the_title():
    aliases = [("kislyak", _terms("Russian ambassador"))]
    assert expand(_terms("Sessions met Kislyak twice."), aliases) >= _terms("Russian ambassador")
    assert "kislyak" in expand(_terms("Sessions met Russia's ambassador."), aliases)
    assert expand(_terms("Sessions met the envoy."), aliases) == _terms("Sessions met the envoy.")


def test_an_abbreviated_title_is_a_title_not_a_name():
    """"Sen." keeps its dot in the name view of ``tokens``, so it is never read as a first name."""
    assert find_aliases(["Democratic Sen. Al Franken asked him.", *FILLER]) == [
        ("franken", _terms("Democratic Sen."))]
