"""The pages `painmap serve` shows: the body map app, and one muscle's reference page.

One HTML document each, CSS and script inline (written in app.css, app.js and index.html beside
this module), nothing fetched from elsewhere. The script only
marks cells, sends the query and shows the answer: all ranking happens in Python (routes.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib.resources import files
from xml.sax.saxutils import escape

from painmap.dataset import load_dataset
from painmap.models import DISCLAIMER, Muscle
from painmap.render.svg import MARKED_FILL, MARKED_STROKE, muscle_svg


def _asset(name: str) -> str:
    return files("painmap.web").joinpath(name).read_text(encoding="utf-8")


def index_html(features: Mapping[str, bool]) -> str:
    """The app: body map, inputs and the ranking area; `features` says what the API offers."""
    from painmap.web.bodymap import body_map_html

    css = _asset("app.css").replace("@MARK@", MARKED_FILL).replace("@MARK_LINE@", MARKED_STROKE)
    whole, close = body_map_html(load_dataset())
    parts = {
        "@CSS@": css,
        "@WHOLE@": whole,
        "@CLOSE@": close,
        "@DISCLAIMER@": escape(DISCLAIMER),
        "@FEATURES@": json.dumps(dict(features)).replace("<", "\\u003c"),
        "@SCRIPT@": _asset("app.js"),
    }
    # One pass, so nothing a part contains is taken for a placeholder.
    return re.sub(
        "@(CSS|WHOLE|CLOSE|DISCLAIMER|FEATURES|SCRIPT)@", lambda m: parts[m.group(0)], _asset("index.html")
    )


def muscle_html(muscle: Muscle) -> str:
    """One muscle's reference page: its picture and the sections `painmap show` prints."""
    from painmap.render.page import muscle_heading, muscle_sections

    ds = load_dataset()
    picture = "\n".join(line for line in muscle_svg(muscle, ds).splitlines() if not line.startswith("<?xml"))
    parts = [f"<h1>{escape(muscle_heading(muscle))}</h1>", f'<div class="picture">{picture}</div>']
    for section in muscle_sections(muscle, ds):
        parts.append(f"<h2>{escape(section.title)}</h2>")
        if section.bullets:
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in section.lines) + "</ul>")
        else:
            parts += [f"<p>{escape(line)}</p>" for line in section.lines]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(muscle.name)}: painmap</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:auto;padding:1rem;color:#1f1f1f}"
        ".picture svg{width:100%;height:auto;max-width:34rem}h2{font-size:1.1rem;margin-top:1.4rem}"
        "</style></head><body>" + "".join(parts) + f'<p style="color:#555">{escape(DISCLAIMER)}</p>'
        '<p><a href="/">Back to the body map</a></p></body></html>'
    )
