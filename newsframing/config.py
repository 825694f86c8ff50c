"""Paths and defaults shared by every module (layer 0)."""
from __future__ import annotations

from pathlib import Path

#: The repository: the package sits in it, beside data/, seeds/ and notebooks/.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
#: The pipeline's Parquet cache (absolute: the same cache from any working folder).
CACHE_DIR = DATA_DIR / "processed"
#: Articles larger than this are rejected (a news article is < 100 kB; 20 MB is a scrape gone wrong).
MAX_BYTES = 20_000_000
#: Outlet names that mean "we do not know the outlet".
UNIDENTIFIED = frozenset({"", "unidentified", "unknown", "none", "nan"})


def resolve_path(path, base=None):
    """A data path as given: absolute, relative to the working folder, or else relative to the
    repository (so ``"data/actors.csv"`` works from notebooks/ too)."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    alt = (base or ROOT) / p
    return alt if alt.exists() else p
