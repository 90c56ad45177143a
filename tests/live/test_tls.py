"""The live server over TLS with a certificate the test makes: a member's device votes
through wss://, the pages are served over https://, and a bad key is refused clearly."""

import asyncio
import json
import ssl
import subprocess
import urllib.request

import pytest
from websockets.asyncio.client import connect

from server.live import LiveServer
from server.live.tls import TlsError, tls_context
from tests.live.conftest import receive, run
from tests.live.devices import give_codes


def _get(url: str, context: ssl.SSLContext) -> bytes:
    with urllib.request.urlopen(url, context=context, timeout=5) as response:  # noqa: S310
        return response.read()


@pytest.fixture
def certificate(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


async def test_a_device_votes_over_tls(service, tmp_path, certificate):
    cert, key = certificate
    live = LiveServer(service, port=0, token_dir=tmp_path / "tokens",
                      tls=tls_context(cert, key))
    await live.start()
    try:
        urls = live.urls()
        assert urls["vote"].startswith("https://") and urls["websocket"].startswith("wss://")
        client = ssl.create_default_context(cafile=str(cert))
        page = await asyncio.to_thread(_get, urls["vote"], client)  # the loop serves it
        assert b"/vote.js" in page
        await run(service, "check_in", member="m01")
        code = give_codes(service, ["m01"])["m01"]
        await run(service, "open_vote", subject="Wniosek", mode="electronic")
        async with connect(urls["websocket"], ssl=client) as ws:
            await ws.send(json.dumps({"type": "hello", "v": 1, "role": "member",
                                      "token": code}))
            assert (await receive(ws))["type"] == "welcome"
            assert (await receive(ws))["type"] == "snapshot"
            await ws.send(json.dumps({"type": "answer", "id": "a", "answer": "yes"}))
            while (reply := await receive(ws))["type"] == "patch":
                pass
            assert reply["type"] == "recorded"
        with pytest.raises(ssl.SSLError):  # a client that does not trust it is refused
            await connect(urls["websocket"], ssl=ssl.create_default_context())
    finally:
        await live.stop()


def test_a_key_that_is_not_the_certificates_is_refused(tmp_path, certificate):
    cert, _key = certificate
    other = tmp_path / "other.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(other), "2048"], check=True,
                   capture_output=True)
    with pytest.raises(TlsError, match="cannot use the certificate"):
        tls_context(cert, other)
    with pytest.raises(TlsError, match="no such file"):
        tls_context(tmp_path / "missing.pem", other)


def test_serve_refuses_a_certificate_without_its_key(tmp_path, certificate):
    from tests.cli import sesja
    cert, _key = certificate
    result = sesja("serve", "--db", str(tmp_path / "s.db"), "--port", "0",
                   "--tls-cert", str(cert))
    assert result.returncode != 0 and "--tls-cert i --tls-key podaje się razem" in result.stderr
    result = sesja("serve", "--db", str(tmp_path / "s.db"), "--port", "0",
                   "--tls-cert", str(cert), "--lang", "en")
    assert result.returncode != 0 and "--tls-cert and --tls-key go together" in result.stderr
