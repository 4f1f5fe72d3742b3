"""The guided mode (`painmap guide`, or `painmap` alone on a terminal): where it hurts, warnings at
once, a few next-best questions, then the muscles with their self-checks and a picture to save.

It drives the same protocol scripts use (api.match with yes/no answers and questions), so it holds
no ranking logic of its own. Choices use arrow keys (questionary) on a terminal and numbered
prompts otherwise; questionary is imported only here, so other commands never pay for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from painmap import api
from painmap.dataset import load_dataset
from painmap.errors import PainmapError
from painmap.interview import self_check
from painmap.models import MatchResult, RedFlagWarning, Urgency
from painmap.render.page import place_names, rank_label

MOST_QUESTIONS = 5
SHOWN = 5  # muscles shown at the end
YES, NO, UNSURE = "Yes", "No", "Not sure"


class _Prompts:
    """Arrow-key prompts on a terminal; numbered choices read line by line otherwise."""

    def __init__(self) -> None:
        self.fancy = sys.stdin.isatty() and sys.stdout.isatty()
        if self.fancy:
            import questionary

            self.q = questionary

    def choose(self, message: str, choices: Sequence[str]) -> str:
        if self.fancy:
            return str(self.q.select(message, choices=list(choices)).unsafe_ask())
        print(message)
        for i, choice in enumerate(choices, start=1):
            print(f"  {i}. {choice}")
        while True:
            reply = self._line("Choose a number: ").strip()
            if reply.isdigit() and 1 <= int(reply) <= len(choices):
                return choices[int(reply) - 1]
            if reply in choices:
                return reply
            print(f"Please type a number from 1 to {len(choices)}.")

    def text(self, message: str, default: str = "") -> str:
        if self.fancy:
            return str(self.q.text(message, default=default).unsafe_ask())
        hint = f" [{default}]" if default else ""
        return self._line(f"{message}{hint} ").strip() or default

    def confirm(self, message: str, default: bool = True) -> bool:
        if self.fancy:
            return bool(self.q.confirm(message, default=default).unsafe_ask())
        return self.choose(message, [YES, NO]) == YES

    @staticmethod
    def _line(prompt: str) -> str:
        try:
            return input(prompt)
        except EOFError:
            raise KeyboardInterrupt from None  # the input ended: leave as if interrupted


def run_guide(save_picture: Callable[[MatchResult, str], None]) -> None:
    """The whole interview. KeyboardInterrupt leaves it at any prompt; the CLI reports it."""
    ask = _Prompts()
    print("painmap: where does this pain come from? A few questions, then the muscles that may cause it.")
    print("An aid to understanding, not a diagnosis. Press Ctrl-C to leave at any time.\n")
    shown: set[str] = set()
    start = _where(ask, shown)
    yes: list[str] = []
    no: list[str] = []
    skipped: set[str] = set()
    result = api.match(**start, yes=yes, no=no, questions=MOST_QUESTIONS)
    _warn(result.warnings, shown)
    if any(w.urgency == Urgency.EMERGENCY for w in result.warnings) and not ask.confirm(
        "This may need emergency care, not a muscle chart. Go on to the muscle questions anyway?", False
    ):
        return
    for _ in range(MOST_QUESTIONS):
        question = next((q for q in result.questions if q.id not in skipped), None)
        if question is None:
            break
        reply = ask.choose(question.text, [YES, NO, UNSURE])
        if reply == UNSURE:
            skipped.add(question.id)
            continue
        (yes if reply == YES else no).append(question.id)
        result = api.match(**start, yes=yes, no=no, questions=MOST_QUESTIONS)
        _warn(result.warnings, shown)
    _results(result)
    if result.matches and ask.confirm(
        "Save a picture of your pain and the top muscle's pattern (SVG)?", False
    ):
        while True:
            path = ask.text("File name:", default=f"painmap-{result.matches[0].id}.svg")
            try:
                save_picture(result, path)
                break
            except PainmapError as exc:
                print(f"painmap: {exc}")
                if not ask.confirm("Try another name?", True):
                    break


def _where(ask: _Prompts, shown: set[str]) -> dict[str, Any]:
    """Where it hurts, as arguments for api.match: typed words, or places picked by region. Warnings
    the words set off are shown at once (and noted in `shown`), before any further question."""
    while True:
        how = ask.choose("Where does it hurt?", ["Type it in my own words", "Pick places from a list"])
        if how.startswith("Type"):
            words = ask.text(
                "Where does it hurt, and what makes it worse? (e.g. 'my right hip when I lie on it')"
            )
            if not words.strip():
                continue
            try:
                found = api.match(text=words)
            except PainmapError as exc:
                print(f"painmap: {exc}")
                continue
            if not found.query.areas and not found.query.symptoms:
                print("painmap: I did not understand where; please try other words or pick from the list.")
                continue
            understood = place_names(found.query.areas) or "no place"
            if found.query.symptoms:
                understood += "; what it feels like or is called: " + ", ".join(found.query.symptoms)
            if found.query.activities:
                understood += "; brought on by: " + ", ".join(found.query.activities)
            print(f"Understood: {understood}.")
            _warn(found.warnings, shown)
            if any(w.urgency == Urgency.EMERGENCY for w in found.warnings):
                return {"text": words}  # no finer question before the emergency is dealt with
            refined = _which_part(ask, found)
            if refined is None:
                return {"text": words}
            return {
                "areas": refined,
                "symptoms": list(found.query.symptoms),
                "activities": list(found.query.activities),
            }
        places = _pick(ask)
        if places:
            return {"areas": places}


WHOLE = "All of it, or not sure"
REFINED_MOST = 2  # broad places asked about, so a long list of places does not become a quiz


def _which_part(ask: _Prompts, found: MatchResult) -> list[str] | None:
    """For a broad place typed ("knee"), which part of it hurts, picked from its parts; the places to
    match then, or None when nothing was narrowed (the typed words are used as they were read)."""
    ds = load_dataset()
    _, children = ds.atlas.tree()
    narrowed: dict[str, str] = {}
    for area in found.query.areas:
        parts = children.get(area.id, ())
        if area.id in narrowed or not parts or len(narrowed) == REFINED_MOST:
            continue
        names = [ds.places[p].name for p in parts]
        picked = ask.choose(f"Where exactly in the {ds.places[area.id].name.lower()}?", [WHOLE, *names])
        narrowed[area.id] = area.id if picked == WHOLE else parts[names.index(picked)]
    if all(new == old for old, new in narrowed.items()):
        return None
    out: list[str] = []
    for area in found.query.areas:
        place = ds.places[narrowed.get(area.id, area.id)]
        said = f"{area.side.value} {place.name}" if area.side is not None and place.lateral else place.name
        if said not in out:
            out.append(said)
    return out


def _pick(ask: _Prompts) -> list[str]:
    ds = load_dataset()
    roots, children = ds.atlas.tree()
    chosen: list[str] = []
    while True:
        region = ask.choose("Which part of the body?", [ds.places[r].name for r in roots])
        root = next(r for r in roots if ds.places[r].name == region)
        options = [(root, 0), *_below(root, children, 1)]
        labels = ["  " * depth + ds.places[p].name for p, depth in options]
        label = ask.choose("Where exactly?", labels)
        place = options[labels.index(label)][0]
        side = ""
        if ds.places[place].lateral:
            picked = ask.choose("Which side?", ["Right", "Left", "Both"])
            side = {"Right": "right ", "Left": "left ", "Both": "both "}[picked]
        chosen.append(f"{side}{ds.places[place].name}")
        if not ask.confirm("Does it hurt anywhere else too?", False):
            return chosen


def _below(place: str, children: dict[str, tuple[str, ...]], depth: int) -> list[tuple[str, int]]:
    """The places within `place`, each followed by its own, with their depth for indenting."""
    out: list[tuple[str, int]] = []
    for child in children.get(place, ()):
        out += [(child, depth), *_below(child, children, depth + 1)]
    return out


def _warn(warnings: Sequence[RedFlagWarning], shown: set[str]) -> None:
    for warning in warnings:
        if warning.id in shown:
            continue
        shown.add(warning.id)
        print(f"\n!! {warning.urgency.value.upper()}: {warning.title}")
        print(f"   {warning.advice}")
        print(f"   Why: {warning.why}\n")


def _results(result: MatchResult) -> None:
    if not result.matches:
        print("\nNo muscle in painmap's dataset sends pain there. See a clinician if it persists.")
        return
    ds = load_dataset()
    where = place_names(result.query.areas) or "your symptoms"
    print(f"\nMuscles whose trigger points may cause pain at: {where}\n")
    for match in result.matches[:SHOWN]:
        side = f" ({match.side.value} side)" if match.side else ""
        print(f"{rank_label(match)}. {match.name}{side}: {100 * match.score:.0f} % of the evidence")
        best = next((r for r in match.reasons if r.kind != "prevalence"), None)
        if best is not None:
            print(f"   Why: {best.detail}")
        print(f"   {self_check(match.id, ds).replace('Self-check for ' + match.name + ': ', 'Self-check: ')}")
        print(f"   More: painmap show {match.id}\n")
    print(result.disclaimer)
