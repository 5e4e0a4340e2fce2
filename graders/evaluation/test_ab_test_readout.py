"""Graders for evaluation/ab_test_readout: sizing a user-randomised test and reading it out per user."""

import numpy as np
import pandas as pd
import pytest

from data.ab_sessions import make_ab_sessions
from mlkata import as_float, as_int, as_mapping, expect, expect_at_least, expect_rejected, is_close

KEYS = ("control_ctr", "treatment_ctr", "difference", "interval", "p_value", "srm_p_value")
CORRELATED = (
    "On a test of 3,000 listeners with about six sessions each, some of whom click in most sessions and others "
    "almost never"
)
# a readout is exact arithmetic: agreement to 1e-7 relative leaves room for summation order only
TOLERANCE = 1e-7


def size(impl, baseline, lift, sessions, correlation, alpha=0.05, power=0.8):
    return as_int(
        impl.users_per_arm(
            baseline, lift, sessions_per_user=sessions, intra_user_correlation=correlation, alpha=alpha, power=power
        ),
        what="users_per_arm's result",
    )


def read(impl, log, **options):
    result = as_mapping(impl.read_out(log, **options), what="read_out's result", keys=KEYS)
    checked = {key: as_float(result[key], what=f"result[{key!r}]") for key in KEYS if key != "interval"}
    interval = result["interval"]
    expect(
        isinstance(interval, (tuple, list, np.ndarray)) and len(interval) == 2,
        "result['interval'] should be a (low, high) pair.",
    )
    checked["interval"] = tuple(as_float(bound, what="a bound of result['interval']") for bound in interval)
    return checked


def agree(got, want, keys=KEYS):
    def close(a, b):
        return all(is_close(x, y, tol=TOLERANCE) for x, y in zip(np.ravel(a), np.ravel(b), strict=True))

    return all(close(got[key], want[key]) for key in keys)


def settings(seed, count, *, one_session=False):
    """Random sizing settings: baseline, relative lift (either sign), sessions per user, correlation, alpha, power."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        baseline = rng.uniform(0.02, 0.4)
        lift = rng.choice([-1, 1]) * rng.uniform(0.03, 0.3)
        sessions = 1 if one_session else rng.uniform(1.5, 20)
        yield baseline, lift, sessions, rng.uniform(0.02, 0.6), rng.choice([0.01, 0.05, 0.1]), rng.choice([0.8, 0.9])


@pytest.fixture(scope="module")
def log(seed):
    return make_ab_sessions(seed=seed)


@pytest.fixture(scope="module")
def expected(reference, log):
    return read(reference, log)


# --- sizing ---------------------------------------------------------------------------------------------


@pytest.mark.points(3)
def test_sizes_a_two_proportion_test(impl, reference, seed):
    """With one session per user, is the size the two-sided, unpooled two-proportion formula rounded up?"""
    for setting in settings(seed, 12, one_session=True):
        expect(
            size(impl, *setting) == size(reference, *setting),
            "With one session per user (users are sessions), users_per_arm disagrees with the two-proportion "
            "formula on a setting drawn at random. Check that the lift is relative (p2 = p1 * (1 + lift)), the "
            "test two-sided (z at 1 - alpha / 2), the power quantile z at power, each arm's variance taken at "
            "its own rate (p1 (1 - p1) + p2 (1 - p2)), and the result rounded up.",
        )


@pytest.mark.points(3)
def test_users_are_correlated_clusters(impl, reference, seed):
    """With several correlated sessions per user, is the size scaled by the design effect over sessions per user?"""
    for setting in settings(seed + 1, 12):
        expect(
            size(impl, *setting) == size(reference, *setting),
            "With several sessions per user and some correlation between them, users_per_arm disagrees with the "
            "contract on a setting drawn at random. Size in independent sessions first, multiply by the design "
            "effect 1 + (m - 1) rho, divide by the m sessions of a user, and round up only at the end.",
        )


@pytest.mark.points(2)
def test_correlation_at_its_bounds(impl, seed):
    """Does full correlation make a user worth one session, and no correlation worth m sessions?"""
    for baseline, lift, sessions, _, alpha, power in settings(seed + 2, 6):
        single = size(impl, baseline, lift, 1, 0.0, alpha, power)
        expect(
            size(impl, baseline, lift, sessions, 1.0, alpha, power) == single,
            "With intra_user_correlation=1 every session of a user repeats the first, so a user carries one "
            "session's information: the size must equal the one-session size, whatever sessions_per_user is.",
        )
        independent = size(impl, baseline, lift, sessions, 0.0, alpha, power)
        expect(
            single / sessions - 1 <= independent <= single / sessions + 1,
            "With intra_user_correlation=0 a user's m sessions are independent, so about m times fewer users "
            "are needed than with one session each; yours is not.",
        )


@pytest.mark.points(1)
def test_sizing_refuses_impossible_settings(impl):
    """Are rates outside (0, 1), no lift and out-of-range settings refused with ValueError?"""
    ok = {"sessions_per_user": 4, "intra_user_correlation": 0.2}
    cases = {
        "baseline_ctr=0": ((0.0, 0.1), ok),
        "baseline_ctr=1": ((1.0, -0.1), ok),
        "a lift that pushes the rate to 1 (0.5 * (1 + 1.0))": ((0.5, 1.0), ok),
        "a lift of -100% (rate 0)": ((0.2, -1.0), ok),
        "relative_lift=0": ((0.1, 0.0), ok),
        "baseline_ctr=-0.1 (with relative_lift=-2 the treated rate would be 0.1)": ((-0.1, -2.0), ok),
        "sessions_per_user=0.5": ((0.1, 0.1), {**ok, "sessions_per_user": 0.5}),
        "intra_user_correlation=-0.1": ((0.1, 0.1), {**ok, "intra_user_correlation": -0.1}),
        "intra_user_correlation=1.1": ((0.1, 0.1), {**ok, "intra_user_correlation": 1.1}),
        "alpha=0": ((0.1, 0.1), {**ok, "alpha": 0.0}),
        "alpha=1": ((0.1, 0.1), {**ok, "alpha": 1.0}),
        "power=0": ((0.1, 0.1), {**ok, "power": 0.0}),
        "power=1": ((0.1, 0.1), {**ok, "power": 1.0}),
    }
    expect_rejected(impl, "users_per_arm", cases)


# --- readout --------------------------------------------------------------------------------------------


@pytest.mark.points(3)
def test_click_through_rates(impl, log, expected):
    """Is each arm's rate its clicks over its sessions, and the difference treatment minus control?"""
    got = read(impl, log)
    expect(
        agree(got, expected, ("control_ctr", "treatment_ctr")),
        f"{CORRELATED}, an arm's click-through rate is wrong. It is the arm's clicks over the arm's sessions, a "
        "ratio of totals: a mean of per-user rates weighs a one-session user like a twenty-session one.",
    )
    expect(
        agree(got, expected, ("difference",)),
        f"{CORRELATED}, the difference is not treatment rate minus control rate.",
    )


