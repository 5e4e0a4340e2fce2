"""A feature table with planted leaks and honest decoys, under anonymous column names."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlkata.generators import generator, require

ROLES = (
    "future",
    "proxy",
    "inverted_proxy",
    "label_ordered_id",
    "strong_decoy",
    "time_decoy",
    "noise_a",
    "noise_b",
    "noise_c",
    "noise_d",
)
LEAKY_ROLES = ("future", "proxy", "inverted_proxy", "label_ordered_id")


@generator
def make_leaky_table(*, n_train: int = 2000, n_test: int = 1000, n_duplicates: int = 40, seed: int) -> dict:
    """A dict with ``train``, ``labels``, ``test``, ``available_after`` and the planted ``roles``.

    - ``train`` / ``test``: DataFrames of ten float columns named ``f00``..``f09`` (which column
      plays which role is shuffled per seed); their indexes overlap in values but not in rows;
    - ``labels``: 0/1 for the training rows (about 30% positive);
    - ``available_after``: hours after the prediction time at which each column is known (a
      Series indexed by column; negative means before);
    - ``roles``: column -> role, for graders only.

    Planted truths:
    - ``future``: known 24 hours after the prediction time; only moderately predictive (AUC ~0.7);
    - ``proxy``: label plus small noise (single-feature AUC above 0.98); ``inverted_proxy``: minus the
      label plus noise (AUC below 0.02); ``label_ordered_id``: an ID assigned after sorting rows by
      label (AUC 1);
    - decoys that are not leaks: ``strong_decoy`` (AUC about 0.8) and ``time_decoy`` (rises with the
      row's arrival order, unrelated to the label, AUC about 0.5); four noise columns;
    - ``noise_d`` is known exactly at the prediction time (``available_after`` 0): not late, so
      not a leak; every other column is known at least an hour before the prediction time;
    - ``n_duplicates`` test rows copy a training row exactly, and as many again copy one up to noise
      below 1e-9 on every column; all other test rows are fresh draws, far from any training row.
    """
    require(n_train >= 100 and n_test >= 100, "n_train and n_test must be at least 100")
    require(0 <= 2 * n_duplicates <= n_test, "need 0 <= 2 * n_duplicates <= n_test")
    rng = np.random.default_rng(seed)

    def rows(n: int) -> tuple[pd.DataFrame, np.ndarray]:
        labels = (rng.random(n) < 0.3).astype(int)
        order = np.lexsort((rng.random(n), labels))
        label_ordered = np.empty(n)
        label_ordered[order] = np.arange(n)
        table = {
            "future": 0.8 * labels + rng.normal(0, 1, n),
            "proxy": labels + rng.normal(0, 0.15, n),
            "inverted_proxy": -labels + rng.normal(0, 0.15, n),
            "label_ordered_id": label_ordered,
            "strong_decoy": 1.2 * labels + rng.normal(0, 1, n),
            "time_decoy": np.arange(n) / n * 100 + rng.normal(0, 5, n),
            **{name: rng.normal(0, 1, n) for name in ("noise_a", "noise_b", "noise_c", "noise_d")},
        }
        return pd.DataFrame(table)[list(ROLES)], labels

    train, labels = rows(n_train)
    test, _ = rows(n_test)
    slots = rng.choice(n_test, 2 * n_duplicates, replace=False)
    sources = rng.choice(n_train, 2 * n_duplicates, replace=False)
    test.iloc[slots] = train.iloc[sources].to_numpy()
    near = slots[n_duplicates:]
    test.iloc[near] = test.iloc[near].to_numpy() + rng.uniform(-1e-10, 1e-10, (n_duplicates, len(ROLES)))
    names = [f"f{i:02d}" for i in rng.permutation(len(ROLES))]
    roles = dict(zip(names, ROLES, strict=True))
    train.columns, test.columns = names, names
    order = sorted(names)
    available = pd.Series(rng.uniform(-72, -1, len(ROLES)), index=names)
    available[[n for n, r in roles.items() if r == "future"]] = 24.0
    available[[n for n, r in roles.items() if r == "noise_d"]] = 0.0
    train.index = rng.permutation(n_train) + 5000
    test.index = rng.permutation(n_test) + 5000
    return {
        "train": train[order],
        "labels": labels,
        "test": test[order],
        "available_after": available[order],
        "roles": roles,
    }
