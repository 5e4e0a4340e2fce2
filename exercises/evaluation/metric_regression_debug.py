"""Debug exercise: a week-over-week AUC drop, split into a mix shift and a change within segments.

A music streaming service ranks playlists on its home screen; a dashboard tracks the ranking
model's traffic-weighted ROC-AUC: each listener segment's AUC (did the listener play the playlist
the model ranked?) weighted by the segment's share of the week's impressions. This week the number
fell, and the on-call engineer ran a colleague's ``explain_auc_change`` to see whether to roll the
model back. It blamed the model in every segment. But marketing had just run a campaign: far more
new listeners, whose tastes no model knows yet, so a fair share of the drop may be the traffic mix
and not the model. The function runs and its columns look plausible; its numbers are wrong. Find
and fix the bugs so that it meets the contract below.

Contract — ``explain_auc_change(before, after)``:
- ``before`` and ``after`` are DataFrames of one week's impressions each, with the columns
  ``segment`` (str), ``score`` (float, higher = more likely played) and ``label`` (0/1); rows come
  in any order, and other columns are ignored.
- A segment's weight in a week is its share of that week's rows; its AUC is the ROC-AUC of the
  scores for the labels over that segment's rows of that week only, a tie between a played and a
  skipped impression counting one half: the given ``roc_auc`` computes it (and refuses labels of a
  single class). The dashboard's metric is ``sum(weight * auc)``.
- The change of the metric splits into a mix effect and a within-segment effect, each weighted by
  the average of the two weeks, so that the parts add up to the change exactly and swapping the
  weeks negates every part. Per segment:
  ``mix_effect = (weight_after - weight_before) * (auc_before + auc_after) / 2`` and
  ``within_effect = (auc_after - auc_before) * (weight_before + weight_after) / 2``.
- Return a DataFrame indexed by segment, sorted by name, with the float columns ``weight_before``,
  ``weight_after``, ``auc_before``, ``auc_after``, ``mix_effect`` and ``within_effect``.
- Raise ValueError when a week is empty, when the two weeks do not have the same segments, or when
  a segment has only one label in a week (its AUC is undefined there).

Graded: every column exactly, on generated weeks and on small hand-made ones full of ties; the parts
adding up to the change; every part negated when the weeks are swapped; a week where only the mix
moved, explained by the mix; a week where one segment's model broke, found in that segment; the
same answer whatever the order of rows; ValueError where the contract asks for it.
"""

import numpy as np
import pandas as pd


def roc_auc(labels, scores) -> float:
    """Return the ROC-AUC of ``scores`` for 0/1 ``labels``, a tie counting one half. Given: use it as it is.

    Raises:
        ValueError: when the labels hold only one class (the AUC is undefined).
    """
    played = np.asarray(labels) == 1
    scores = np.asarray(scores, dtype=float)
    if played.all() or not played.any():
        raise ValueError("the AUC needs both labels")
    skipped = np.sort(scores[~played])
    # for each play: the skips scored strictly below it, plus half of those tied with it
    below = np.searchsorted(skipped, scores[played], side="left")
    tied = np.searchsorted(skipped, scores[played], side="right") - below
    return float((below + tied / 2).sum() / (played.sum() * len(skipped)))


def explain_auc_change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Split the change of the traffic-weighted AUC into a mix effect and a within-segment effect per segment.

    Args:
        before: last week's impressions: ``segment``, ``score``, ``label``.
        after: this week's impressions, the same columns.

    Returns:
        A DataFrame indexed by segment (sorted) with columns ``weight_before``, ``weight_after``,
        ``auc_before``, ``auc_after``, ``mix_effect`` and ``within_effect``.

    Raises:
        ValueError: when a week is empty, the weeks' segments differ, or a segment has one label in a week.

    Example:
        >>> week = pd.DataFrame(
        ...     {"segment": list("aabbb"), "score": [0.9, 0.2, 0.4, 0.7, 0.4], "label": [1, 0, 1, 0, 0]}
        ... )
        >>> twice_as_many_a = pd.concat([week, week[week["segment"] == "a"]])
        >>> explain_auc_change(week, twice_as_many_a)[["mix_effect", "within_effect"]].round(4)
           mix_effect  within_effect
        a      0.1714            0.0
        b     -0.0429            0.0
    """
    table = pd.DataFrame(index=sorted(before["segment"].unique()))
    for segment in table.index:
        rows_before = before[before["segment"] == segment]
        rows_after = after[after["segment"] == segment]
        table.loc[segment, "weight_before"] = len(rows_before) / len(before)
        table.loc[segment, "weight_after"] = len(rows_after) / len(after)
        table.loc[segment, "auc_before"] = roc_auc(before["label"], before["score"])
        table.loc[segment, "auc_after"] = roc_auc(after["label"], after["score"])
    table["mix_effect"] = (table["weight_after"] - table["weight_before"]) * table["auc_before"]
    table["within_effect"] = (table["auc_after"] - table["auc_before"]) * table["weight_after"]
    return table
