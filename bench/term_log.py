"""A term-shaped log for the benches: the demo council's sittings month after month, each
month one council sitting (every member present, 30 named votes) and a round of
committee-sized sittings (7 members present, 20 named votes each), for as long as asked.

    python3 -m bench.core_replay --shape term --events 250000
"""

from collections.abc import Iterator
from datetime import date, timedelta

from models import commands as cmd
from models.agenda import ItemSpec
from models.roman import to_roman
from models.terms import ItemKind, SittingType
from server.demo import DEMO_AGENDA, demo_council

FIRST_DAY = date(2024, 5, 20)
COUNCIL_VOTES = 30
COMMITTEES_A_MONTH = 8
COMMITTEE_MEMBERS = 7
COMMITTEE_VOTES = 20
COMMITTEE_AGENDA = (
    ItemSpec(title="Otwarcie posiedzenia", kind=ItemKind.PROCEDURAL),
    ItemSpec(title="Opiniowanie projektów uchwał", kind=ItemKind.RESOLUTION),
    ItemSpec(title="Sprawy bieżące", kind=ItemKind.OTHER),
)


def _votes(members: list[str], count: int, items: tuple[str, ...],
           label: str) -> Iterator[cmd.Command]:
    """Each vote: its item taken up, one speech, a named vote everyone present answers
    (amendments before the draft's own vote, as the rules require)."""
    for number in range(1, count + 1):
        if number == 1 or len(items) > 1:
            yield cmd.SetCurrentItem(item=items[number % len(items)])
        yield cmd.QueueSpeaker(member=members[number % len(members)])
        yield cmd.StartSpeech()
        yield cmd.StopSpeech()
        # amendments first; the last vote on each item is on the whole draft
        yield cmd.OpenVote(subject=f"{label}, głosowanie {number}",
                           kind="resolution" if number > count - len(items) else "amendment",
                           rule={"kind": "absolute_cast"})
        for index, member in enumerate(members):
            yield cmd.RecordAnswer(member=member,
                                   answer=("yes", "yes", "no", "abstain")[(index + number) % 4])
        yield cmd.CloseVote()


def _sitting(number: str, day: date, sitting_type: SittingType, agenda: tuple[ItemSpec, ...],
             members: list[str], votes: int, items: tuple[str, ...]) -> Iterator[cmd.Command]:
    yield cmd.OpenSitting(number=number, date=day, sitting_type=sitting_type, agenda=agenda)
    for member in members:
        yield cmd.CheckIn(member=member)
    yield from _votes(members, votes, items, f"Sesja {number}")
    yield cmd.CloseSitting()


def term_commands() -> Iterator[cmd.Command]:
    """The commands of a term, month after month, without end (the caller stops)."""
    council = demo_council()
    yield cmd.DefineCouncil(council=council)
    everyone = [member.id for member in council.members]
    resolutions = ("i6", "i7", "i8", "i9")  # DEMO_AGENDA's drafts; item ids are per sitting
    for month in range(1, 1000):
        day = FIRST_DAY + timedelta(days=30 * month)
        yield from _sitting(to_roman(month), day, SittingType.ORDINARY, DEMO_AGENDA, everyone,
                            COUNCIL_VOTES, resolutions)
        for committee in range(COMMITTEES_A_MONTH):
            members = everyone[committee * 2:committee * 2 + COMMITTEE_MEMBERS]
            yield from _sitting(str(month * 10 + committee), day + timedelta(days=committee + 1),
                                SittingType.COMMITTEE, COMMITTEE_AGENDA, members,
                                COMMITTEE_VOTES, ("i2",))
