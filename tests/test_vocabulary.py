"""One vocabulary: every member of every enum of the domain has its Polish words, and the
exports, the minutes and the live pages read them from models.vocabulary."""

import inspect
from dataclasses import fields
from enum import StrEnum

from models import polish, terms, vocabulary
from models.terms import SittingType
from server.live import views
from server.publish import labels


def test_every_enum_member_has_its_polish_words():
    enums = {cls for _n, cls in inspect.getmembers(terms, inspect.isclass)
             if issubclass(cls, StrEnum) and cls is not StrEnum}
    assert enums == set(vocabulary.WORDS_PL)
    for enum in enums:
        words = vocabulary.WORDS_PL[enum]
        assert set(words) == set(enum), enum
        assert all(word.strip() for word in words.values()), enum


def test_the_copies_are_gone():
    """The exports' and the core's tables are the vocabulary's own, not copies."""
    assert labels.OUTCOME_PL is vocabulary.OUTCOME_PL and labels.MODE_PL is vocabulary.MODE_PL
    assert labels.ATTENDANCE_PL is vocabulary.ATTENDANCE_PL
    assert polish.ANSWER_PL is vocabulary.ANSWER_PL and polish.TALLY_PL is vocabulary.TALLY_PL
    assert not hasattr(views, "SITTING_NOUN")


def test_the_words_of_a_sitting_depend_on_who_sits():
    council = vocabulary.sitting_words(SittingType.EXTRAORDINARY)
    committee = vocabulary.sitting_words(SittingType.COMMITTEE)
    assert council.named("XL") == "XL sesja" and council.named("XL", "genitive") == "XL sesji"
    assert committee.named("3") == "posiedzenie komisji nr 3"
    assert committee.named("3", "accusative") == "posiedzenie komisji nr 3"
    assert committee.named("3", "genitive") == "posiedzenia komisji nr 3"
    assert (committee.column, committee.folder, committee.body) == ("Posiedzenie", "posiedzenie",
                                                                   "Komisja")


def test_a_refusals_words_agree_with_the_noun_of_who_sits():
    """A feminine "sesja" and a neuter "posiedzenie komisji": each has every word a refusal
    asks for, and the participles agree with its noun."""
    council = vocabulary.sitting_words(SittingType.ORDINARY)
    committee = vocabulary.sitting_words(SittingType.COMMITTEE)
    for words in (council, committee):
        assert all(getattr(words, f.name).strip() for f in fields(words)), words.noun
    participles = ("opened", "closed", "convened", "adjourned", "run", "entered")
    assert all(getattr(council, name).endswith("a") for name in participles)
    assert all(getattr(committee, name).endswith("e") for name in participles)
    assert (council.was, council.could) == ("została", "mogła")
    assert (committee.was, committee.could) == ("zostało", "mogło")
    assert (council.this, council.of_this, council.it) == ("ta sesja", "tej sesji", "ją")
    assert (committee.this, committee.of_this, committee.it) == (
        "to posiedzenie komisji", "tego posiedzenia komisji", "je")
    assert (council.called("XL"), council.called("XL", "en")) == ("Sesja XL", "Sitting XL")
    assert (committee.called("3"), committee.called("3", "en")) == (
        "Posiedzenie komisji 3", "Committee meeting 3")
    assert committee.afterwards_loc == "posiedzeniu komisji wprowadzanym po fakcie"
    assert committee.afterwards_gen == "posiedzenia komisji wprowadzanego po fakcie"


def test_the_console_in_polish_shows_the_vocabulary_words():
    from session_console import i18n, words

    labels = {terms.FinalAnswer: words.answer_label, terms.Answer: words.answer_label,
              terms.AttendanceStatus: words.attendance_label, terms.Outcome: words.outcome_label,
              terms.VoteMode: words.mode_label, terms.VoteKind: words.kind_label,
              terms.ItemKind: words.item_kind_label, terms.SpeechKind: words.speech_label,
              terms.SittingType: words.sitting_type_label}
    before = i18n.lang()
    i18n.use("pl")
    try:
        for enum, label in labels.items():
            assert {m: label(m) for m in enum} == {m: vocabulary.screen_word(m) for m in enum}, enum
    finally:
        i18n.use(before)
