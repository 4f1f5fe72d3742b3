"""Search by what you know: the abbreviations and group names a therapist types resolve.

An abbreviation names one muscle; a group name names every entry of the group, which `show` lists.
The words live in data/muscles.json (`aliases`), so this table checks the data, not the code.
"""

from __future__ import annotations

import pytest

import painmap
from painmap import api

ONE = {
    "QL": "quadratus-lumborum",
    "TFL": "tensor-fasciae-latae",
    "ECRL": "extensor-carpi-radialis-longus",
    "ECRB": "extensor-carpi-radialis-brevis",
    "ECU": "extensor-carpi-ulnaris",
    "EDC": "extensor-digitorum",
    "EDL": "extensor-digitorum-longus",
    "EHL": "extensor-hallucis-longus",
    "FDL": "flexor-digitorum-longus",
    "FHL": "flexor-hallucis-longus",
    "FDS": "flexor-digitorum-superficialis",
    "FDP": "flexor-digitorum-profundus",
    "FPL": "flexor-pollicis-longus",
    "FCR": "flexor-carpi-radialis",
    "FCU": "flexor-carpi-ulnaris",
    "EDB": "extensor-digitorum-brevis",
    "FDB": "flexor-digitorum-brevis",
    "VMO": "vastus-medialis",
    "VM": "vastus-medialis",
    "VL": "vastus-lateralis",
    "VI": "vastus-intermedius",
    "RF": "rectus-femoris",
    "QF": "quadratus-femoris",
    "TA": "tibialis-anterior",
    "tib post": "tibialis-posterior",
    "BR": "brachioradialis",
    "TVA": "transversus-abdominis",
    "glute med": "gluteus-medius",
    "gmed": "gluteus-medius",
    "glute min": "gluteus-minimus",
    "glute max": "gluteus-maximus",
    "lats": "latissimus-dorsi",
    "lev scap": "levator-scapulae",
    "rhomboids": "rhomboids",
    "scalenes": "scalenes",
    "suboccipitals": "suboccipitals",
    "psoas": "iliopsoas",
    "upper traps": "trapezius-upper",
    "pec minor": "pectoralis-minor",
    "biceps": "biceps-brachii",
}

SCM = {"sternocleidomastoid-sternal", "sternocleidomastoid-clavicular"}
PECTORALS = {
    "pectoralis-major-clavicular",
    "pectoralis-major-sternal",
    "pectoralis-major-costal",
    "pectoralis-minor",
}
HAMSTRINGS = {"biceps-femoris", "semitendinosus", "semimembranosus"}
QUADRICEPS = {"rectus-femoris", "vastus-medialis", "vastus-intermedius", "vastus-lateralis"}
ERECTORS = {"iliocostalis-lumborum", "longissimus-thoracis", "iliocostalis-thoracis"}
ABDOMINALS = {
    "rectus-abdominis-upper",
    "rectus-abdominis-lower",
    "external-oblique",
    "internal-oblique",
    "transversus-abdominis",
    "pyramidalis",
}
GROUPS = {
    "SCM": SCM,
    "sternocleidomastoid": SCM,
    "traps": {"trapezius-upper", "trapezius-middle", "trapezius-lower"},
    "pecs": PECTORALS,
    "delts": {"deltoid-anterior", "deltoid-middle", "deltoid-posterior"},
    "hams": HAMSTRINGS,
    "hamstrings": HAMSTRINGS,
    "quads": QUADRICEPS,
    "quadriceps": QUADRICEPS,
    "calf": {"gastrocnemius", "soleus"},
    "adductors": {"adductor-longus", "adductor-brevis", "adductor-magnus"},
    "glutes": {"gluteus-maximus", "gluteus-medius", "gluteus-minimus"},
    "paraspinals": ERECTORS,
    "erectors": ERECTORS,
    "erector spinae": ERECTORS,
    "rotator cuff": {"supraspinatus", "infraspinatus", "teres-minor", "subscapularis"},
    "obliques": {"external-oblique", "internal-oblique"},
    "abs": ABDOMINALS,
    "abdominals": ABDOMINALS,
    "pelvic floor": {"levator-ani", "coccygeus", "obturator-internus", "bulbospongiosus-ischiocavernosus"},
    "deep six": {"piriformis", "gemelli-and-obturator-externus", "quadratus-femoris", "obturator-internus"},
    "peroneals": {"fibularis-longus", "fibularis-brevis", "fibularis-tertius"},
    "wrist extensors": {
        "extensor-carpi-radialis-longus",
        "extensor-carpi-radialis-brevis",
        "extensor-carpi-ulnaris",
    },
    "finger flexors": {"flexor-digitorum-superficialis", "flexor-digitorum-profundus"},
    "ADM": {"abductor-digiti-minimi-hand", "abductor-digiti-minimi-foot"},
}


@pytest.mark.parametrize(("typed", "muscle_id"), ONE.items())
def test_an_abbreviation_names_one_muscle(typed, muscle_id):
    assert api.find_muscle(typed) == muscle_id
    assert api.find_muscle(typed.lower()) == muscle_id


@pytest.mark.parametrize(("typed", "members"), GROUPS.items())
def test_a_group_name_lists_its_members(typed, members):
    with pytest.raises(painmap.AmbiguousMuscle) as caught:
        api.find_muscle(typed)
    assert set(caught.value.suggestions) == members


def test_show_on_a_group_prints_the_members_one_line(run):
    result = run("show", "SCM")
    assert result.exit_code == 2 and not result.stdout
    message = result.stderr.strip()
    assert "\n" not in message
    assert all(member in message for member in SCM)
