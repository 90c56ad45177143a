"""HTTP on the websocket's port (pages, JSON views) and the tokens' files."""

import asyncio
import hmac
import json
import os
import stat
import urllib.error
import urllib.request

import pytest

from server.live import LiveServer, default_token_dir
from server.live.merge_patch import apply
from server.live.tokens import ROLES, TokenStore
from server.live.views import BUILDERS
from tests.live.conftest import display, receive, run


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


async def get(url: str) -> tuple[int, dict, bytes]:
    return await asyncio.to_thread(_get, url)


@pytest.mark.parametrize("view", ["chamber", "overlay", "public"])
async def test_json_views_hold_the_same_as_the_websocket_views(live, service, view):
    await run(service, "check_in", member="m01")
    await run(service, "set_current_item", item="i4")
    await run(service, "queue_speaker", member="m01")
    await run(service, "start_speech")
    status, headers, body = await get(live.urls()[f"{view}_json"])
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    document = json.loads(body)
    assert document["data"] == BUILDERS[view](service.state)
    assert document["data"]["speaker"]["name"] == "Adamczyk Barbara"
    ws, snapshot = await display(live, view=view)
    assert snapshot["data"] == document["data"] and snapshot["seq"] == document["seq"]
    await run(service, "stop_speech")
    patch = await receive(ws)
    status, _, body = await get(live.urls()[f"{view}_json"])
    after = json.loads(body)
    assert after["data"] == apply(snapshot["data"], patch["patch"]) and after["seq"] == patch["seq"]
    assert "speaker" not in after["data"]
    await ws.close()


async def test_polling_a_json_view_sends_the_screens_no_extra_frame(live, service,
                                                                    monkeypatch):
    ws, snapshot = await display(live, view="chamber")
    monkeypatch.setattr(live._coalescer, "change", lambda now: None)  # a flush is still due
    await run(service, "check_in", member="m01")
    status, _, body = await get(live.urls()["chamber_json"])
    document = json.loads(body)
    assert document["seq"] == snapshot["seq"] == live.feeds["chamber"].seq  # nothing published
    assert document["data"] == snapshot["data"]  # what the screens show until the flush
    monkeypatch.undo()
    await run(service, "check_in", member="m02")
    patch = await receive(ws)  # the flush brings both changes, to screens and polls alike
    status, _, body = await get(live.urls()["chamber_json"])
    assert json.loads(body)["seq"] == patch["seq"] == snapshot["seq"] + 1
    await ws.close()


async def test_json_views_need_a_token_and_a_known_name(live):
    base = f"http://127.0.0.1:{live.port}"
    for url in (f"{base}/view/chamber.json", f"{base}/view/public.json?token=wrong",
                f"{base}/view/overlay.json?token="):
        status, _, body = await get(url)
        assert status == 401 and b"token" in body
    status, _, body = await get(f"{base}/view/secret.json?token={live.tokens.token('display')}")
    assert status == 404 and b"chamber, overlay, public" in body


async def test_public_json_is_open_only_when_public_is_on(service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "t", public=True)
    await live.start()
    try:
        status, _, body = await get(live.urls()["public_json"])
        assert "token" not in live.urls()["public_json"]
        assert status == 200 and json.loads(body)["data"]["sitting"]["number"] == "XL"
        status, _, _ = await get(f"http://127.0.0.1:{live.port}/view/overlay.json")
        assert status == 401
    finally:
        await live.stop()


async def test_pages_and_assets_are_served_with_safe_headers(live):
    base = f"http://127.0.0.1:{live.port}"
    for path, kind, marker in [("/chamber", "text/html", b'data-view="chamber"'),
                               ("/overlay?lang=en", "text/html", b'data-view="overlay"'),
                               ("/live.js", "text/javascript", b"mergePatch"),
                               ("/live.css", "text/css", b"transparent")]:
        status, headers, body = await get(base + path)
        assert status == 200 and headers["Content-Type"].startswith(kind) and marker in body
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert (await get(base + "/nothing"))[0] == 404
    assert (await get(base + "/ws"))[0] == 426


def test_tokens_are_private_files_and_checked_per_role(tmp_path):
    folder = default_token_dir(tmp_path / "sesja.db")
    assert folder == tmp_path / "sesja.db.tokens"
    store = TokenStore(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for role in ROLES:
        path = store.path(role)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().strip() == store.token(role)
        assert store.role_of(store.token(role)) == role
    assert len({store.token(role) for role in ROLES}) == 3
    assert store.role_of("") is None and store.role_of(store.token("control")[:-1]) is None
    assert TokenStore(folder).token("display") == store.token("display")  # kept on restart
    with pytest.raises(ValueError):
        store.path("admin")


def test_urls_name_every_page_and_the_token_files(service, tmp_path):
    live = LiveServer(service, host="192.168.1.20", port=9000, token_dir=tmp_path / "t")
    urls = live.urls()
    token = live.tokens.token("display")
    assert urls["chamber"] == f"http://192.168.1.20:9000/chamber?token={token}"
    assert urls["overlay"] == f"http://192.168.1.20:9000/overlay?token={token}"
    assert urls["websocket"] == "ws://192.168.1.20:9000/ws"
    assert live.token_file("control") == tmp_path / "t" / "control.token"


def test_urls_for_every_network_name_an_address_screens_can_reach(service, tmp_path):
    live = LiveServer(service, host="0.0.0.0", port=9000, token_dir=tmp_path / "t")
    host = live.urls()["websocket"].removeprefix("ws://").split(":")[0]
    assert host != "0.0.0.0" and all(part.isdigit() for part in host.split("."))


def test_a_token_is_compared_with_every_role_in_constant_time(tmp_path, monkeypatch):
    store = TokenStore(tmp_path / "t")
    compared = []
    constant_time = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest",
                        lambda given, expected: compared.append(expected) or
                        constant_time(given, expected))
    for token in (store.token("control"), "a wrong guess"):
        compared.clear()
        store.role_of(token)
        assert compared == [store.token(role).encode() for role in ROLES]  # no early exit


def test_loose_permissions_are_tightened_at_start(tmp_path):
    folder = tmp_path / "t"
    store = TokenStore(folder)
    os.chmod(folder, 0o755)
    os.chmod(store.path("display"), 0o644)
    assert TokenStore(folder).token("display") == store.token("display")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path("display").stat().st_mode) == 0o600
