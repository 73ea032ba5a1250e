"""``closest_names``: the did-you-mean of a name missing from a registry.

It must answer what mypy's ``best_matches`` answers (the messages are worded as mypy's), for
any word and any names: a property over generated ones, from an alphabet small enough that
names are often close (most of them pass mypy's filters, the case the shortcut is for).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from mypy.messages import best_matches

from typed_registry.mypy._messages import closest_names

_NAMES = st.text(alphabet="abcAB_1", max_size=9)


@given(word=_NAMES, names=st.lists(_NAMES, max_size=120))
def test_the_closest_names_are_those_mypy_finds(word: str, names: list[str]) -> None:
    assert closest_names(word, names) == best_matches(word, names, n=3)


def test_many_similar_names_give_the_three_closest_in_mypys_order() -> None:
    names = [f"M{model}C{number}" for model in range(400) for number in range(7)]
    assert closest_names("M0C1x", names) == ["M0C1", "M10C1", "M20C1"]
    assert closest_names("", names) == []


def test_among_fifty_names_of_its_length_a_longer_close_name_is_not_suggested() -> None:
    # mypy keeps the names of a length alike when 50 or more pass its first filter: leaving
    # the far ones out first must not bring back the longer one.
    word = "abcdefghij"
    far = [f"zyxwvuts{number:02}" for number in range(50)]
    assert closest_names(word, [*far, "abcdefghijkl"]) == []
    assert closest_names(word, ["abcdefghijkl"]) == ["abcdefghijkl"]
