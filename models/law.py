"""The article of the right act for each rule a message names, by the council's kind.

A municipal council (rada gminy / miasta) sits under the u.s.g. (ustawa o samorządzie
gminnym), a county council under the u.s.p. (o samorządzie powiatowym), a regional
assembly under the u.s.w. (o samorządzie województwa). A committee works under the
council's statute, so no act's article is named for it.
"""

from enum import StrEnum

from models.terms import CouncilKind


class Rule(StrEnum):
    QUORUM = "quorum"  # kworum: half of the statutory seats
    CONVOCATION = "convocation"  # zwołanie sesji, zawiadomienie z porządkiem obrad
    EXTRAORDINARY = "extraordinary"  # sesja na wniosek (1/4 składu, wójt, zarząd)
    AGENDA_CHANGE = "agenda_change"  # zmiana porządku obrad: bezwzględna ustawowego składu
    RECUSAL = "recusal"  # wyłączenie z głosowania (interes prawny radnego)


_G, _P, _W = CouncilKind.GMINA, CouncilKind.POWIAT, CouncilKind.WOJEWODZTWO

ARTICLES: dict[Rule, dict[CouncilKind, str]] = {
    Rule.QUORUM: {_G: "art. 14 u.s.g.", _P: "art. 13 ust. 1 u.s.p.",
                  _W: "art. 19 ust. 1 u.s.w."},
    Rule.CONVOCATION: {_G: "art. 20 ust. 1 u.s.g.", _P: "art. 15 ust. 1 u.s.p.",
                       _W: "art. 21 ust. 1 u.s.w."},
    Rule.EXTRAORDINARY: {_G: "art. 20 ust. 3 u.s.g.", _P: "art. 15 ust. 7 u.s.p.",
                         _W: "art. 21 ust. 7 u.s.w."},
    Rule.AGENDA_CHANGE: {_G: "art. 20 ust. 1a u.s.g.", _P: "art. 15 ust. 2 u.s.p.",
                         _W: "art. 21 ust. 2 u.s.w."},
    Rule.RECUSAL: {_G: "art. 25a u.s.g.", _P: "art. 21 ust. 7 u.s.p.",
                   _W: "art. 24 ust. 1 u.s.w."},
}


def article(rule: Rule, kind: CouncilKind) -> str:
    """"art. 20 ust. 1a u.s.g." for a municipal council; "" for a committee."""
    return ARTICLES[rule].get(kind, "")


def citing(rule: Rule, kind: CouncilKind) -> str:
    """The article in parentheses after a sentence (" (art. 14 u.s.g.)"), or nothing."""
    found = article(rule, kind)
    return f" ({found})" if found else ""