@pytest.mark.points(4)
def test_interval_is_user_level(impl, log, expected):
    """Is the interval the user-level (delta method) one, not the far narrower session-level one?"""
    got = read(impl, log)
    low, high = got["interval"]
    ratio = (high - low) / (expected["interval"][1] - expected["interval"][0])
    # over 60 seeds a session-level binomial interval was 0.55-0.60 as wide as the user-level one
    narrower = (
        " Yours is far narrower: sessions of one user are not independent draws, so the user is the unit. "
        "Sum sessions and clicks per user and use the delta method's variance of a ratio over users."
        if ratio < 0.9
        else ""
    )
    expect(
        agree(got, expected, ("interval",)),
        f"{CORRELATED}, the interval is not the difference -+ z * sqrt(var_t + var_c), with each arm's variance "
        "from the delta method over users (sample variances, ddof=1) and z the normal quantile at "
        f"(1 + confidence) / 2.{narrower}",
    )
    expect(
        agree(got, expected, ("p_value",)),
        f"{CORRELATED}, the p-value is wrong: it is two-sided, 2 * P(Z > |difference| / se), with the same "
        "user-level standard error as the interval.",
    )


@pytest.mark.points(2)
def test_counting_every_session_twice_changes_nothing(impl, log, expected):
    """When every session of every user appears twice, do the rates, the interval and the p-value stay put?"""
    doubled = pd.concat([log, log], ignore_index=True)
    got = read(impl, doubled)
    # each user's sessions and clicks both double: the rates and the per-user delta-method variance do not move,
    # while an interval over sessions narrows by sqrt(2)
    expect(
        agree(got, expected, ("control_ctr", "treatment_ctr", "difference", "interval", "p_value")),
        f"{CORRELATED}, logging every session twice changed your readout. The users are the same, and so is "
        "every user's click-through rate: a user-level interval does not move. One that narrows counts sessions "
        "as if they were independent.",
    )


@pytest.mark.points(1)
def test_row_order_and_user_ids_do_not_matter(impl, log, expected):
    """Does shuffling the rows and renaming the users (strings instead of integers) leave the readout unchanged?"""
    rng = np.random.default_rng(7)
    shuffled = log.iloc[rng.permutation(len(log))].reset_index(drop=True)
    shuffled["user_id"] = "listener-" + shuffled["user_id"].astype(str)
    shuffled["device"] = "phone"
    expect(
        agree(read(impl, shuffled), expected),
        "Shuffling the rows, giving users string ids and adding an unrelated column changed your readout: it "
        "should depend only on which user each session belongs to, the arm and the click.",
    )


