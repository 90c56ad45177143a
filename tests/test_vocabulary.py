"""One vocabulary: every member of every enum of the domain has its Polish words, and the
exports, the minutes and the live pages read them from models.vocabulary."""

import inspect
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
