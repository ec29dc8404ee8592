#!/usr/bin/env python3
"""Write tests/fixtures/python-random.json: figures printed by python3's own `random` module.

microgpt/random.ts must reproduce CPython's Mersenne Twister number for number; tests/unit/random.test.ts
compares it with these figures. Every sequence starts from a fresh `random.seed(seed)`. Floats are written
by json (shortest repr), which parses back to the identical double.

    python3 scripts/python-random-fixture.py            # rewrite the fixture
    python3 scripts/python-random-fixture.py --stdout   # print it instead
"""
import json
import platform
import random
import sys
from pathlib import Path

SEEDS = [0, 1, 42, 12345, 2**40 + 7, -42]
BITS = [1, 5, 8, 16, 31, 32]
SHUFFLE_SIZES = [0, 1, 2, 3, 10, 27, 1000]
WEIGHTS = [
    [1, 1, 1],
    [1],
    [0, 1, 0, 2],
    [3, 0, 0],
    [0, 0, 5],
    [0.1, 0.2, 0.3, 0.4],
    [1e-300, 1, 0, 1e-300],
    [2.5, -1, 1],  # a negative weight is allowed while the total stays positive
    [1 / 27] * 27,
    [0.9, 0.05, 0.0, 0.05] * 7,
]
DRAWS = 25


def fresh(seed: int) -> random.Random:
    return random.Random(seed)


def figures_for(seed: int) -> dict:
    out: dict = {"seed": seed}
    r = fresh(seed)
    out["random"] = [r.random() for _ in range(20)]
    out["getrandbits"] = []
    for k in BITS:
        r = fresh(seed)
        out["getrandbits"].append({"k": k, "values": [r.getrandbits(k) for _ in range(10)]})
    r = fresh(seed)
    out["gauss"] = [r.gauss(0, 1) for _ in range(9)]
    r = fresh(seed)
    out["gaussScaled"] = [r.gauss(0, 0.08) for _ in range(9)]
    # The cached second deviate: gauss, gauss (served from the cache), then random() continues the stream.
    r = fresh(seed)
    ops = []
    for op in ["gauss", "random", "gauss", "gauss", "random", "gauss", "reseed", "gauss", "random"]:
        if op == "gauss":
            ops.append({"op": op, "mu": 1.5, "sigma": 0.25, "result": r.gauss(1.5, 0.25)})
        elif op == "random":
            ops.append({"op": op, "result": r.random()})
        else:
            r.seed(seed)
            ops.append({"op": op})
    out["interleaved"] = ops
    out["shuffle"] = []
    for n in SHUFFLE_SIZES:
        r = fresh(seed)
        xs = list(range(n))
        r.shuffle(xs)
        out["shuffle"].append({"n": n, "result": xs, "next": r.random()})
    out["choices"] = []
    for w in WEIGHTS:
        r = fresh(seed)
        draws = [r.choices(range(len(w)), weights=w)[0] for _ in range(DRAWS)]
        out["choices"].append({"weights": w, "draws": draws})
    return out


def compact_json(value, indent: str = "") -> str:
    """JSON with one key per line and every list of scalars on one line, so diffs stay readable."""
    inner = indent + " "
    if isinstance(value, dict):
        rows = [f"{inner}{json.dumps(k)}: {compact_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(rows) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + compact_json(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value)


def main() -> None:
    fixture = {
        "about": "figures from python3's random module; regenerate with scripts/python-random-fixture.py",
        "python": platform.python_version(),
        "seeds": [figures_for(s) for s in SEEDS],
    }
    text = compact_json(fixture) + "\n"
    if "--stdout" in sys.argv:
        sys.stdout.write(text)
        return
    path = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "python-random.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
