"""Seeds: a base seed per grading run, and the data seed each exercise derives from it."""

from __future__ import annotations

import hashlib
import secrets

MAX_BASE_SEED = 10**6  # short enough to read out of a report header and type back


def random_seed() -> int:
    """A fresh base seed for a run that was not given one."""
    return secrets.randbelow(MAX_BASE_SEED)


def random_grading_seed() -> int:
    """A base seed for grading submissions, drawn where self-grading never draws: data a candidate
    saw while practising never comes up at grading time, so an answer fitted to it fails."""
    return MAX_BASE_SEED + secrets.randbelow(10**12)


def data_seed(base_seed: int, exercise_id: str) -> int:
    """The seed an exercise's graders generate data from: stable for a (base seed, exercise) pair,
    unrelated between exercises, so one exercise's data says nothing about another's."""
    digest = hashlib.sha256(f"{base_seed}:{exercise_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big")
