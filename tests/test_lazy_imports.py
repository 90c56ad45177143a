"""Which libraries a fresh process imports: fpdf only when a PDF is written. (The
import-linter contracts in pyproject.toml say which modules may import a library; these
tests say when, which a static graph cannot: a deferred import is still an import.)"""

import json
import subprocess
import sys

import pytest

from tests.cli import ROOT, sesja_env


def imported_by(code: str) -> set[str]:
    """The top-level packages in sys.modules after a fresh interpreter ran `code`."""
    shown = "import json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    run = subprocess.run([sys.executable, "-c", f"{code}\n{shown}"], capture_output=True,
                         text=True, env=sesja_env(), cwd=ROOT, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", ["session_console.app", "server.publish",
                                    "server.publish.pdf_document"])
def test_importing_the_console_or_publication_leaves_fpdf_out(module):
    assert "fpdf" not in imported_by(f"import {module}")


def test_writing_a_pdf_imports_fpdf():
    """The check above can see fpdf: making the PDF class brings it in."""
    assert "fpdf" in imported_by(
        "from server.publish import pdf_document; pdf_document._document_class()")
