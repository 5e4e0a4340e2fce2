"""Logs of an ads slot served by an old policy, and a new policy to evaluate on them."""

from __future__ import annotations

import numpy as np

from mlkata.generators import generator, require


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


@generator
def make_policy_logs(*, n_logs: int = 20000, n_contexts: int = 40, n_items: int = 5, seed: int) -> dict:
    """Logged impressions and both policies' probabilities, with the new policy's true click rate.

    Returns a dict: ``actions`` (n,) ints, ``clicks`` (n,) 0/1, ``logging_probabilities`` and
    ``target_probabilities`` (n, ``n_items``), ``contexts`` (n,) ints, ``click_rates`` (``n_contexts``,
    ``n_items``), ``true_value`` and ``logging_value`` (floats).

    Planted truths:
    - a click model: item ``a`` in context ``x`` is clicked with probability ``click_rates[x, a]``,
      between 0.02 and 0.4, independently of everything else; contexts are drawn uniformly;
    - the old (logging) policy favours items regardless of their click rate, and shows one item per
      context rarely (probability 0.04 to 0.08), every item with positive probability; its expected click
      rate on the logged contexts is ``logging_value``;
    - the old policy's rare item has a click rate of at least 0.2, so the new policy likes it: importance
      weights reach 7 to 16; a cap of 5 binds on about 2% to 3% of impressions, a cap of 10 on a few or none;
    - the new (target) policy mixes a softmax of twice the click rates' logits (weight 0.6) with a uniform
      choice (0.4): it favours the better items but never shows one with certainty;
    - ``true_value`` is the new policy's exact expected click rate on the logged contexts,
      ``mean_i sum_a target[i, a] * click_rates[x_i, a]``, computed from the click model. Over 300 seeds
      (20,000 impressions) the logged click rate fell 0.045 to 0.083 below it, and the click rate of the
      impressions where the old policy showed the new policy's favourite item 0.049 to 0.105 above it.
    """
    require(n_logs >= 100, f"n_logs must be at least 100, got {n_logs}")
    require(n_contexts >= 4, f"n_contexts must be at least 4, got {n_contexts}")
    require(3 <= n_items <= 20, f"n_items must be in 3..20, got {n_items}")
    rng = np.random.default_rng(seed)
    click_rates = rng.uniform(0.02, 0.4, size=(n_contexts, n_items))
    logging = _softmax(rng.normal(0, 0.5, size=(n_contexts, n_items)))
    rare = rng.integers(0, n_items, n_contexts)
    rows = np.arange(n_contexts)
    logging[rows, rare] = 0
    logging *= (1 - (rare_share := rng.uniform(0.04, 0.08, n_contexts)))[:, None] / logging.sum(axis=1, keepdims=True)
    logging[rows, rare] = rare_share
    click_rates[rows, rare] = np.maximum(click_rates[rows, rare], rng.uniform(0.2, 0.4, n_contexts))
    logits = np.log(click_rates / (1 - click_rates))
    target = 0.6 * _softmax(2 * logits) + 0.4 / n_items
    contexts = rng.integers(0, n_contexts, n_logs)
    cumulative = logging[contexts].cumsum(axis=1)
    actions = np.minimum((rng.random((n_logs, 1)) > cumulative).sum(axis=1), n_items - 1)
    clicks = (rng.random(n_logs) < click_rates[contexts, actions]).astype(int)
    return {
        "actions": actions,
        "clicks": clicks,
        "logging_probabilities": logging[contexts],
        "target_probabilities": target[contexts],
        "contexts": contexts,
        "click_rates": click_rates,
        "true_value": float((target[contexts] * click_rates[contexts]).sum(axis=1).mean()),
        "logging_value": float((logging[contexts] * click_rates[contexts]).sum(axis=1).mean()),
    }
