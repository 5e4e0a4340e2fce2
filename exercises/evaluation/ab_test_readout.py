"""Size a user-randomised A/B test, then read it out with the user as the unit.

A music streaming service has a new ranking model for its home-screen recommendations. Offline it
lifts the click-through rate (the share of sessions in which the listener clicks a recommendation)
by a few percent; only an online test can say whether listeners agree. Users, not sessions, are
randomised: each user sees one ranking for the whole test. Sessions of one user are far from
independent (some listeners click in most sessions, others almost never), so a readout that treats
sessions as independent draws is overconfident, and so is a test sized that way. And a split that
did not come out as planned (a logging bug that loses some treatment users, say) makes any readout
untrustworthy: it must be refused, not read.

Contract — ``users_per_arm(baseline_ctr, relative_lift, *, sessions_per_user, intra_user_correlation,
alpha=0.05, power=0.8)``:
- The smallest whole number of users per arm (an ``int``) for a two-sided test at level ``alpha``
  with the given ``power`` to detect a change of the click-through rate from ``p1 = baseline_ctr`` to
  ``p2 = baseline_ctr * (1 + relative_lift)``: the lift is relative (0.05 means +5% of the baseline,
  not five points), and may be negative.
- Sessions per arm if sessions were independent: ``n = (z_a + z_b)**2 * (p1 (1 - p1) + p2 (1 - p2))
  / (p2 - p1)**2`` with ``z_a`` the standard normal's ``1 - alpha / 2`` quantile and ``z_b`` its
  ``power`` quantile (unpooled: each arm's variance at its own rate). Users are correlated clusters
  of ``m = sessions_per_user`` sessions with intra-user correlation ``rho``, which multiplies the
  variance by the design effect ``1 + (m - 1) rho``: users per arm = ``n (1 + (m - 1) rho) / m``,
  rounded up.
- Raises ValueError unless ``0 < p1 < 1``, ``0 < p2 < 1``, ``p2 != p1``, ``sessions_per_user >= 1``,
  ``0 <= intra_user_correlation <= 1``, ``0 < alpha < 1`` and ``0 < power < 1``.

Contract — ``read_out(log, *, treatment_share=0.5, confidence=0.95, srm_alpha=0.001)``:
- ``log`` is a DataFrame with one row per session and columns ``user_id``, ``arm`` (``"control"``
  or ``"treatment"``) and ``clicked`` (1 when the session had a click, else 0); any row order, and
  it may hold other columns.
- First the sample-ratio-mismatch check: count distinct users per arm and compare with the planned
  split (a share ``treatment_share`` of users in treatment) with a chi-square goodness-of-fit test
  (one degree of freedom, no continuity correction). When its p-value is below ``srm_alpha`` (strictly)
  the split is broken: raise ValueError instead of reading out.
- Each arm's click-through rate is its clicks over its sessions (a ratio of totals, not a mean of
  per-user rates). Its variance is the delta method's with the user as the unit: with ``x_i`` the
  sessions and ``y_i`` the clicks of user ``i`` among the arm's ``n`` users and ``R`` the arm's rate,
  ``var(R) = (s_y^2 - 2 R s_xy + R^2 s_x^2) / (n * mean(x)^2)``, where ``s`` are sample variances and
  the covariance with ``ddof=1``.
- ``difference`` = treatment rate - control rate; its standard error is ``sqrt(var_t + var_c)``; the
  interval is ``difference -+ z * se`` with ``z`` the normal ``(1 + confidence) / 2`` quantile; the
  p-value is two-sided, ``2 * P(Z > |difference| / se)``.
- Returns a dict of Python floats: ``control_ctr``, ``treatment_ctr``, ``difference``, ``p_value``,
  ``srm_p_value``, and ``interval``, a ``(low, high)`` tuple of floats.
- Raises ValueError (before anything else) when ``treatment_share`` or ``confidence`` is not in
  (0, 1), ``srm_alpha`` not in (0, 1], an arm label is neither ``"control"`` nor ``"treatment"``, a
  user appears in both arms, or an arm has fewer than two users; and on a sample ratio mismatch.

Graded: the sample size exactly, on many settings and at every boundary (one session per user, no
correlation, full correlation, a drop); the readout's rates, difference, interval and p-values
exactly; an interval as wide as the user-level one on listeners whose sessions are strongly
correlated (a session-level interval is far narrower); no change when each user's sessions are all
counted twice or the rows reordered; a broken split refused, a planned uneven split read, the SRM
threshold strict; ValueError where the docstring asks for it.
"""

import math

import numpy as np
import pandas as pd
from scipy import stats

ARMS = ("control", "treatment")


def users_per_arm(
    baseline_ctr: float,
    relative_lift: float,
    *,
    sessions_per_user: float,
    intra_user_correlation: float,
    alpha: float = 0.05,
    power: float = 0.8,
) -> int:
    """Return the users per arm a two-sided test needs to detect a relative lift of the click-through rate.

    Args:
        baseline_ctr: the control's click-through rate per session, in (0, 1).
        relative_lift: the lift to detect, relative to the baseline (0.05 is +5%), not 0.
        sessions_per_user: the mean sessions of a user over the test (>= 1).
        intra_user_correlation: the correlation of clicks between sessions of one user, in [0, 1].
        alpha: the two-sided test's level, in (0, 1).
        power: the probability of detecting the lift when it is real, in (0, 1).

    Returns:
        The users needed in each arm, rounded up, as an ``int``.

    Raises:
        ValueError: on a rate, lift, session count, correlation, level or power out of range.

    Example:
        >>> users_per_arm(0.1, 0.1, sessions_per_user=1, intra_user_correlation=0.0)
        14749
    """
    # TODO: write users_per_arm as its docstring describes.
    raise NotImplementedError("users_per_arm is not written yet")


def read_out(
    log: pd.DataFrame, *, treatment_share: float = 0.5, confidence: float = 0.95, srm_alpha: float = 0.001
) -> dict:
    """Check the split, then return the click-through rates, their difference with an interval and a p-value.

    Args:
        log: one row per session, columns ``user_id``, ``arm`` and ``clicked`` (0/1).
        treatment_share: the planned share of users in treatment, in (0, 1).
        confidence: the interval's coverage, in (0, 1).
        srm_alpha: refuse the readout when the sample-ratio-mismatch p-value is below this, in (0, 1].

    Returns:
        ``{"control_ctr", "treatment_ctr", "difference", "interval": (low, high), "p_value", "srm_p_value"}``.

    Raises:
        ValueError: on a sample ratio mismatch, an unknown arm, a user in both arms, an arm with fewer
            than two users, or a share, confidence or threshold out of range.

    Example:
        >>> log = pd.DataFrame({"user_id": [1, 1, 2, 3, 3, 4], "arm": ["control"] * 3 + ["treatment"] * 3,
        ...                     "clicked": [1, 0, 0, 1, 1, 0]})
        >>> result = read_out(log)
        >>> round(result["difference"], 4), result["srm_p_value"]
        (0.3333, 1.0)
    """
    # TODO: write read_out as its docstring describes.
    raise NotImplementedError("read_out is not written yet")
