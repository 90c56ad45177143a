"""The PDF process kept between PDFs (server/publish/pdf_worker.py): reused, replaced when it
retires or dies, never outliving the process that started it."""

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from server.publish import pdf_document, pdf_worker
from server.publish.pdf_content import cards_data
from tests.cli import ROOT, sesja_env


@pytest.fixture
def worker(monkeypatch):
    """A kept process of the test's own, ended after it."""
    own = pdf_worker.Worker()
    monkeypatch.setattr(pdf_document, "WORKER", own)
    yield own
    own.close()


def _cards(name: str = "Anna Nowak") -> bytes:
    return pdf_document.render("cards", cards_data("Rada Gminy", [(name, "ABCD-1234",
                                                                   "https://x.pl/k?c=1")]))


def _pid(worker: pdf_worker.Worker) -> int | None:
    process = worker._process
    return process.pid if process is not None and process.poll() is None else None


def test_one_process_lays_out_pdf_after_pdf(worker):
    assert _pid(worker) is None  # started by the first PDF, not before
    assert _cards().startswith(b"%PDF")
    first = _pid(worker)
    assert first is not None
    assert _cards("Jan Kowalski").startswith(b"%PDF")
    assert _pid(worker) == first


def test_a_killed_process_is_replaced_and_the_next_pdf_is_made(worker):
    _cards()
    killed = worker._process
    killed.kill()
    killed.wait()
    assert _cards().startswith(b"%PDF")
    assert _pid(worker) not in (None, killed.pid)


def test_a_process_killed_while_it_lays_out_a_pdf_does_not_lose_the_pdf(worker, tmp_path):
    _cards()
    out = tmp_path / "karty.pdf"
    pending = pdf_document.start("cards", cards_data("Rada", [("Ewa", "AB-1", "https://x.pl")]),
                                 out)
    worker._process.kill()
    pending.wait()
    assert out.read_bytes().startswith(b"%PDF")


def test_it_retires_after_its_pdfs_and_the_next_pdf_starts_another(worker, monkeypatch):
    monkeypatch.setattr(pdf_worker, "RETIRE_AFTER", 2)
    _cards()
    first = worker._process
    _cards()
    assert first.returncode == 0  # it ended by itself
    successor = _pid(worker)
    assert successor not in (None, first.pid)  # started at once, ready for the next PDF
    _cards()
    assert _pid(worker) == successor


def test_it_retires_once_its_memory_passes_the_bound(worker, monkeypatch):
    monkeypatch.setattr(pdf_worker, "RETIRE_ABOVE", 1)
    _cards()
    successor = worker._process  # the first ended after its PDF; this one is waiting
    assert successor.poll() is None
    _cards()
    assert successor.returncode == 0 and worker._process.pid != successor.pid


def test_a_refused_pdf_leaves_the_process_serving(worker):
    with pytest.raises(pdf_document.ExportError, match="李"):
        _cards("Li 李")
    kept = _pid(worker)
    assert kept is not None
    assert _cards().startswith(b"%PDF") and _pid(worker) == kept


def test_a_second_pdf_at_the_same_time_gets_a_process_of_its_own(worker, tmp_path):
    data = cards_data("Rada", [("Ewa", "AB-1", "https://x.pl")])
    at = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # else each says the second it was made in
    first = pdf_document.start("cards", data, tmp_path / "1.pdf", at)
    second = pdf_document.start("cards", data, tmp_path / "2.pdf", at)
    assert second._process is not first._process
    second.wait()
    first.wait()
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()


def test_closing_ends_it(worker):
    _cards()
    process = worker._process
    worker.close()
    assert process.returncode is not None and worker._process is None


def test_it_ends_with_the_process_that_started_it():
    code = ("from server.publish import pdf_document, pdf_worker\n"
            "from server.publish.pdf_content import cards_data\n"
            "pdf_document.render('cards', cards_data('R', [('A', 'B', 'https://x.pl')]))\n"
            "print(pdf_worker.WORKER._process.pid)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=sesja_env(), cwd=ROOT, timeout=60, check=True)
    pid = int(run.stdout.split()[-1])
    for _ in range(50):  # its parent has exited: it is gone, or going
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail(f"the PDF process {pid} outlived its parent")


def _tunables(pid: int) -> str:
    with open(f"/proc/{pid}/environ", "rb") as handle:
        variables = dict(item.split(b"=", 1) for item in handle.read().split(b"\0") if item)
    return variables.get(b"GLIBC_TUNABLES", b"").decode()


def test_both_kinds_of_pdf_process_ask_malloc_for_huge_pages(worker, tmp_path, monkeypatch):
    monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    data = cards_data("Rada", [("Ewa", "AB-1", "https://x.pl")])
    kept = pdf_document.start("cards", data, tmp_path / "1.pdf")
    alone = pdf_document.start("cards", data, tmp_path / "2.pdf")  # the kept one is busy
    try:
        assert _tunables(kept._process.pid) == pdf_worker.HUGE_PAGES
        assert _tunables(alone._process.pid) == pdf_worker.HUGE_PAGES
    finally:
        alone.wait()
        kept.wait()


def test_an_operators_malloc_tunables_are_kept(monkeypatch):
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")
    assert pdf_worker.engine_env()["GLIBC_TUNABLES"] == (
        "glibc.malloc.arena_max=2:" + pdf_worker.HUGE_PAGES)
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0")
    assert pdf_worker.engine_env()["GLIBC_TUNABLES"] == "glibc.malloc.hugetlb=0"
