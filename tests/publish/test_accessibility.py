"""The BIP pages pass axe-core's WCAG 2.1 A/AA rules in a real headless Chromium."""

from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from server.publish import export_package
from tests.cli import ROOT
from tests.publish.sittings import rich

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
ARTIFACTS = ROOT / "test-artifacts" / "publish"


@pytest.mark.parametrize("page_name", ["index.html", "glosowania/glosowanie-001.html",
                                       "glosowania/glosowanie-002.html", "protokol.html"])
async def test_page_has_no_wcag_violations(tmp_path, page_name):
    assert Path("/usr/bin/chromium").exists(), "Debian's chromium is needed (bash .ci/run)"
    sim = rich(close=False)
    export_package(sim.state, sim.log, tmp_path / "bip", formats=["html", "pdf", "csv"])
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                   args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await page.goto((tmp_path / "bip" / page_name).as_uri())
            assert await page.evaluate("document.documentElement.lang") == "pl"
            results = await Axe().run(page, options=WCAG)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / f"{page_name.replace('/', '-')}.png"),
                                  full_page=True)
        finally:
            await browser.close()
    violations = results.response["violations"]
    assert violations == [], results.generate_report()
    passed = {rule["id"] for rule in results.response["passes"]}
    if page_name == "index.html":
        assert {"color-contrast", "th-has-data-cells", "html-lang-valid"} <= passed
