"""Graders for unsupervised/cluster_profiles: standardised mean differences per cluster, and sizes."""

import numpy as np
import pandas as pd
import pytest

from data.segments import make_segment_profiles
from mlkata import as_array, as_frame, expect, expect_rejected

COLUMNS = ["cluster", "size", "rank", "feature", "effect"]
SCENARIO = "On 1,200 customers in 4 segments with 10 features on scales from hundreds to hundredths"
STANDARDISE = (
    "The effect is (mean in the cluster - mean of all other rows) / the feature's standard deviation over all "
    "rows (ddof=0): are you comparing with the rest (not the overall mean), dividing by the overall sd, and "
    "ranking by the absolute effect?"
)


def profiles(impl, features, labels, top):
    return profiles_of(impl.profile_clusters(features, labels, top=top))


def profiles_of(result) -> pd.DataFrame:
    frame = as_frame(result, what="profile_clusters's result", columns=COLUMNS)
    expect(
        list(frame[["cluster", "rank"]].itertuples(index=False, name=None))
        == sorted(frame[["cluster", "rank"]].itertuples(index=False, name=None)),
        "profile_clusters's rows should be sorted by cluster, then rank.",
    )
    return frame.reset_index(drop=True)


def same_profiles(mine: pd.DataFrame, theirs: pd.DataFrame) -> bool:
    """Same clusters, sizes, ranks and features, effects within 1e-9."""
    if len(mine) != len(theirs):
        return False
    for names in ("cluster", "feature"):
        if mine[names].astype(str).tolist() != theirs[names].astype(str).tolist():
            return False
    for counts in ("size", "rank"):
        if not np.array_equal(
            as_array(mine[counts], what=f"the {counts} column"), theirs[counts].to_numpy(dtype=float)
        ):
            return False
    effects = as_array(mine["effect"], what="the effect column")
    return bool(np.allclose(effects, theirs["effect"].to_numpy(dtype=float), rtol=1e-9, atol=1e-12))


@pytest.fixture(scope="module")
def segments(seed):
    return make_segment_profiles(seed=seed)


@pytest.fixture(scope="module")
def candidate_result(impl, segments):
    features, labels, _ = segments
    return impl.profile_clusters(features, labels, top=3)


@pytest.fixture(scope="module")
def candidate_top3(candidate_result):
    return profiles_of(candidate_result)


@pytest.mark.points(3)
def test_planted_features_come_first(impl, segments):
    """Are each segment's two planted features (one above the rest, one below) its top two?"""
    features, labels, planted = segments
    # over 100 audit seeds: the planted features' absolute effects are at least 1.35, every other feature's at
    # most 0.94 (another segment's planted feature seen from the outside)
    frame = profiles(impl, features, labels, 2)
    for cluster, truth in planted.items():
        found = set(frame.loc[frame["cluster"] == cluster, "feature"])
        expect(
            found == set(truth.values()),
            f"{SCENARIO}, every segment differs from the rest in two features, one upwards and one downwards, "
            f"by two spreads. For one segment your top 2 misses at least one of them. Raw differences favour "
            "large-scale features; a ranking by signed effect misses the feature the segment is low on; a ranking "
            "by the segment's own level misses how it compares with the others.",
        )


@pytest.mark.points(3)
def test_effects_and_sizes_are_exact(reference, segments, candidate_result, candidate_top3):
    """Are the sizes, the top 3 features and their signed effects exactly as defined, under a fresh index?"""
    features, labels, _ = segments
    expect(
        same_profiles(candidate_top3, profiles(reference, features, labels, 3)),
        f"{SCENARIO}, the profiles (top=3) differ from the definition: a size, a feature, its rank, or its "
        f"effect beyond 1e-9. {STANDARDISE}",
    )
    expect(
        candidate_result.index.equals(pd.RangeIndex(len(candidate_result))),
        "profile_clusters's result should have a fresh index 0..n-1 (reset_index(drop=True) after sorting or "
        "concatenating).",
    )


