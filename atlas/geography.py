"""The world map's shapes: simplified from @svg-maps/world 2.0.0 (CC BY 4.0, Victor Cazanave)
by data/build_world_map.py, one SVG path per ISO 3166-1 alpha-2 code, in a 1010 × 666 box."""

import json
from functools import cache
from pathlib import Path

WORLD_MAP = Path(__file__).parent / "data" / "world.json"
ATTRIBUTION = "@svg-maps/world, Victor Cazanave, CC BY 4.0"


@cache
def world_map():
    """{"viewBox": ..., "countries": {code: path data}}, read once per process."""
    return json.loads(WORLD_MAP.read_text(encoding="utf-8"))
