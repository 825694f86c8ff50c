"""helpers.py: the one helper module of the outlet-framing workbook.

Every notebook loads and analyses the corpus through these functions. Each public function
takes and returns pandas DataFrames with documented columns (one row per observation), so a
notebook can start from any table. Vocabulary (boilerplate patterns, actors, frames, labels)
lives in ``data/*.csv``, not here.

Sections: corpus, cleaning, sentences, quotes and speakers, sentiment, framing, readability,
text reuse, pipeline and cache, chart theme.
"""
from __future__ import annotations

# ==== SECTION: corpus ====
# ==== END SECTION: corpus ====

# ==== SECTION: quotes ====
# ==== END SECTION: quotes ====

# ==== SECTION: sentiment ====
# ==== END SECTION: sentiment ====

# ==== SECTION: framing ====
# ==== END SECTION: framing ====

# ==== SECTION: readability ====
# ==== END SECTION: readability ====

# ==== SECTION: reuse ====
# ==== END SECTION: reuse ====

# ==== SECTION: pipeline ====
# ==== END SECTION: pipeline ====

# ==== SECTION: theme ====
# ==== END SECTION: theme ====
