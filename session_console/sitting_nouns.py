"""What the console calls a sitting: the council's "sesja", a committee's "posiedzenie
komisji", in the case a message needs.

The nouns are the product's one vocabulary's (`models.vocabulary.sitting_words`): its
Polish cases when the console speaks Polish, its English words otherwise. A message id
places them with `{sitting}`, `{Sitting}`, `{sitting_gen}` and `{sitting_acc}` (the
Polish translation picks the case); a Polish sentence whose other words agree with the
noun ("zwołaną sesję", "zwołane posiedzenie komisji") has a committee form of its own,
the same message id in the gettext context "meeting", as the header's "zamknięte" does.
"""

from models.state import Chamber
from models.terms import SittingType
from models.vocabulary import capital, sitting_words
from session_console.i18n import lang


def kind_in_view(chamber: Chamber) -> SittingType:
    """The type of the chamber's sitting (the latest one), ORDINARY when there is none: a
    log that holds a committee's meetings convenes the committee's next one."""
    sitting = chamber.sitting
    return sitting.sitting_type if sitting is not None else SittingType.ORDINARY


def nouns(kind: SittingType) -> dict[str, str]:
    """The sitting's noun for each placeholder a message may use, in the chosen language."""
    words = sitting_words(kind)
    if lang() == "pl":
        forms = {"sitting": words.noun, "sitting_gen": words.genitive,
                 "sitting_acc": words.accusative}
    else:
        forms = dict.fromkeys(("sitting", "sitting_gen", "sitting_acc"), words.english)
    return {**forms, "Sitting": capital(forms["sitting"])}


def heading(kind: SittingType) -> str:
    """ "Sesja" / "Posiedzenie" ("Sitting" / "Meeting"): the F8 menu's title and the
    palette's prefix for the sitting's steps."""
    words = sitting_words(kind)
    return capital(words.short_pl if lang() == "pl" else words.short_en)


def header_noun(kind: SittingType) -> str:
    """The header's word before the sitting's number, after the council's name: the short
    Polish "sesja" / "posiedzenie" (the committee's own name stands before it), the whole
    English "sitting" / "committee meeting"."""
    words = sitting_words(kind)
    return words.short_pl if lang() == "pl" else words.english


def said(kind: SittingType, council: str, committee: str | None = None,
         **values: object) -> str:
    """`council`, an already translated message, or for a committee's sitting `committee`
    (its own Polish form, when there is one), with the nouns and `values` put in."""
    text = committee if committee is not None and kind is SittingType.COMMITTEE else council
    return text.format(**nouns(kind), **values)
