"""`sesja token`: a secretary's own control token is made, listed and taken away from the
command line, beside the log, private like the role tokens."""

from server.live.tokens import TokenStore
from tests.cli import sesja


def test_a_token_is_added_listed_and_removed_beside_the_log(tmp_path):
    db = tmp_path / "sesja.db"
    added = sesja("token", "add", "Małgorzata Jóźwiak", "--db", str(db))
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    path = tmp_path / "sesja.db.tokens" / "secretaries" / "Małgorzata Jóźwiak.token"
    assert path.read_text(encoding="ascii").strip() == token and len(token) >= 43
    assert path.stat().st_mode & 0o077 == 0 and path.parent.stat().st_mode & 0o077 == 0
    store = TokenStore(tmp_path / "sesja.db.tokens")
    assert store.holder(token) == ("control", "Małgorzata Jóźwiak")
    assert sesja("token", "list", "--db", str(db)).stdout == "Małgorzata Jóźwiak\n"
    assert sesja("token", "remove", "Małgorzata Jóźwiak", "--db", str(db)).returncode == 0
    assert store.holder(token) is None and store.role_of(token) is None
    assert sesja("token", "list", "--db", str(db)).stdout == ""


def test_a_bad_name_or_a_missing_secretary_is_a_clear_error(tmp_path):
    bad = sesja("token", "add", "../control", "--token-dir", str(tmp_path / "t"))
    assert bad.returncode == 1 and "„../control” nie może być nazwą sekretarza" in bad.stderr
    bad = sesja("token", "add", "../control", "--token-dir", str(tmp_path / "t"), "--lang", "en")
    assert bad.returncode == 1 and "cannot name a secretary" in bad.stderr
    missing = sesja("token", "remove", "Nikt", "--token-dir", str(tmp_path / "t"))
    assert missing.returncode == 1 and "nie ma sekretarza o nazwie „Nikt”" in missing.stderr
    missing = sesja("token", "remove", "Nikt", "--token-dir", str(tmp_path / "t"), "--lang", "en")
    assert missing.returncode == 1 and "no secretary named 'Nikt'" in missing.stderr
    assert not (tmp_path / "t").exists()
