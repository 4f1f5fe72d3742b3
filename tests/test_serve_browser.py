"""`painmap serve` in a real browser: Debian's Chromium driven by Playwright (never a downloaded one).

Skipped, with the reason, only when Playwright or a Chromium binary is missing (`.ci/run` installs
both). Every request the page makes is routed through the test and counted: none may leave
127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="Python playwright is not installed")

CHROMIUM = os.environ.get("PAINMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (apt-get install chromium)")


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "painmap", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert "http://127.0.0.1:" in line, proc.stderr.read() if proc.stderr else line
        yield line.split("serving on ")[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, url):
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    seen: list[str] = []
    outside: list[str] = []

    def route(r):
        seen.append(r.request.url)
        if r.request.url.startswith(url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg.goto(url)
    yield pg
    assert seen, "the routing saw no request at all"
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    context.close()


def _names(pg) -> list[str]:
    return [a.inner_text() for a in pg.locator("#results li.match > a").all()]


def test_clicking_buttock_and_side_of_hip_ranks_gluteus_medius_near_the_top(page):
    page.locator('#view-back g.place[data-key="upper-buttock:r"]').click()
    page.wait_for_selector("#results[data-state=ranked]")
    first = _names(page)
    page.locator('#view-front g.place[data-key="side-of-hip:r"]').click()
    page.wait_for_function(
        "() => document.querySelector('#understood').textContent.includes('side of the hip')"
    )
    names = _names(page)
    assert names != first or "side of the hip" in page.inner_text("#understood")
    assert "Gluteus medius" in names[:3]
    assert page.locator('g.place[data-key="upper-buttock:r"]').first.get_attribute("aria-pressed") == "true"
    # Each muscle's page is one click away.
    href = page.locator("#results li.match > a").first.get_attribute("href")
    assert href.startswith("/muscle/")
    # Questions (issue 16) appear as yes / no / not sure when this painmap asks them.
    features = page.evaluate("FEATURES")
    questions = page.locator("#questions .question")
    if features["answers"] and questions.count():
        questions.first.locator("button[data-answer=yes]").click()
        page.wait_for_function("() => document.querySelector('#answers').textContent.includes('answer')")
    else:
        assert page.locator("#questions").is_hidden()


def test_keyboard_marks_a_place_with_enter(page):
    group = page.locator('#view-back g.place[data-key="upper-buttock:l"]')
    group.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#results[data-state=ranked]")
    assert group.get_attribute("aria-pressed") == "true"
    page.fill("#area", "right side of thigh")
    page.press("#area", "Enter")
    page.wait_for_function("() => document.querySelector('#understood').textContent.includes('thigh')")


def test_a_red_flag_query_shows_its_warning_first(page):
    for words in ("chest", "left arm"):
        page.fill("#area", words)
        page.press("#area", "Enter")
        page.wait_for_function(f"() => document.querySelector('#search-msg').textContent.includes({words!r})")
    page.fill("#symptoms", "crushing pressure and sweating")
    page.wait_for_function(
        "() => (document.querySelector('#warnings .warning') || {}).textContent?.startsWith('EMERGENCY')"
    )
    page.wait_for_function("() => document.querySelector('#understood').textContent.includes('crushing')")
    warning = page.locator("#warnings .warning").first
    assert "EMERGENCY" in warning.inner_text()
    # Above everything else on the page.
    assert warning.bounding_box()["y"] < page.locator("#controls").bounding_box()["y"]


def test_save_report_downloads_a_file(page, tmp_path):
    page.fill("#area", "hip")
    page.press("#area", "Enter")
    page.wait_for_selector("#results[data-state=ranked]")
    with page.expect_download() as info:
        page.click("#save")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert target.suffix in (".html", ".svg") and ("<svg" in text or "<html" in text.lower())
