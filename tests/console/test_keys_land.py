"""Nothing typed is lost or reordered, and each key acts where F1 says it does: the
attendance search under a burst, F3's focus, the palette's excuse, the Votes list after a
close, the Log's end; and every form field holds its model's limits."""

import pytest
from textual.widgets import Input, OptionList

from models.agenda import AddItem
from models.commands import (
    CancelVote,
    CloseVote,
    Excuse,
    OpenSitting,
    OpenVote,
    RecordAnswer,
    RecordTotals,
)
from models.council import Guest
from models.terms import Answer, VoteMode
from session_console.dialogs import MemberPicker, Prompt
from session_console.forms import AddItemForm, NewSittingForm, OpenVoteForm, TotalsForm
from session_console.palette import Palette
from session_console.panes.votes import VotesPane
from tests.console.conftest import SIZE, console, events_of
from tests.console.random_keys import send_burst
from tests.console.test_flows import modal, settle, started, tab, type_text, until


async def test_a_burst_of_typing_on_the_roster_searches_every_letter_in_order(service):
    """Keys under a millisecond apart: each used to replace the search (only the last
    letter stayed) and the space in the name checked the member at the cursor out."""
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        assert pilot.app.focused.id == "roster"
        send_burst(pilot.app, [*"zurawska", "space", *"halina", "enter"])
        await settle(pilot)
        await pilot.pause(0.2)
        assert [e.member_id for e in events_of(service, "member_checked_in")][-1] == "m22"
        assert not events_of(service, "member_checked_out")  # nobody else was touched
        send_burst(pilot.app, [*"12", "enter", *"3", "enter"])  # seat 12 out, seat 3 out
        await settle(pilot)
        await pilot.pause(0.2)
        assert [e.member_id for e in events_of(service, "member_checked_out")] == ["m12", "m03"]


async def test_f3_gives_the_roster_the_focus_so_its_keys_work_at_once(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        await tab(pilot, "f3")
        assert pilot.app.focused.id == "roster"
        await pilot.press("minus")  # seat 1, present: left
        await settle(pilot)
        assert [e.member_id for e in events_of(service, "member_checked_out")] == ["m01"]


async def test_the_palette_s_excuse_asks_whom_and_the_search_is_emptied_after(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await type_text(pilot, "2")  # the search holds "2" (seats 2, 12, 20-23 match)
        await modal(pilot, "ctrl+p", Palette)
        await type_text(pilot, "usprawiedliwiony")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, MemberPicker), "whom")
        assert not events_of(service, "member_excused")  # nobody excused unasked
        await type_text(pilot, "21")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, Prompt), "the reason")
        await type_text(pilot, "choroba")
        await pilot.press("enter")
        await settle(pilot)
        excused = events_of(service, "member_excused")
        assert [(e.member_id, e.reason) for e in excused] == [("m21", "choroba")]
        assert pilot.app.query_one("#find", Input).value == ""  # the next digits start anew


