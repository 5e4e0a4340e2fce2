"""Estimate a new recommendation policy's click rate from the old policy's logs.

An ads platform shows one of a few sponsored items in each slot. A new policy, trained offline, would
choose items differently. Its offline metrics look good, but the logs it would be evaluated on were
collected by the old policy: they only say whether the item the *old* policy showed was clicked. The
old policy's CTR says nothing about the new one, and neither does the click rate of the impressions
where the two policies happen to agree (the old policy shows some items far more often than others).
Inverse propensity scoring reweights each logged impression by how much more (or less) likely the new
policy is to show that item than the old one was; the old policy logged its own probabilities, so the
weights are known. A few impressions of rarely shown items would get huge weights, so each weight is
capped, and the self-normalised form divides by the total weight instead of the count.

Contract — ``off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *,
max_weight=10.0)``:
- ``n`` logged impressions and ``K`` items. ``actions`` holds the item the old policy showed, an int in
  ``0..K-1``; ``clicks`` is 1 when it was clicked, else 0; ``logging_probabilities`` and
  ``target_probabilities`` are ``(n, K)`` arrays: row ``i`` gives the old and the new policy's
  probability of showing each item in impression ``i``'s context. Each row sums to 1 (within 1e-6),
  with no negative entry.
- The importance weight of impression ``i`` is ``w_i = min(target[i, a_i] / logging[i, a_i],
  max_weight)``, where ``a_i = actions[i]``: the ratio for the logged item, capped at ``max_weight`` (a
  weight above the cap counts as the cap; ``math.inf`` means no cap).
- ``ips`` = ``sum(w_i * clicks_i) / n``; ``snips`` = ``sum(w_i * clicks_i) / sum(w_i)``.
- Returns ``{"ips": float, "snips": float}`` (Python floats).
- Raises ValueError when there are no impressions, the lengths or shapes disagree, an action is not in
  ``0..K-1``, a probability is negative or a row does not sum to 1, a logged item had probability 0
  under the old policy (it cannot have been shown), ``max_weight <= 0``, or every weight is 0 (the
  new policy never shows a logged item, so ``snips`` is undefined).

Graded: both estimates exactly, on logs with a planted click model; the cap applied to the weight, a
weight exactly at the cap kept whole, no cap with ``math.inf``; when the new policy is the old one,
both estimates equal the logged click rate; both estimates near the new policy's true click rate
(known from the planted click model), which the logged CTR and the agreement click rate miss; row
order irrelevant; ValueError where the docstring asks for it.
"""

import numpy as np


def off_policy_value(actions, clicks, logging_probabilities, target_probabilities, *, max_weight: float = 10.0) -> dict:
    """Return the capped IPS and self-normalised IPS estimates of the new policy's click rate.

    Args:
        actions: the item shown in each logged impression, ints in ``0..K-1``.
        clicks: 1 when the shown item was clicked, else 0, aligned with ``actions``.
        logging_probabilities: ``(n, K)``, the old policy's probability of each item per impression.
        target_probabilities: ``(n, K)``, the new policy's probability of each item per impression.
        max_weight: the cap on each importance weight (> 0; ``math.inf`` for none).

    Returns:
        ``{"ips": float, "snips": float}``.

    Raises:
        ValueError: on empty or misaligned inputs, an action out of range, rows that are not
            probabilities, a logged item the old policy could not show, ``max_weight <= 0``, or all
            weights zero.

    Example:
        >>> logging = [[0.5, 0.5], [0.5, 0.5], [0.8, 0.2]]
        >>> target = [[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]
        >>> off_policy_value([1, 0, 1], [1, 1, 0], logging, target)
        {'ips': 0.6666666666666666, 'snips': 0.2857142857142857}
    """
    # TODO: write off_policy_value as its docstring describes.
    raise NotImplementedError("off_policy_value is not written yet")
