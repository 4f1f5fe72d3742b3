"""The HTML handout without a browser: contents and their order, nothing fetched, user text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from painmap import api
from painmap.render.html import TOP, match_html, show_html
from painmap.render.page import muscle_sections, rank_label
from painmap.text import fold

CHEST = dict(areas=["chest", "left arm"], symptoms=["crushing pressure and sweating"])


def _html(ds, **query) -> tuple[object, str]:
    result = api.match(**query)
    return result, match_html(result, ds, made="2030-01-02", version="9.9.9")


class _Collect(HTMLParser):
    """Tags, attributes and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Collect:
    c = _Collect()
    c.feed(page)
    return c


def test_match_handout_has_the_issue_contents_in_order(ds):
    result, page = _html(ds, **CHEST)
    assert result.warnings, "the chest query must raise a red flag for this test to mean anything"
    first_warning = page.index(result.warnings[0].title)
    order = [
        first_warning,
        page.index("What you told painmap"),
        page.index("Body map"),
        page.index("Muscles that may be involved"),
        page.index("Check, ease, avoid"),
        page.index("a checklist"),
        page.index("<h2>Sources</h2>"),
        page.index("<footer>"),
    ]
    assert order == sorted(order)
    # The warning comes before everything but the page title.
    assert page.index("<h1>") < first_warning < page.index("<section><h2>")
    assert "2030-01-02" in page and "9.9.9" in page and result.disclaimer in page


def test_every_match_is_listed_with_its_rank_and_reasons(ds):
    result, page = _html(ds, areas=["hip", "buttock"])
    text = " ".join(_parse(page).text)
    for m in result.matches:
        assert f">{rank_label(m)}</span><strong>{m.name}</strong>" in page
        for reason in m.reasons:
            assert reason.detail in text
    assert page.count('class="card"') == min(TOP, len(result.matches))
    assert page.count("<figure>") == min(TOP, len(result.matches))


def test_cards_hold_self_check_self_care_and_avoid(ds):
    result, page = _html(ds, areas=["hip", "buttock"])
    text = " ".join(" ".join(_parse(page).text).split())
    for m in result.matches[:TOP]:
        muscle = ds.muscles[m.id]
        for line in [p.where for p in muscle.trigger_points] + list(muscle.self_care) + list(muscle.avoid):
            assert " ".join(line.split()) in text


def test_checklist_merges_the_top_activities_without_repeats(ds):
    result, page = _html(ds, areas=["lower back", "side of thigh", "buttock"])
    checklist = re.search(r'<ul class="checklist">(.*?)</ul>', page).group(1)
    items = re.findall(r"<li>(.*?)</li>", checklist)
    folded = [fold(i) for i in items]
    assert len(folded) == len(set(folded))
    wanted = {fold(a) for m in result.matches[:TOP] for a in ds.muscles[m.id].activities}
    assert set(folded) == wanted


def test_nothing_is_fetched(ds):
    for _, page in [_html(ds, **CHEST), _html(ds, areas=["hip", "buttock"])]:
        tags = _parse(page).tags
        names = {t for t, _ in tags}
        assert not names & {"script", "link", "img", "iframe", "object", "embed", "base"}
        for tag, attrs in tags:
            for attr in ("src", "srcset", "href", "xlink:href", "action", "poster"):
                assert attr not in attrs, (tag, attrs)
        assert "@import" not in page
        assert re.findall(r"url\((?!#)", page) == []


def test_user_text_is_escaped(ds):
    nasty = '<script>alert("x")</script> & <img src=x onerror=y>'
    result = api.match(areas=["hip"], symptoms=[nasty], activities=[nasty], text=f"my hip {nasty}")
    page = match_html(result, ds, made="<b>today</b>", version="1&2")
    assert "<script" not in page and "<img" not in page and "<b>today" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;" in page
    assert "1&amp;2" in page


def test_pictures_are_valid_svg_with_unique_ids(ds):
    for page in [_html(ds, **CHEST)[1], show_html(ds.muscles["temporalis"], ds, made="d", version="v")]:
        svgs = re.findall(r"<svg.*?</svg>", page, re.S)
        assert svgs
        for svg in svgs:
            ET.fromstring(svg)
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids))
        for ref in re.findall(r"url\(#([^)]+)\)", page):
            assert ref in ids


def test_no_match_still_makes_a_handout(ds):
    result, page = _html(ds, symptoms=["qwertyuiop zxcvb"])
    assert not result.matches
    assert "No muscle in the dataset" in page and "<figure>" in page
    assert "Check, ease, avoid" not in page


@pytest.mark.parametrize("muscle_id", ["temporalis", "gluteus-medius"])
def test_show_handout_is_the_whole_page(ds, muscle_id):
    muscle = ds.muscles[muscle_id]
    page = show_html(muscle, ds, made="2030-01-02", version="9.9.9")
    positions = [page.index(f"<h2>{s.title}</h2>") for s in muscle_sections(muscle, ds)]
    assert positions == sorted(positions)
    assert page.index("<svg") < positions[0]
    for source in muscle.sources:
        assert source.replace("&", "&amp;").replace("'", "&#x27;") in page


def test_cli_writes_the_handout_and_never_overwrites_without_force(run, tmp_path):
    target = tmp_path / "handout.html"
    first = run("match", "-a", "hip", "-a", "buttock", "--html", str(target))
    assert first.exit_code == 0, first.stderr
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert "Gluteus medius" in first.stdout  # the usual ranking still goes to stdout
    again = run("show", "temporalis", "--html", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr and again.stdout == ""
    assert "Gluteus medius" in target.read_text()
    forced = run("show", "temporalis", "--html", str(target), "--force")
    assert forced.exit_code == 0
    assert "<h1>Temporalis" in target.read_text()


def test_cli_html_and_batch_do_not_mix(run, tmp_path):
    result = run("match", "--batch", "-", "--html", str(tmp_path / "x.html"), input="")
    assert result.exit_code == 2 and "--batch" in result.stderr and result.stdout == ""
    assert not (tmp_path / "x.html").exists()


def test_undecodable_user_text_still_makes_a_writable_page(ds):
    result = api.match(areas=["hip"], activities=["bad \udcff byte"])
    page = match_html(result, ds, made="d", version="v")
    assert "bad ? byte" in page
    page.encode("utf-8")
