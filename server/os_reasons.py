"""Why a file could not be read or written (or a port listened on), in English and in Polish: the system's own
words (`strerror`) are English on Linux and macOS, so the common reasons are named here."""

import errno

from server.bilingual import BilingualError

_POLISH = {
    errno.ENOENT: "nie ma takiego pliku ani folderu",
    errno.EACCES: "brak uprawnień",
    errno.EPERM: "operacja niedozwolona",
    errno.EISDIR: "to jest folder, nie plik",
    errno.ENOTDIR: "część ścieżki nie jest folderem",
    errno.ENOSPC: "brak miejsca na dysku",
    errno.EROFS: "dysk tylko do odczytu",
    errno.ENAMETOOLONG: "za długa nazwa pliku",
    errno.EIO: "błąd odczytu lub zapisu dysku",
    errno.EADDRINUSE: "ten adres i port są już zajęte (działa tam inny serwer?)",
    errno.EADDRNOTAVAIL: "ten komputer nie ma takiego adresu",
}


def os_reason(error: OSError) -> BilingualError:
    """The reason of `error`: the system's words, and Polish ones where the reason is
    known (else the system's words again: Windows says them in its own language)."""
    own = error.strerror or type(error).__name__
    return BilingualError(own, _POLISH.get(error.errno or 0, own))


def cannot_read(path: object, error: OSError) -> BilingualError:
    """ "cannot read F: why" / "nie można odczytać pliku F: dlaczego"."""
    reason = os_reason(error)
    return BilingualError(f"cannot read {path}: {reason.en}",
                          f"nie można odczytać pliku {path}: {reason.pl}")
