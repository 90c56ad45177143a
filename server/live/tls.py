"""TLS for the live server, where a council wants its pages and websocket encrypted on the
chamber's network without a reverse proxy: `--tls-cert` and `--tls-key` (PEM files)."""

import ssl
from pathlib import Path

from server.bilingual import BilingualError


class TlsError(BilingualError):
    """The certificate or its key cannot be used; the message says why, in English
    (`str()`) and Polish (`message("pl")`)."""


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server context (TLS 1.2 or newer) with the certificate chain and its private key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except FileNotFoundError as error:
        raise TlsError(f"no such file: {error.filename}",
                       f"nie ma takiego pliku: {error.filename}") from error
    except (ssl.SSLError, OSError) as error:
        raise TlsError(f"cannot use the certificate {cert} with the key {key}: {error}",
                       f"nie można użyć certyfikatu {cert} z kluczem {key}: {error}") from error
    return context
