"""Build the simplified world map used by the atlas: atlas/data/world.json.

Reads the ``index.js`` of the npm package @svg-maps/world 2.0.0 (CC BY 4.0, Victor Cazanave;
``npm pack @svg-maps/world@2.0.0 && tar xzf *.tgz`` unpacks it to ``package/``), splits each
country's SVG path into closed rings in absolute coordinates, simplifies every ring with
Ramer-Douglas-Peucker, drops tiny rings (but always keeps a country's largest ring, so small
states stay clickable), rounds to one decimal and writes compact absolute path data keyed by
upper-case ISO 3166-1 alpha-2 code. Standard library only:

    python atlas/data/build_world_map.py package/index.js atlas/data/world.json
"""

import json
import math
import re
import sys

TOLERANCE = 0.7  # RDP tolerance, in viewBox units
MIN_AREA = 4  # rings with a smaller absolute area are dropped, in square viewBox units
SOURCE = "@svg-maps/world 2.0.0, CC BY 4.0, Victor Cazanave"
# Source ids that are not alpha-2 codes: US Minor Outlying Islands come as "um-xx", and the
# Glorioso and Juan de Nova islands belong to the French Southern Territories in ISO 3166-1.
ALIASES = {"go": "tf", "ju": "tf"}
ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def rings(path):
    """Yield the closed rings of an SVG path as lists of absolute (x, y) points.

    Curves and arcs keep only their end point, which is plenty at this scale.
    """
    tokens = TOKEN.findall(path)
    x = y = 0.0
    ring, i, cmd = [], 0, None
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd, i = tokens[i], i + 1
        lower = cmd.lower()
        if lower == "z":
            if len(ring) > 2:
                yield ring
            x, y = ring[0] if ring else (x, y)
            ring = []
            continue
        args = [float(t) for t in tokens[i : i + ARGS[lower]]]
        i += ARGS[lower]
        dx, dy = (x, y) if cmd.islower() else (0.0, 0.0)
        if lower == "h":
            x = args[0] + dx
        elif lower == "v":
            y = args[0] + dy
        else:
            x, y = args[-2] + dx, args[-1] + dy
        if lower == "m":
            if len(ring) > 2:
                yield ring
            ring = []
            cmd = "l" if cmd == "m" else "L"  # further pairs after a moveto are linetos
        ring.append((x, y))
    if len(ring) > 2:
        yield ring


def distance(p, a, b):
    """Distance from point p to segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points, tolerance):
    """Ramer-Douglas-Peucker on a closed ring (first point repeated at the end)."""
    points = points + [points[0]]
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for k in range(first + 1, last):
            d = distance(points[k], points[first], points[last])
            if d > best:
                best, index = d, k
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[k] for k in sorted(keep)[:-1]]


def area(points):
    """Absolute area of a ring (shoelace formula)."""
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def number(value):
    """Format a coordinate with one decimal and no needless zeros: 12.0 -> 12, 0.5 -> .5."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    text = text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text
    return "0" if text in ("", "-0", "-") else text


def rounded(ring):
    """The ring's points as formatted coordinates, without repeats that rounding creates."""
    out = []
    for x, y in ring:
        point = (number(x), number(y))
        if not out or point != out[-1]:
            out.append(point)
    return out[:-1] if len(out) > 1 and out[-1] == out[0] else out


def box(ring):
    """The ring's bounding box rounded outwards to 0.1, for states too small to draw."""
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    x0, y0 = math.floor(min(xs) * 10) / 10, math.floor(min(ys) * 10) / 10
    x1 = max(math.ceil(max(xs) * 10) / 10, x0 + 0.1)
    y1 = max(math.ceil(max(ys) * 10) / 10, y0 + 0.1)
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def path_data(points):
    """Compact absolute path data for one ring, e.g. "M12.3 45.6L13 46Z"."""
    parts = [
        ("L" if k else "M") + x + ("" if y.startswith("-") else " ") + y
        for k, (x, y) in enumerate(points)
    ]
    return "".join(parts) + "Z"


def country_path(all_rings):
    """Simplify a country's rings, drop the tiny ones but always keep the largest one."""
    largest = max(all_rings, key=area)
    kept = []
    for ring in all_rings:
        small = simplify(ring, TOLERANCE)
        if len(small) > 2 and area(small) >= MIN_AREA:
            kept.append(rounded(small))
        elif ring is largest:
            points = rounded(small if len(small) > 2 else ring)
            kept.append(points if len(points) > 2 else rounded(box(ring)))
    return "".join(path_data(points) for points in kept)


def main(source, target):
    text = open(source, encoding="utf-8").read()
    data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    by_code = {}
    for location in data["locations"]:
        code = ALIASES.get(location["id"], location["id"]).split("-")[0].upper()
        by_code.setdefault(code, []).extend(rings(location["path"]))
    countries = {code: country_path(found) for code, found in by_code.items() if found}
    result = {"viewBox": data["viewBox"], "source": SOURCE, "countries": countries}
    with open(target, "w", encoding="utf-8") as out:
        json.dump(result, out, separators=(",", ":"), sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
