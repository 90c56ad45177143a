"""The header: one widget of six lines; a missing quorum stands out, a change repaints its
line only."""

import pytest
from textual.color import Color

from models.commands import CheckIn, DefineCouncil, OpenVote, RecordAnswer
from models.terms import Answer, SittingType
from session_console import i18n
from session_console.widgets.header import QUORUM, SITTING, VOTE, sitting_line
from tests.chamber import Sim, council
from tests.console.conftest import SIZE, console, demo_service


def styles(header, y: int) -> set:
    """The styles of the drawn (not blank) text of line `y`."""
    return {segment.style for segment in header.render_line(y) if segment.text.strip()}


async def test_a_missing_quorum_is_drawn_bold_in_the_error_colour(tmp_path):
    service = demo_service(tmp_path / "s.db", present=5)
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = app.header
        assert "BRAK KWORUM" in header.line(QUORUM)
        (alarm,) = styles(header, QUORUM)
        error = Color.parse(app.current_theme.error)
        assert alarm.bold and all(abs(a - b) <= 2 for a, b in zip(
            alarm.color.triplet, error.rgb, strict=True))  # the theme's, blended with the panel
        assert not any(style.bold for style in styles(header, VOTE))
        for seat in range(6, 13):
            service.execute(CheckIn(member=f"m{seat:02d}"), "setup")
        await pilot.pause(0.2)
        assert "kworum jest" in header.line(QUORUM)
        assert not any(style.bold for style in styles(header, QUORUM))
        title, *_, time_of_day = [s for s in header.render_line(SITTING) if s.text.strip()]
        assert "Rada Miasta" in title.text and title.style.bold  # the sitting stands out …
        assert time_of_day.text.strip() == "10:00:00" and not time_of_day.style.bold  # … not the clock
    service.close()


async def test_an_answer_repaints_the_vote_line_only(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = app.header
        repainted = []
        header.refresh = lambda *regions, **_: repainted.extend(regions)
        service.execute(RecordAnswer(member="m01", answer=Answer.YES), "setup")
        await pilot.pause(0.2)
        assert "za 1" in header.line(VOTE)
        assert [(region.y, region.height) for region in repainted] == [(VOTE, 1)]
        assert repainted[0].width >= header.size.width


@pytest.mark.parametrize(("kind", "lang", "named"), [
    (SittingType.ORDINARY, "pl", "sesja XL (zwyczajna)"),
    (SittingType.COMMITTEE, "pl", "posiedzenie 7 (komisja)"),
    (SittingType.ORDINARY, "en", "sitting XL (ordinary)"),
    (SittingType.COMMITTEE, "en", "committee meeting 7 (committee)"),
])
def test_the_header_names_the_sitting_with_the_vocabularys_noun(kind, lang, named):
    sim = Sim()
    sim.run(DefineCouncil(council=council()))
    sim("open_sitting", number="XL" if kind is SittingType.ORDINARY else "7",
        sitting_type=kind.value, date="2026-11-22")
    i18n.use(lang)
    try:
        assert sitting_line(sim.state).startswith(f"Rada Gminy Testowo · {named} · 2026-11-22")
    finally:
        i18n.use("pl")