async def test_re_vote_and_the_result_line_take_the_vote_just_closed_and_the_list_stays(
        service):
    for number in range(1, 4):
        service.execute(OpenVote(subject=f"uchwała {number}"), "setup")
        service.execute(RecordAnswer(member="m01", answer=Answer.YES), "setup")
        service.execute(CloseVote(), "setup")
    service.execute(OpenVote(subject="uchwała 4 " + "o zmianie " * 12), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        votes = pilot.app.query_one(VotesPane).query_one("#votes", OptionList)
        assert votes.display and votes.option_count == 4  # the past votes, a vote open
        row = str(votes.get_option_at_index(3).prompt)
        assert len(row) > 100  # the whole subject, cut only by the list's width
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await settle(pilot)
        assert votes.highlighted == 3  # the vote just closed, not the first of the day
        detail = str(pilot.app.query_one(VotesPane).query_one("#vote-detail").content)
        assert detail.startswith("Odrzucono") or detail.startswith("Przyjęto")
        assert "uchwała 4" not in detail and "za 1" in detail
        form = await modal(pilot, "r", OpenVoteForm)
        assert form.revote_of == "v4"


async def test_the_log_opens_at_its_end_and_home_end_page_and_arrows_move(service):
    from models.commands import CheckIn, CheckOut
    for _ in range(150):
        service.execute(CheckOut(member="m01"), "setup")
        service.execute(CheckIn(member="m01"), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f6")
        rows = pilot.app.query_one("#events")
        await until(pilot, lambda: pilot.app.log_pane.loaded
                    and len(rows.rows) == pilot.app.chamber.last_seq, "the whole log")
        await pilot.pause(0.2)
        last = len(rows.rows) - 1
        assert rows.cursor == last and rows.scroll_y == rows.max_scroll_y > 0
        await pilot.press("home")
        await pilot.pause(0.1)
        assert rows.cursor == 0 and rows.scroll_y == 0
        await pilot.press("pagedown", "down")
        await pilot.pause(0.1)
        assert rows.cursor == 21
        await pilot.press("end")
        await pilot.pause(0.1)
        assert rows.cursor == last and rows.scroll_y == rows.max_scroll_y


FIELDS = [  # (dialog, field id, model, model field): every typed field bound by a model
    (lambda: OpenVoteForm("", ()), "subject", OpenVote, "subject"),
    (lambda: TotalsForm(), "yes", RecordTotals, "yes"),
    (lambda: TotalsForm(), "no", RecordTotals, "no"),
    (lambda: TotalsForm(), "abstain", RecordTotals, "abstain"),
    (lambda: NewSittingForm(__import__("datetime").date(2026, 11, 23)), "number",
     OpenSitting, "number"),
    (lambda: NewSittingForm(__import__("datetime").date(2026, 11, 23)), "place",
     OpenSitting, "place"),
    (lambda: AddItemForm(None, None), "title", AddItem, "title"),
    (lambda: AddItemForm(None, None), "print", AddItem, "print_number"),
]


def max_len(model, name) -> int | None:
    return next((m.max_length for m in model.model_fields[name].metadata
                 if type(m).__name__ == "MaxLen"), None)


@pytest.mark.parametrize(("dialog", "field_id", "model", "name"), FIELDS,
                         ids=[f"{f[2].__name__}.{f[3]}" for f in FIELDS])
async def test_each_form_field_holds_its_model_s_limits(service, dialog, field_id, model, name):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = dialog()
        await pilot.app.push_screen(screen)
        field = screen.query_one(f"#{field_id}", Input)
        limit = max_len(model, name)
        assert (field.max_length or None) == limit
        if limit is None:  # a count: digits only, as the model's ge=0 says
            field.value = ""
            field.focus()
            await pilot.press("-", "x", "7")
            assert field.value == "7"


@pytest.mark.parametrize(("key", "tab_key", "model", "name"), [
    ("ctrl+u", "f3", Excuse, "reason"), ("x", "f5", CancelVote, "reason"),
    ("g", "f4", Guest, "name"),
])
async def test_each_prompt_holds_its_model_s_limits(service, key, tab_key, model, name):
    service.execute(OpenVote(subject="wybór", mode=VoteMode.SECRET), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, tab_key)
        if key == "ctrl+u":
            pilot.app.query_one("#roster").focus()
            await pilot.press("end")
        prompt = await modal(pilot, key, Prompt)
        field = prompt.query_one(Input)
        limit = max_len(model, name)
        if model is Guest:  # "name, role": both parts and the comma
            assert field.max_length == limit + 2 + max_len(Guest, "role")
        else:
            assert field.max_length == limit


async def test_slash_finds_a_vote_by_words_or_number_and_an_event_by_words(service):
    for subject in ("budżet miasta", "zieleń miejska", "budżet obywatelski"):
        service.execute(OpenVote(subject=subject), "setup")
        service.execute(CloseVote(), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f5")
        votes = pilot.app.query_one(VotesPane).query_one("#votes", OptionList)
        await pilot.press("slash")
        await type_text(pilot, "budzet")  # folded: "budżet"
        await until(pilot, lambda: votes.option_count == 2, "two votes found")
        await pilot.press("enter")  # to the list, the search kept
        assert pilot.app.focused is votes
        assert [votes.get_option_at_index(i).id for i in range(2)] == ["v1", "v3"]
        await pilot.press("slash", "ctrl+a", "backspace", "2", "escape")
        await until(pilot, lambda: votes.option_count == 3, "every vote again")
        await tab(pilot, "f6")
        rows = pilot.app.query_one("#events")
        await until(pilot, lambda: pilot.app.log_pane.loaded, "the log")
        await pilot.press("slash")
        await type_text(pilot, "zielen")
        await until(pilot, lambda: len(rows.rows) == 1, "one event found")
        assert rows.rows[0].event.type == "vote_opened" and rows.rows[0].event.number == 2


def screen_text(app) -> str:
    """The screen as text, line by line, from the app's own screenshot."""
    import html
    import re

    lines: dict[float, list[str]] = {}
    for match in re.finditer(r'<text[^>]*y="([\d.]+)"[^>]*>(.*?)</text>',
                             app.export_screenshot()):
        lines.setdefault(float(match.group(1)), []).append(html.unescape(match.group(2)))
    return "\n".join("".join(lines[y]).replace("\xa0", " ") for y in sorted(lines))


async def test_at_160_columns_the_close_dialog_and_the_speakers_footer_are_whole(service):
    from models.commands import QueueSpeaker
    from session_console.dialogs import Confirm

    service.execute(QueueSpeaker(member="m05"), "setup")
    service.execute(OpenVote(subject="budżet"), "setup")
    for seat in range(1, 8):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    async with console(service).run_test(size=(160, 50)) as pilot:
        await started(pilot)
        dialog = await modal(pilot, "c", Confirm)
        await pilot.pause(0.1)
        body = dialog.query_one("#body")
        width, needed = body.size.width, 0
        for line in dialog.body.split("\n"):  # every line, wrapped at the dialog's width
            needed += -(-len(line) // width)
        assert len(dialog.body) > width and body.size.height >= needed
        await pilot.press("escape")
        await tab(pilot, "f4")
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "Spacja Wstrzymaj/wznów" in footer and "f7 Eksport" in footer
        assert "^p Polecenia" in footer.replace("▏", "")


def test_the_header_names_the_live_pages_in_polish():
    from session_console.widgets.header import displays_line

    class Live:
        display_count = 2

        def urls(self) -> dict[str, str]:
            return {"chamber": "http://h/chamber", "overlay": "http://h/overlay",
                    "websocket": "ws://h/ws", "chamber_json": "http://h/c.json"}

    line = displays_line(Live())
    assert line == "ekrany: 2 · sala: http://h/chamber  nakładka: http://h/overlay"
