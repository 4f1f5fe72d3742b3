"""`painmap serve` without a browser: cells to places, the routes, and the server over a socket."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading

import pytest

import painmap
from painmap.errors import UsageError
from painmap.render.json import dumps, match_document
from painmap.web.routes import MAX_BODY, handle
from painmap.web.server import is_loopback, make_server


def _cells(ds, place: str, side: str | None) -> list[str]:
    return [c.id for c in ds.atlas.shaded(ds.places[place].mask, side)]


# --- cells to places ------------------------------------------------------------------------------


def test_every_cell_of_a_place_names_that_place(ds):
    assert painmap.api.areas_of_cells(_cells(ds, "hip", "l")) == ("left hip",)
    assert painmap.api.areas_of_cells(_cells(ds, "side-of-thigh", "r")) == ("right side of the thigh",)


def test_a_place_marked_on_both_sides_is_named_once_without_a_side(ds):
    assert painmap.api.areas_of_cells(_cells(ds, "buttock", None)) == ("buttock",)


def test_one_cell_names_the_finest_place_holding_it(ds):
    cell = next(c for c in ds.atlas.cells if c.base.startswith("buttock.") and c.side == "r")
    (name,) = painmap.api.areas_of_cells([cell.id])
    place = ds.atlas.finest_place(cell.base)
    assert name == f"right {place.name.lower()}"
    assert ds.atlas.bit[cell.base] in {i for i in range(len(ds.atlas.bases)) if place.mask >> i & 1}


def test_every_place_name_the_page_sends_resolves_to_that_place(ds):
    from painmap.areas import resolve_area

    for place in ds.places.values():
        text = f"left {place.name.lower()}" if place.lateral else place.name.lower()
        (area,) = resolve_area(text, ds)
        assert area.id == place.id, text


@pytest.mark.parametrize("bad", ["nowhere:r", "buttock.upper.outer:x", "buttock.upper.outer"])
def test_unknown_cells_are_usage_errors(bad):
    with pytest.raises(UsageError):
        painmap.api.areas_of_cells([bad])


# --- routes ---------------------------------------------------------------------------------------


def _post(path: str, doc) -> tuple[int, dict]:
    response = handle("POST", path, json.dumps(doc).encode())
    return response.status, json.loads(response.body)


def test_the_match_endpoint_gives_the_same_document_as_match_json(ds):
    status, doc = _post("/api/match", {"areas": ["hip", "buttock"], "symptoms": ["lying on my side"]})
    expected = json.loads(
        dumps(match_document(painmap.match(["hip", "buttock"], symptoms=["lying on my side"])))
    )
    assert status == 200 and doc == expected


def test_cells_rank_like_the_places_they_cover(ds):
    cells = _cells(ds, "side-of-hip", "r") + _cells(ds, "buttock", "r")
    _, by_cells = _post("/api/match", {"cells": cells})
    _, by_words = _post("/api/match", {"areas": ["right side of hip", "right buttock"]})
    assert [m["id"] for m in by_cells["matches"]] == [m["id"] for m in by_words["matches"]]


def test_a_red_flag_query_carries_its_warning():
    _, doc = _post(
        "/api/match", {"areas": ["chest", "left arm"], "symptoms": ["crushing pressure and sweating"]}
    )
    assert doc["warnings"] and doc["warnings"][0]["urgency"] == "emergency"


@pytest.mark.parametrize(
    ("method", "target", "body", "status"),
    [
        ("POST", "/api/match", b"{not json", 400),
        ("POST", "/api/match", b"[1, 2]", 400),
        ("POST", "/api/match", b'{"areas": "hip", "bogus": 1}', 400),
        ("POST", "/api/match", b'{"areas": [1]}', 400),
        ("POST", "/api/match", b'{"limit": "ten", "areas": ["hip"]}', 400),
        ("POST", "/api/match", b"{}", 400),
        ("POST", "/api/match", b'{"areas": ["nowhere at all"]}', 400),
        ("POST", "/api/match", b'{"cells": ["nowhere:r"]}', 400),
        ("POST", "/api/match", b" " * (MAX_BODY + 1), 413),
        ("GET", "/api/match", b"", 405),
        ("POST", "/", b"{}", 405),
        ("DELETE", "/", b"", 405),
        ("GET", "/nowhere", b"", 404),
        ("GET", "/muscle/no-such-muscle-here", b"", 404),
        ("GET", "/api/resolve", b"", 400),
        ("GET", "/api/resolve?q=" + "x" * 400, b"", 400),
    ],
)
def test_bad_requests_get_a_4xx_json_error(method, target, body, status):
    response = handle(method, target, body)
    assert response.status == status
    assert response.content_type.startswith("application/json")
    assert json.loads(response.body)["error"]


def test_resolve_reads_words_as_area_does_and_gives_the_drawn_cells(ds):
    response = handle("GET", "/api/resolve?q=left%20side%20of%20hip")
    (area,) = json.loads(response.body)["areas"]
    assert area["id"] == "side-of-hip" and area["side"] == "left"
    assert area["cells"] and all(c.endswith(":l") or ":" not in c for c in area["cells"])
    assert painmap.api.areas_of_cells(area["cells"]) == ("left side of the hip",)


def test_the_muscle_page_shows_the_reference_sections():
    response = handle("GET", "/muscle/gluteus-medius")
    page = response.body.decode()
    assert response.status == 200 and "<svg" in page
    assert "Trigger points" in page and "Self-care" in page and "Sources" in page


def test_the_page_holds_every_drawn_cell_once(ds):
    page = handle("GET", "/").body.decode()
    assert page.count("<polygon data-cell=") == len(ds.atlas.cells)
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_save_report_is_a_download():
    response = handle("POST", "/api/report", json.dumps({"areas": ["hip"]}).encode())
    assert response.status == 200 and response.download
    assert response.body.lstrip().startswith((b"<!", b"<?xml", b"<html"))


# --- the server over a socket ---------------------------------------------------------------------


@pytest.fixture
def server():
    srv = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def test_a_foreign_host_header_is_refused(server):
    response, data = _request(server, "GET", "/", headers={"Host": f"attacker.example:{server}"})
    assert response.status == 403 and json.loads(data)["error"]
    response, _ = _request(server, "GET", "/", headers={"Host": f"localhost:{server}"})
    assert response.status == 200


def test_answers_carry_no_cors_headers_and_a_content_policy(server):
    response, _ = _request(
        server,
        "POST",
        "/api/match",
        json.dumps({"areas": ["hip"]}),
        {"Content-Type": "application/json", "Origin": "http://attacker.example"},
    )
    assert response.status == 200
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_a_post_must_be_json_and_small(server):
    response, _ = _request(server, "POST", "/api/match", "areas=hip", {"Content-Type": "text/plain"})
    assert response.status == 415
    response, _ = _request(
        server, "POST", "/api/match", "x" * (MAX_BODY + 10), {"Content-Type": "application/json"}
    )
    assert response.status == 413


@pytest.mark.parametrize(
    "request_line", [b"NONSENSE", b"GET / HTTP/1.1 extra", b"GET / HTTP/2.0", b"GET /" + b"x" * 70000]
)
def test_a_malformed_request_gets_json_not_a_traceback(server, request_line):
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        sock.sendall(request_line + b"\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    text = answer.decode("latin-1")
    # A request line the server cannot read at all is answered the HTTP/0.9 way: the body alone.
    head, _, body = text.partition("\r\n\r\n") if text.startswith("HTTP/") else ("", "", text)
    assert not head or head.split()[1].startswith("4") or head.split()[1] == "505"
    assert json.loads(body)["error"] and "Traceback" not in text


def test_loopback_is_recognised():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_other_commands_never_import_the_server():
    code = "import sys, painmap.cli, painmap; painmap.match('hip'); print('painmap.web' in str(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_serve_warns_when_not_on_loopback_and_fails_cleanly_on_a_taken_port(server):
    # The port is taken by the fixture's server: one line on stderr, exit 2, nothing on stdout.
    result = subprocess.run(
        [sys.executable, "-m", "painmap", "serve", "--host", "0.0.0.0", "--port", str(server)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "warning" in result.stderr and "cannot listen" in result.stderr
    assert result.returncode == 2 and not result.stdout and "Traceback" not in result.stderr


def test_ctrl_c_stops_the_server_cleanly():
    import signal

    proc = subprocess.Popen(
        [sys.executable, "-m", "painmap", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert "http://127.0.0.1:" in proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "stopped" in err and "Traceback" not in err
