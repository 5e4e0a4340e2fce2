"""Graders for evaluation/metric_regression_debug: a weighted AUC's change split into mix and within-segment effects."""

import numpy as np
import pandas as pd
import pytest

from data.weekly_rankings import DEGRADED, make_weekly_rankings
from mlkata import as_array, as_frame, expect, expect_rejected, is_close

COLUMNS = ("weight_before", "weight_after", "auc_before", "auc_after", "mix_effect", "within_effect")
EFFECTS = ("mix_effect", "within_effect")
SCENARIO = "On two weeks of 6,000 scored impressions each, in three listener segments, scores rounded to 0.01"
PAIRS = {
    "mix_shift": "a week where a campaign tripled the share of new listeners",
    "degraded": "a week where one segment's model broke",
}
COLUMN_RULES = {
    "weight_before": "a segment's share of the week's rows (impressions, not plays)",
    "weight_after": "a segment's share of the week's rows (impressions, not plays)",
    "auc_before": "the ROC-AUC over that segment's own rows, a tie counting one half (not the whole week's AUC)",
    "auc_after": "the ROC-AUC over that segment's own rows, a tie counting one half (not the whole week's AUC)",
    "mix_effect": "(weight_after - weight_before) x the average of the two weeks' AUCs",
    "within_effect": "(auc_after - auc_before) x the average of the two weeks' weights",
}


def explain(impl, before, after) -> pd.DataFrame:
    result = as_frame(impl.explain_auc_change(before, after), what="explain_auc_change's result", columns=COLUMNS)
    expect(
        [str(segment) for segment in result.index] == sorted(set(before["segment"])),
        "explain_auc_change's result should have one row per segment, indexed by the segment's name and sorted by it.",
    )
    for column in COLUMNS:
        as_array(result[column], what=f"the {column} column", length=len(result))
    return result


def wrong_columns(mine, theirs, columns=COLUMNS) -> list[str]:
    return [
        column
        for column in columns
        if not all(is_close(float(mine.loc[s, column]), float(theirs.loc[s, column])) for s in theirs.index)
    ]


def column_message(where, wrong) -> str:
    return f"{where}, the column(s) {wrong} are wrong. " + " ".join(
        f"{column}: {COLUMN_RULES[column]}." for column in wrong
    )


@pytest.fixture(scope="module")
def weeks(seed):
    return make_weekly_rankings(seed=seed)


@pytest.fixture(scope="module")
def expected(reference, weeks):
    baseline, mix_shift, degraded = weeks
    return {"mix_shift": explain(reference, baseline, mix_shift), "degraded": explain(reference, baseline, degraded)}


@pytest.fixture(scope="module")
def explained(impl, weeks):
    baseline, mix_shift, degraded = weeks
    return {"mix_shift": explain(impl, baseline, mix_shift), "degraded": explain(impl, baseline, degraded)}


def expect_exact(explained, expected, columns=COLUMNS, why="") -> None:
    for pair, description in PAIRS.items():
        wrong = wrong_columns(explained[pair], expected[pair], columns)
        expect(not wrong, column_message(f"{SCENARIO}, last week against {description}", wrong) + why)


@pytest.mark.points(1)
def test_segment_weights(explained, expected):
    """Is every segment's weight exact in both weeks?"""
    expect_exact(explained, expected, COLUMNS[:2])


@pytest.mark.points(2)
def test_segment_aucs(explained, expected):
    """Is every segment's AUC exact in both weeks?"""
    expect_exact(explained, expected, COLUMNS[2:4])


@pytest.mark.points(3)
def test_mix_and_within_effects(explained, expected):
    """Is every segment's mix effect and within-segment effect exact?"""
    expect_exact(explained, expected, EFFECTS)


@pytest.mark.points(2)
def test_parts_add_up_to_the_change(explained, expected):
    """Do the mix and within effects add up exactly to the change of the traffic-weighted AUC?"""
    expect_exact(explained, expected, COLUMNS[:4], " The parts are graded only on the right weights and AUCs.")
    for pair, description in PAIRS.items():
        table = explained[pair]
        metric_after = (table["weight_after"] * table["auc_after"]).sum()
        change = metric_after - (table["weight_before"] * table["auc_before"]).sum()
        parts = table["mix_effect"].sum() + table["within_effect"].sum()
        expect(
            is_close(float(parts), float(change), tol=1e-9),
            f"{SCENARIO}, last week against {description}: the mix and within effects do not add up to the change "
            "of sum(weight x auc). Weighing both by the same week loses the interaction term; the average of the "
            "two weeks keeps it.",
        )


@pytest.mark.points(2)
def test_swapping_the_weeks_negates_every_effect(impl, weeks, explained, expected):
    """Explained the other way round (this week before last), is every effect the same with the sign flipped?"""
    expect_exact(explained, expected, COLUMNS[:4], " The effects are graded only on the right weights and AUCs.")
    baseline, mix_shift, _ = weeks
    forward, backward = explained["mix_shift"], explain(impl, mix_shift, baseline)
    flipped = [
        column
        for column in EFFECTS
        if not all(is_close(float(backward.loc[s, column]), -float(forward.loc[s, column])) for s in forward.index)
    ]
    expect(
        not flipped,
        f"{SCENARIO}, explaining last week against {PAIRS['mix_shift']} and then the same two weeks the other way "
        f"round did not just flip the sign of {flipped}. A split that weighs by one week (last week's AUC for the "
        "mix, this week's weights for the change within) depends on which week comes first; weigh both by the "
        "average of the two weeks.",
    )