@pytest.mark.points(3)
def test_broken_split_is_refused(impl, seed):
    """Is a log that lost one treatment user in five refused with ValueError instead of read out?"""
    broken = make_ab_sessions(seed=seed, broken_split=True)
    expect(
        impl.raises(ValueError, "read_out", broken) is not None,
        "A log in which one treatment user in five was lost (a logging bug) was read out. Count distinct users "
        "per arm, compare them with the planned split by a chi-square goodness-of-fit test and raise ValueError "
        "when its p-value is below srm_alpha: a broken split biases every number after it.",
    )


@pytest.mark.points(2)
def test_planned_uneven_split_is_read(impl, reference, seed):
    """Is a healthy 20/80 split read when 20% was planned, and refused when 50% was?"""
    uneven = make_ab_sessions(seed=seed, treatment_share=0.2)
    got, want = read(impl, uneven, treatment_share=0.2), read(reference, uneven, treatment_share=0.2)
    expect(
        agree(got, want, ("srm_p_value",)),
        "On a healthy test that planned 20% of users in treatment, the sample-ratio-mismatch p-value is wrong. "
        "Compare the users per arm (distinct users, not sessions) with the planned shares by a chi-square "
        "goodness-of-fit test with one degree of freedom and no continuity correction.",
    )
    expect(
        impl.raises(ValueError, "read_out", uneven) is not None,
        "A 20/80 split read out as if 50/50 had been planned was accepted: the check must compare with the "
        "planned treatment_share, and this split is far from an even one.",
    )


@pytest.mark.points(1)
def test_srm_threshold_is_strict(impl, reference):
    """Is a split exactly as planned (p-value 1) read even at srm_alpha=1, with two users per arm?"""
    log = pd.DataFrame(
        {
            "user_id": [0, 0, 1, 1, 1, 2, 2, 3, 3, 3],
            "arm": ["control"] * 5 + ["treatment"] * 5,
            "clicked": [1, 0, 1, 1, 0, 0, 1, 1, 1, 1],
        }
    )
    expect(
        agree(read(impl, log, srm_alpha=1.0), read(reference, log, srm_alpha=1.0)),
        "Two users in each arm of a planned 50/50 test, srm_alpha=1: the split is exactly as planned (p-value "
        "1), and only a p-value strictly below srm_alpha is a mismatch, so this must be read; two users per arm "
        "are enough for a variance. Yours raised or read it wrongly.",
    )


@pytest.mark.points(1)
def test_readout_refuses_what_it_cannot_read(impl, log):
    """Are unknown arms, users in both arms, lone users and out-of-range settings refused with ValueError?"""
    tiny = pd.DataFrame({"user_id": [1, 2, 3, 4], "arm": ["control"] * 2 + ["treatment"] * 2, "clicked": [1, 0, 0, 1]})
    both = log.copy()
    both.loc[both.index[0], "user_id"] = both.loc[both["arm"] != both.loc[both.index[0], "arm"], "user_id"].iloc[0]
    renamed = log.copy()
    renamed["arm"] = renamed["arm"].replace({"treatment": "variant"})
    holdout = log.copy()
    for arm in ("control", "treatment"):
        lent = holdout["user_id"].isin(holdout.loc[holdout["arm"] == arm, "user_id"].unique()[:2])
        holdout.loc[lent, "arm"] = "holdout"
    cases = {
        "an arm named 'variant'": ((renamed,), {}),
        "a third arm 'holdout' of four users beside both arms": ((holdout,), {}),
        "a user with sessions in both arms": ((both,), {}),
        "a log with control users only": ((log[log["arm"] == "control"],), {}),
        "a control arm of a single user": ((tiny.iloc[1:],), {}),
        "treatment_share=0": ((tiny,), {"treatment_share": 0.0}),
        "treatment_share=1": ((tiny,), {"treatment_share": 1.0}),
        "treatment_share=-0.5": ((tiny,), {"treatment_share": -0.5}),
        "treatment_share=1.5": ((tiny,), {"treatment_share": 1.5}),
        "confidence=1": ((tiny,), {"confidence": 1.0}),
        "confidence=0": ((tiny,), {"confidence": 0.0}),
        "srm_alpha=0": ((tiny,), {"srm_alpha": 0.0}),
        "srm_alpha=1.5": ((tiny,), {"srm_alpha": 1.5}),
    }
    expect_rejected(impl, "read_out", cases)


@pytest.mark.points(1)
def test_healthy_split_is_read(impl, log, expected):
    """Is a healthy split read, with the sample-ratio-mismatch p-value reported?"""
    got = read(impl, log)
    # the generator keeps the treatment count within half a standard deviation of the plan (p >= 0.63 by
    # construction at these sizes; over 60 seeds at least 0.635)
    expect_at_least(
        got["srm_p_value"],
        0.5,
        "A healthy split (treatment users within half a standard deviation of the plan) got a small "
        "sample-ratio-mismatch p-value: count distinct users per arm, not sessions.",
        what="SRM p-value of a healthy split",
    )
    expect(agree(got, expected, ("srm_p_value",)), "The sample-ratio-mismatch p-value of a healthy split is wrong.")
