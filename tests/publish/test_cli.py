"""`sesja export` and `sesja verify --export` as the real command line."""

import hashlib
import json

import pytest

from tests.chamber import opened
from tests.cli import sesja
from tests.publish.sittings import rich, write_log


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return write_log(tmp_path_factory.mktemp("cli") / "rada.db", rich())


def test_export_chosen_formats_with_chapters(db, tmp_path):
    done = sesja("export", "--db", str(db), "--format", "csv,md", "--out", str(tmp_path / "p"),
                 "--video-start", "2026-11-22T11:00:30", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "exported sitting XL of 2026-11-22 (3 votes)" in done.stdout
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert "protokol.md" in names and "wyniki.csv" in names and "rozdzialy.vtt" in names
    assert not {"sesja.pdf", "index.html", "sesja.json", "wyniki-excel.csv"} & set(names)
    manifest = json.loads((tmp_path / "p" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["video_start"] == "2026-11-22T11:00:30+01:00"  # local time, Warsaw
    chapters = (tmp_path / "p" / "rozdzialy-youtube.txt").read_text(encoding="utf-8")
    assert chapters.startswith("00:00 Otwarcie XL sesji\n00:30 2.1. w sprawie budżetu\n")


@pytest.mark.parametrize("args, en, pl", [
    (["--format", "csv,docx"], "unknown format docx", "nieznany format docx"),
    (["--sitting", "s7"], "no sitting 's7' in the log", "w dzienniku nie ma posiedzenia „s7”"),
])
def test_export_explains_bad_arguments(db, tmp_path, args, en, pl):
    polish = sesja("export", "--db", str(db), "--out", str(tmp_path / "p"), *args)
    assert polish.returncode == 1 and pl in polish.stderr and en not in polish.stderr
    english = sesja("export", "--db", str(db), "--out", str(tmp_path / "p"), "--lang", "en",
                    *args)
    assert english.returncode == 1 and en in english.stderr
    assert not (tmp_path / "p").exists()


def test_export_of_a_log_without_a_sitting_says_so(tmp_path):
    """An empty log (as `sesja apply` of nothing leaves it) has nothing to export; it used to
    be told that its events did not end where its state does."""
    empty = tmp_path / "empty.db"
    assert sesja("apply", "--db", str(empty), "-", input="").returncode == 0
    polish = sesja("export", "--db", str(empty), "--out", str(tmp_path / "p"))
    assert polish.returncode == 1
    assert "w dzienniku nie ma jeszcze żadnego posiedzenia" in polish.stderr
    english = sesja("export", "--db", str(empty), "--out", str(tmp_path / "p"), "--lang", "en")
    assert "the log holds no sitting yet" in english.stderr
    assert not (tmp_path / "p").exists()


def test_export_from_a_missing_log(tmp_path):
    failed = sesja("export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "p"),
                   "--lang", "en")
    assert failed.returncode == 1 and "no event log at" in failed.stderr
    polish = sesja("export", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "p"))
    assert polish.returncode == 1 and "nie ma dziennika zdarzeń" in polish.stderr
    assert not (tmp_path / "p").exists()


def test_export_of_a_running_sitting_without_votes_says_both(tmp_path):
    quiet = write_log(tmp_path / "quiet.db", opened(present=3))
    done = sesja("export", "--db", str(quiet), "--out", str(tmp_path / "p"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "the sitting is still open: the package says it is partial" in done.stderr
    assert "no vote has closed yet" in done.stderr


def test_verify_export_finds_changed_added_and_missing_files(db, tmp_path):
    out = tmp_path / "p"
    assert sesja("export", "--db", str(db), "--out", str(out)).returncode == 0
    ok = sesja("verify", "--export", str(out), "--lang", "en")
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ") and "unchanged since export" in ok.stdout
    csv_file = out / "glosowania" / "glosowanie-001.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace(",za,", ",przeciw,", 1),
                        encoding="utf-8")
    (out / "sesja.pdf").unlink()
    (out / "extra.html").write_text("<p>dopisane</p>")
    failed = sesja("verify", "--export", str(out))
    assert failed.returncode == 1
    assert "FAIL: glosowania/glosowanie-001.csv: changed after export (SHA-256 differs)" in failed.stderr
    assert "FAIL: sesja.pdf: listed in the manifest but missing" in failed.stderr
    assert "FAIL: extra.html: not in the manifest (added after export)" in failed.stderr


def test_verify_export_against_another_log_and_a_folder_that_is_no_package(db, tmp_path):
    out = tmp_path / "p"
    assert sesja("export", "--db", str(db), "--out", str(out)).returncode == 0
    other = write_log(tmp_path / "other.db", opened(present=2))
    failed = sesja("verify", "--db", str(other), "--export", str(out))
    assert failed.returncode == 1 and "which the log does not hold" in failed.stderr
    (tmp_path / "empty").mkdir()
    failed = sesja("verify", "--export", str(tmp_path / "empty"))
    assert failed.returncode == 1 and "has no manifest.json: not a sesja package" in failed.stderr


def test_verify_export_with_the_log_catches_a_list_edited_and_rehashed(db, tmp_path):
    out = tmp_path / "p"
    assert sesja("export", "--db", str(db), "--out", str(out), "--format", "json").returncode == 0
    document = json.loads((out / "sesja.json").read_text(encoding="utf-8"))
    document["vote_events"][0]["votes"][3]["option"] = "yes"  # Radny 4 voted no
    (out / "sesja.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == "sesja.json")
    entry["sha256"] = hashlib.sha256((out / "sesja.json").read_bytes()).hexdigest()
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert sesja("verify", "--export", str(out)).returncode == 0  # the files alone agree
    failed = sesja("verify", "--db", str(db), "--export", str(out))
    assert failed.returncode == 1 and "FAIL: vote 1: sesja.json differs from the log" in failed.stderr


def test_export_makes_missing_parent_folders_and_explains_a_bad_video_start(db, tmp_path):
    nested = tmp_path / "bip" / "2026" / "XL"
    assert sesja("export", "--db", str(db), "--out", str(nested), "--format", "md").returncode == 0
    assert (nested / "protokol.md").is_file()
    failed = sesja("export", "--db", str(db), "--out", str(tmp_path / "p"), "--video-start", "jutro")
    assert failed.returncode == 2
    assert "„jutro” nie jest datą i godziną, np. 2025-05-29T10:58:30" in failed.stderr
    failed = sesja("export", "--db", str(db), "--out", str(tmp_path / "p"), "--video-start", "jutro",
                   "--lang", "en")
    assert failed.returncode == 2
    assert "'jutro' is not a date and time such as 2025-05-29T10:58:30" in failed.stderr


def test_export_to_a_folder_that_cannot_be_written(db, unwritable):
    failed = sesja("export", "--db", str(db), "--out", str(unwritable / "bip"), "--lang", "en")
    assert failed.returncode == 1
    assert f"cannot write in {unwritable}" in failed.stderr and "nothing was written" in failed.stderr
    polish = sesja("export", "--db", str(db), "--out", str(unwritable / "bip")).stderr
    assert f"nie można pisać w {unwritable}" in polish and "nic nie zapisano" in polish
    assert "Traceback" not in failed.stderr and not (unwritable / "bip").exists()