@pytest.mark.points(3)
def test_mix_shift_is_not_blamed_on_the_model(explained):
    """When only the traffic mix moved, does the mix effect carry the drop?"""
    table = explained["mix_shift"]
    # over 200 seeds, the reference's total mix effect here was -0.087 to -0.055 and its total within effect
    # -0.029 to 0.030 (sampling noise); a pooled AUC per segment, or a split that blames the model, gives a
    # total mix effect of exactly 0
    expect(
        table["mix_effect"].sum() < -0.03,
        f"{SCENARIO}, last week against {PAIRS['mix_shift']} (each segment's scores drawn as before), "
        "the mix effects do not carry the drop: the report blames the model for a change of traffic. Each "
        "segment's AUC must come from its own rows; a segment with a low AUC that gains weight pulls the "
        "weighted AUC down through the mix.",
    )


@pytest.mark.points(2)
def test_broken_segment_is_found(explained):
    """When one segment's model broke and the mix stayed put, is that segment's within effect the most negative?"""
    table = explained["degraded"]
    expect(
        np.allclose(table["mix_effect"].to_numpy(dtype=float), 0.0, atol=1e-12),
        f"{SCENARIO}, last week against {PAIRS['degraded']}, every segment has exactly the same number of rows in "
        "both weeks, yet some mix effect is not 0. A segment's weight is its share of the week's rows.",
    )
    # over 200 seeds the broken segment's within effect was -0.068 to -0.041 with the reference, every other
    # segment's -0.019 or above; a pooled AUC makes the largest segment's the most negative on every seed
    worst = str(table["within_effect"].astype(float).idxmin())
    expect(
        worst == DEGRADED,
        f"{SCENARIO}, last week against {PAIRS['degraded']}, the most negative within effect is not in the segment "
        "whose model broke. A segment's AUC must be computed over its own rows only.",
    )


def hand_made_weeks() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two small weeks full of ties; segment "b" comes first in the rows."""
    before = pd.DataFrame(
        {
            "segment": ["b", "a", "b", "a", "b", "a", "a", "b", "b"],
            "score": [0.5, 0.9, 0.5, 0.4, 0.2, 0.4, 0.1, 0.7, 0.5],
            "label": [1, 1, 0, 1, 0, 0, 0, 1, 0],
        }
    )
    after = pd.DataFrame(
        {
            "segment": ["a", "b", "b", "a", "a", "b", "a"],
            "score": [0.3, 0.6, 0.6, 0.3, 0.8, 0.1, 0.3],
            "label": [1, 0, 1, 0, 1, 0, 0],
        }
    )
    return before, after


@pytest.mark.points(2)
def test_hand_made_weeks(impl, reference):
    """On two small weeks full of ties, and on a week that only repeats one segment's rows, is every column exact?"""
    before, after = hand_made_weeks()
    wrong = wrong_columns(explain(impl, before, after), explain(reference, before, after))
    expect(
        not wrong,
        column_message("On two weeks of 7 to 9 rows in two segments, with played and skipped rows tied", wrong),
    )
    # every row of segment "a" three times: the same AUC in each segment, so every within effect is exactly 0
    tripled = pd.concat([before, before[before["segment"] == "a"], before[before["segment"] == "a"]])
    tripled = tripled.iloc[np.random.default_rng(3).permutation(len(tripled))]
    wrong = wrong_columns(explain(impl, before, tripled), explain(reference, before, tripled))
    expect(
        not wrong,
        column_message(
            "On a 9-row week against the same week with segment a's rows three times (the same AUC in each "
            "segment, only the mix changed)",
            wrong,
        ),
    )


@pytest.mark.points(1)
def test_row_order_and_other_columns_change_nothing(impl, weeks, explained, expected, seed):
    """Is the answer the same when the rows come in another order and the weeks carry extra columns?"""
    expect_exact(explained, expected, COLUMNS, " The order of rows is graded only on a right answer.")
    baseline, _, degraded = weeks
    rng = np.random.default_rng(seed)
    shuffled = [week.iloc[rng.permutation(len(week))] for week in (baseline, degraded)]
    shuffled = [week.assign(listener_id=np.arange(len(week)), country="DE") for week in shuffled]
    wrong = wrong_columns(explain(impl, *shuffled), explained["degraded"])
    expect(
        not wrong,
        f"{SCENARIO}, shuffling the rows and adding the columns listener_id and country changed {wrong}: only the "
        "segment, score and label of each row may matter.",
    )


@pytest.mark.points(1)
def test_undefined_comparisons_raise(impl):
    """Are empty weeks, weeks with different segments and a segment with one label refused with ValueError?"""
    before, after = hand_made_weeks()
    extra = pd.DataFrame({"segment": ["c", "c"], "score": [0.2, 0.6], "label": [0, 1]})
    all_played = before.assign(label=np.where(before["segment"] == "b", 1, before["label"]))
    cases = {
        "this week with a segment last week did not have": ((before, pd.concat([after, extra])), {}),
        "last week with a segment this week does not have": ((pd.concat([before, extra]), after), {}),
        "a segment whose rows were all played last week": ((all_played, after), {}),
        "a segment whose rows were all skipped this week": ((before, after.assign(label=0)), {}),
        "an empty week": ((before, after.iloc[:0]), {}),
        "two empty weeks": ((before.iloc[:0], after.iloc[:0]), {}),
    }
    expect_rejected(impl, "explain_auc_change", cases)
