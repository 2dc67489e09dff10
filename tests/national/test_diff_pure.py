"""The national diff as plain functions (national/diff.py): no Plone site."""

from guichet_kb.national.diff import plain
from guichet_kb.national.diff import word_diff


def test_words_removed_and_added_are_marked():
    old = "<p>Votre présence est indispensable pour procéder à la prise d&#x27;empreintes.</p>"
    new = "<p>Votre présence est obligatoire pour la prise d&#x27;empreintes.</p>"
    expected = "Votre présence est <del>indispensable</del> <ins>obligatoire</ins> pour <del>procéder à</del> la prise d&#x27;empreintes."
    assert word_diff(old, new) == expected


def test_national_html_never_reaches_the_page_as_markup():
    old = '<p>Un <a href="https://x">lien</a></p>'
    new = "<p>Un &lt;script&gt;alert(1)&lt;/script&gt; lien</p>"
    assert word_diff(old, new) == "Un <ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins> lien"


def test_plain_values_of_every_shape():
    assert plain(None) == "" and plain(True) == "✓" and plain(["a", "b"]) == "a ; b"
    assert plain([{"title": "Code civil", "url": "https://legifrance"}]) == "Code civil – https://legifrance"
    assert plain("<h3>Adulte</h3><ul><li>Photo</li><li>Timbre</li></ul>") == "Adulte Photo Timbre"
    assert word_diff("15 ans", "10 ans") == "<del>15</del> <ins>10</ins> ans"
    assert word_diff(None, "Gratuit") == "<ins>Gratuit</ins>"


def test_long_unchanged_text_is_cut_around_the_changes():
    words = " ".join(f"w{i}" for i in range(40))
    changed = words.replace("w20", "W20")
    assert word_diff(words, changed) == "… w12 w13 w14 w15 w16 w17 w18 w19 <del>w20</del> <ins>W20</ins> w21 w22 w23 w24 w25 w26 w27 w28 …"
