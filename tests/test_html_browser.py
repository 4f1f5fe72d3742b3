"""The handout in a real browser: headless Chromium loads it with the network blocked, prints it.

Needs the system Chromium (Debian's `chromium` package; .ci/run installs it) driven by Python
playwright through `executable_path`: never `playwright install`, which downloads a browser.
"""

from __future__ import annotations

import io
import os
import shutil

import pytest

from painmap import api
from painmap.render.html import match_html, show_html

CHROMIUM = os.environ.get("PAINMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium found (apt-get install chromium, or set PAINMAP_CHROMIUM)"
)

# An address that is never fetched: the route below answers it with the handout, and refuses the rest.
ADDRESS = "http://handout.invalid/report.html"
CHEST = dict(areas=["chest", "left arm", "left shoulder"], symptoms=["crushing pressure and sweating"])
HIP = dict(areas=["hip", "buttock", "side of thigh"])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def _open(browser, page_html: str, **context):
    """Load the page with every other request refused and counted; returns (page, refused).

    The page's own Content-Security-Policy is bypassed so that it cannot hide a fetch from the count."""
    ctx = browser.new_context(bypass_csp=True, **context)
    refused: list[str] = []

    def handle(route):
        if route.request.url == ADDRESS:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page_html)
        else:
            refused.append(route.request.url)
            route.abort()

    ctx.route("**/*", handle)
    page = ctx.new_page()
    page.goto(ADDRESS, wait_until="load")
    return page, refused


def _pdf_pages(page, paper: str) -> list[str]:
    from pypdf import PdfReader

    pdf = page.pdf(format=paper, print_background=True, prefer_css_page_size=True)
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _figures_fit_a4(page) -> None:
    """Laid out for print at A4's printable width, no picture is taller than the printable height,
    so none is cut across pages."""
    mm = 96 / 25.4
    page.set_viewport_size({"width": int((210 - 24) * mm), "height": int((297 - 24) * mm)})
    page.emulate_media(media="print")
    heights = page.evaluate("() => [...document.querySelectorAll('figure')].map(f => f.offsetHeight)")
    assert heights and all(100 < h <= (297 - 24) * mm for h in heights), heights


def _handout(ds, query) -> tuple[object, str]:
    result = api.match(**query)
    return result, match_html(result, ds, made="2030-01-02", version="9.9.9")


def test_red_flag_handout_fetches_nothing_and_warns_on_page_one(browser, ds):
    result, page_html = _handout(ds, CHEST)
    assert result.warnings and len(result.query.areas) == 3
    page, refused = _open(browser, page_html)
    assert refused == []
    for paper in ("A4", "Letter"):
        pages = _pdf_pages(page, paper)
        assert len(pages) <= (3 if paper == "A4" else 4), (paper, len(pages))
        for warning in result.warnings:
            assert " ".join(warning.title.split()) in pages[0]
        assert "9.9.9" in pages[-1]  # the footer is printed, on the last page
    page.context.close()


def test_three_place_handout_prints_on_at_most_three_a4_pages(browser, ds):
    result, page_html = _handout(ds, HIP)
    assert len(result.query.areas) == 3 and len(result.matches) >= 3
    page, refused = _open(browser, page_html)
    assert refused == []
    pages = _pdf_pages(page, "A4")
    assert len(pages) <= 3
    assert "What you told painmap" in pages[0]
    _figures_fit_a4(page)
    page.context.close()


def test_show_handout_fetches_nothing_and_prints(browser, ds):
    page, refused = _open(browser, show_html(ds.muscles["temporalis"], ds, made="d", version="v"))
    assert refused == []
    pages = _pdf_pages(page, "A4")
    assert "Temporalis" in pages[0] and "Sources" in " ".join(pages)
    _figures_fit_a4(page)
    page.context.close()


def test_handout_reads_on_a_phone(browser, ds):
    """At a phone's width nothing runs off the side and the body text stays at 16 px."""
    _, page_html = _handout(ds, CHEST)
    page, refused = _open(
        browser, page_html, viewport={"width": 360, "height": 740}, device_scale_factor=3, is_mobile=True
    )
    assert refused == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('p, li')].map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 13 and page.evaluate("() => getComputedStyle(document.body).fontSize") == "16px"
    page.context.close()
