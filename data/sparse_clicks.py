"""An ads platform's sparse click features: one-hot publisher IDs, hashed query tokens, a few that matter."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from mlkata.generators import generator, require


@generator
def make_sparse_clicks(
    *, n_rows: int = 2000, n_ids: int = 1000, n_tokens: int = 2000, n_signal: int = 4, seed: int
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, int]:
    """``(X, clicks, signal, watch_time)``: a CSR matrix, 0/1 labels, the planted signal columns, and one of them.

    Columns, shuffled together: ``n_ids`` one-hot publisher IDs, ``n_tokens`` hashed query tokens,
    ``n_signal`` signal tokens and one watch-time column; ``n_ids + n_tokens + n_signal + 1`` in all.

    Planted truths:
    - every row has exactly one publisher ID (each ID in about ``n_rows / n_ids`` rows) and one to
      eight query tokens (binary), a few tokens common, most in a handful of rows: the matrix is about
      0.3% nonzero, and no ID or noise token has anything to do with the click;
    - ``signal`` (sorted) holds the columns the click depends on: the ``n_signal`` signal tokens, each
      in about 25% of rows, each moving the log-odds by 1.2 to 1.6 (half of them up, half down), and
      ``watch_time``, seconds of video watched, nonzero in about 30% of rows with values from 60 to 600,
      moving the log-odds by 1 per 180 seconds: a strong column whose coefficient is tiny (about 0.0056)
      because its unit is small;
    - among the noise tokens, 10 are as common as the signal tokens (decoys only a fit can tell apart);
    - the base log-odds is -1, so about a third of rows click.
    """
    require(n_rows >= 200, f"n_rows must be at least 200, got {n_rows}")
    require(n_ids >= 10 and n_tokens >= 100, "n_ids must be at least 10 and n_tokens at least 100")
    require(1 <= n_signal <= 20, f"n_signal must be from 1 to 20, got {n_signal}")
    rng = np.random.default_rng(seed)
    n_columns = n_ids + n_tokens + n_signal + 1
    place = rng.permutation(n_columns)  # place[c] is where the c-th column of the unshuffled layout goes
    rows, cols, values = [], [], []

    ids = rng.integers(0, n_ids, n_rows)
    rows.append(np.arange(n_rows))
    cols.append(ids)
    values.append(np.ones(n_rows))

    popularity = 1 / np.arange(1, n_tokens + 1) ** 1.1
    popularity /= popularity.sum()
    counts = rng.integers(1, 9, n_rows)
    token_rows = np.repeat(np.arange(n_rows), counts)
    tokens = n_ids + rng.choice(n_tokens, size=len(token_rows), p=popularity)
    rows.append(token_rows)
    cols.append(tokens)
    values.append(np.ones(len(token_rows)))
    decoys = n_ids + 40 + rng.choice(n_tokens - 40, size=10, replace=False)  # common, but not the commonest
    decoy_hits = rng.random((n_rows, 10)) < 0.25
    rows.append(np.nonzero(decoy_hits)[0])
    cols.append(decoys[np.nonzero(decoy_hits)[1]])
    values.append(np.ones(int(decoy_hits.sum())))

    signal_hits = rng.random((n_rows, n_signal)) < 0.25
    signs = np.where(np.arange(n_signal) % 2 == 0, 1.0, -1.0)
    effects = signs * rng.uniform(1.2, 1.6, n_signal)
    rows.append(np.nonzero(signal_hits)[0])
    cols.append(n_ids + n_tokens + np.nonzero(signal_hits)[1])
    values.append(np.ones(int(signal_hits.sum())))
    watched = rng.random(n_rows) < 0.3
    seconds = np.where(watched, rng.uniform(60, 600, n_rows).round(), 0.0)
    rows.append(np.flatnonzero(watched))
    cols.append(np.full(int(watched.sum()), n_columns - 1))
    values.append(seconds[watched])

    matrix = sp.coo_matrix(
        (np.concatenate(values), (np.concatenate(rows), place[np.concatenate(cols)])), shape=(n_rows, n_columns)
    ).tocsr()
    watch_time = int(place[n_columns - 1])
    matrix.data[matrix.indices != watch_time] = 1.0  # a token repeated in a row is still present, not counted twice
    log_odds = -1.0 + signal_hits @ effects + seconds / 180
    clicks = (rng.random(n_rows) < 1 / (1 + np.exp(-log_odds))).astype(int)
    signal = np.sort(place[n_ids + n_tokens + np.arange(n_signal + 1)])
    return matrix, clicks, signal, watch_time
