"""Where the real sample of the old site lives: `shared/seed/` beside the repository."""

from pathlib import Path

import pytest

SEED_PAGE = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "caricc-breaking-news-2020.txt"
)

needs_seed = pytest.mark.skipif(
    not SEED_PAGE.exists(), reason=f"the shared seed page is not at {SEED_PAGE}"
)