@pytest.mark.points(2)
def test_units_do_not_matter(impl, segments, candidate_top3):
    """Does rescaling and shifting features (new currency, days into hours) leave the profiles unchanged?"""
    features, labels, _ = segments
    changed = features.assign(
        monthly_spend=features["monthly_spend"] * 1.1 + 5,
        tenure_days=features["tenure_days"] * 24,
        return_rate=features["return_rate"] * 100,
        night_orders=features["night_orders"] / 1000 - 3,
    )
    expect(
        same_profiles(profiles(impl, changed, labels, 3), candidate_top3),
        f"{SCENARIO}, converting spend to another currency, tenure from days to hours and two rates to other "
        "units changed your profiles. A profile must not depend on units: standardise each feature by its "
        "standard deviation over all rows.",
    )


@pytest.mark.points(1)
def test_row_order_does_not_matter(impl, segments, candidate_top3, seed):
    """Do shuffled rows, with string cluster names, give the same profiles under the new names?"""
    features, labels, _ = segments
    order = np.random.default_rng(seed).permutation(len(labels))
    names = np.array([f"segment {c}" for c in labels])
    shuffled = profiles(impl, features.iloc[order].reset_index(drop=True), names[order], 3)
    renamed = candidate_top3.assign(cluster=[f"segment {c}" for c in candidate_top3["cluster"]])
    expect(
        same_profiles(shuffled, renamed),
        f"{SCENARIO}, shuffling the rows and naming the clusters 'segment 0', 'segment 1', ... changed the "
        "profiles. Align labels with rows by position, and treat labels as names, not numbers.",
    )


@pytest.mark.points(1)
def test_ties_and_constant_features(impl, reference):
    """On a hand-made table with a constant column and many exactly tied effects, are ranks and effects as defined?"""
    base = np.array([1.0, 2.0, 3.0, 7.0, 8.0, 9.0, 4.0, 5.0])
    # twelve columns whose absolute effects tie exactly (sign flips and powers of two scale without rounding),
    # enough for numpy's default sort to reorder ties
    tied = {f"copy_{j}": (-1) ** j * 2.0**j * base for j in range(12)}
    features = pd.DataFrame({"flat": np.full(8, 3.5), **tied, "noise": [0.3, 0.1, 0.2, 0.2, 0.1, 0.3, 0.9, 0.0]})
    labels = [0, 0, 0, 1, 1, 1, 2, 2]
    expect(
        same_profiles(profiles(impl, features, labels, 20), profiles(reference, features, labels, 20)),
        "On 8 rows in 3 clusters with a constant column and twelve columns whose effects tie exactly, the "
        "profiles (top=20, more than the 14 columns: all of them) are off. A constant feature has effect 0 (not "
        "NaN); ties keep the column order (a stable sort on the absolute effect).",
    )


@pytest.mark.points(1)
def test_smallest_allowed_inputs(impl, reference):
    """Are 2 clusters and top=1 accepted, and a constant column of 0.1 (std 1e-17 after rounding) given effect 0?"""
    features = pd.DataFrame(
        {
            "flat": np.full(7, 0.1),  # numpy's std of seven 0.1s is 1.4e-17, not 0
            "level": [1.0, 2.0, 3.0, 7.0, 8.0, 9.0, 4.0],
            "other": [2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0],
        }
    )
    labels = [0, 0, 0, 1, 1, 1, 1]
    expect(
        same_profiles(profiles(impl, features, labels, 1), profiles(reference, features, labels, 1)),
        "On 7 rows in 2 clusters with top=1 (both allowed), and a column whose seven values are all 0.1, the "
        "profiles are off. A constant feature has effect 0, but rounding leaves the standard deviation of seven "
        "copies of 0.1 at about 1e-17, not 0: test for a constant column by its values (max equals min).",
    )


@pytest.mark.points(1)
def test_bad_input_raises(impl):
    """Are misaligned labels, a text column, a single cluster and top=0 refused with ValueError?"""
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 1.0, 0.0, 1.0]})
    cases = {
        "3 labels for 4 rows": ((frame, [0, 1, 1]), {}),
        "a text column": ((frame.assign(c=list("wxyz")), [0, 0, 1, 1]), {}),
        "one cluster only": ((frame, [0, 0, 0, 0]), {}),
        "top=0": ((frame, [0, 0, 1, 1]), {"top": 0}),
        "a column of numbers stored as text": ((frame.assign(c=["1", "2", "3", "4"]), [0, 0, 1, 1]), {}),
    }
    expect_rejected(impl, "profile_clusters", cases)
