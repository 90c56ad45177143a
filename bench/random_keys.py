"""The long random-key run: 10,000+ seeded keys per seed on the real console (pasted bursts,
F-keys, Escape, dialogs), each seed on a fresh demo log in a temporary home and working
folder, opened as `sesja console --db` opens it (its writer after the first frame). One
summary line: keys, seeds, bursts, crashes (the app ended or its guard caught a bug), and
whether `sesja verify` passed on every log.

    python3 -m bench.random_keys [--keys 10000] [--seeds 1 2 3]
"""

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from session_console.cli.opening import open_deferred
from session_console.local_backend import LocalBackend
from tests.cli import sesja
from tests.console.conftest import SIZE, demo_service, frozen
from tests.console.random_keys import KeptConsole, drive


async def one_seed(seed: int, keys: int, folder: Path) -> tuple[int, int, list[str], bool]:
    """(keys sent, bursts, what crashed or was caught, verify passed)."""
    home, work = folder / "home", folder / "work"
    home.mkdir()
    work.mkdir()
    os.environ["HOME"] = str(home)
    os.chdir(work)
    db = folder / "sesja.db"
    demo_service(db, present=12, current="i6").close()
    # opened as `sesja console --db` opens it: shown first, its writer opened after the frame
    service = open_deferred(db, "bench")
    if service is None:
        return 0, 0, ["the demo log did not open as the console opens it"], False
    app = KeptConsole(LocalBackend(service, "bench"), now=frozen,
                      export_dir=home / "sesja-eksport")
    problems: list[str] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            run = await drive(pilot, seed, keys)
            if not app.is_running:
                problems.append("the app ended")
            await app.settled()
    except Exception as error:  # the app's own exception, re-raised by run_test
        problems.append(f"{type(error).__name__}: {error}")
        return 0, 0, problems, False
    finally:
        service.close()
    problems += app.failures
    return run.keys, run.bursts, problems, sesja("verify", "--db", str(db)).returncode == 0


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=10_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    started, total, bursts, crashes, verified = time.monotonic(), 0, 0, [], True
    here = os.getcwd()
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as folder:
            sent, burst, problems, ok = await one_seed(seed, args.keys, Path(folder))
            os.chdir(here)
        total, bursts, verified = total + sent, bursts + burst, verified and ok
        crashes += [f"seed {seed}: {p}" for p in problems]
    for crash in crashes:
        print(crash)
    print(f"random keys: {total} keys over {len(args.seeds)} seeds "
          f"({', '.join(map(str, args.seeds))}), {bursts} pasted bursts, "
          f"{len(crashes)} crashes, verify {'passed' if verified else 'FAILED'} "
          f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    asyncio.run(main())
