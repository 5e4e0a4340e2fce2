"""Graders for evaluation/off_policy_value: capped and self-normalised inverse propensity scoring."""

import math

import numpy as np
import pytest

from data.policy_logs import make_policy_logs
from mlkata import as_float, as_mapping, expect, expect_at_most, expect_rejected, is_close

KEYS = ("ips", "snips")
LOGS = "On 20,000 impressions logged by an old policy that shows one item per context rarely, with a new policy"
# both estimates are sums of products: agreement to 1e-9 relative leaves room for summation order only
TOLERANCE = 1e-9


def estimate(impl, logs, **options):
    result = as_mapping(
        impl.off_policy_value(
            logs["actions"], logs["clicks"], logs["logging_probabilities"], logs["target_probabilities"], **options
        ),
        what="off_policy_value's result",
        keys=KEYS,
    )
    return {key: as_float(result[key], what=f"result[{key!r}]") for key in KEYS}


def agree(got, want, key):
    return is_close(got[key], want[key], tol=TOLERANCE)


@pytest.fixture(scope="module")
def logs(seed):
    return make_policy_logs(seed=seed)


@pytest.mark.parametrize(
    ("cap", "described"),
    [
        pytest.param(10.0, "the default cap of 10", id="default-cap"),
        pytest.param(5.0, "a cap of 5, which binds on a few percent of impressions", id="binding-cap"),
        pytest.param(math.inf, "no cap (max_weight=math.inf)", id="no-cap"),
    ],
)
@pytest.mark.points(2)
def test_ips(impl, reference, logs, cap, described):
    """Is IPS the mean over all impressions of the capped weight of the logged item times its click?"""
    got, want = estimate(impl, logs, max_weight=cap), estimate(reference, logs, max_weight=cap)
    expect(
        agree(got, want, "ips"),
        f"{LOGS}, with {described}: ips is wrong. Each impression's weight is the new policy's probability of the "
        "item that was logged over the old policy's probability of that same item, then min(weight, max_weight); "
        "ips sums weight * click and divides by the number of impressions.",
    )


@pytest.mark.parametrize(
    ("cap", "described"),
    [
        pytest.param(10.0, "the default cap of 10", id="default-cap"),
        pytest.param(5.0, "a cap of 5, which binds on a few percent of impressions", id="binding-cap"),
        pytest.param(math.inf, "no cap (max_weight=math.inf)", id="no-cap"),
    ],
)
@pytest.mark.points(2)
def test_snips(impl, reference, logs, cap, described):
    """Is SNIPS the capped weights' click total over the capped weights' total?"""
    got, want = estimate(impl, logs, max_weight=cap), estimate(reference, logs, max_weight=cap)
    expect(
        agree(got, want, "snips"),
        f"{LOGS}, with {described}: snips is wrong. It divides the same weighted clicks as ips by the sum of the "
        "(capped) weights, not by the number of impressions.",
    )


@pytest.mark.points(3)
def test_the_cap_applies_to_the_weight(impl, reference):
    """Is a weight above the cap counted as the cap, and one exactly at the cap kept whole?"""
    # weights 2, 8 (exactly the cap), 16 (above it, from a propensity of 1/32 and a target probability of 1/2)
    # and 2/3: all exact in binary, so the reference's answer has no rounding to hide behind
    logs = {
        "actions": np.array([1, 1, 1, 0]),
        "clicks": np.array([1, 1, 1, 0]),
        "logging_probabilities": np.array([[0.5, 0.5], [0.875, 0.125], [0.96875, 0.03125], [0.75, 0.25]]),
        "target_probabilities": np.array([[0.0, 1.0], [0.0, 1.0], [0.5, 0.5], [0.5, 0.5]]),
    }
    got, want = estimate(impl, logs, max_weight=8.0), estimate(reference, logs, max_weight=8.0)
    expect(
        agree(got, want, "ips") and agree(got, want, "snips"),
        "Four clicked or unclicked impressions with max_weight=8, whose weights are 2, exactly 8, 16 and 2/3: "
        "your estimates are wrong. Cap the ratio itself, min(target / logging, max_weight): a weight above the "
        "cap counts as the cap (it is not dropped), one at the cap is kept as it is, and capping the "
        "propensity from below is a different estimator.",
    )


@pytest.mark.points(2)
def test_old_policy_evaluated_on_its_own_logs(impl, logs):
    """When the new policy is the old one, do both estimates equal the logged click rate?"""
    same = {**logs, "target_probabilities": logs["logging_probabilities"]}
    clicked = float(np.mean(logs["clicks"]))
    for cap in (10.0, 1.0):
        got = estimate(impl, same, max_weight=cap)
        expect(
            all(is_close(got[key], clicked, tol=TOLERANCE) for key in KEYS),
            f"{LOGS} equal to the old one and max_weight={cap}: every weight is 1, at or below the cap, so ips "
            "and snips must both be the logged click rate. Yours are not (or the cap was refused: any positive "
            "cap is allowed): is the weight the ratio of the two policies' probabilities of the logged item, "
            "for every impression, whichever item the new policy prefers?",
        )
    single = {key: logs[key][:1] for key in ("actions", "clicks", "logging_probabilities", "target_probabilities")}
    single["target_probabilities"] = single["logging_probabilities"]
    got = estimate(impl, single)
    expect(
        all(is_close(got[key], float(single["clicks"][0]), tol=TOLERANCE) for key in KEYS),
        "A log of a single impression, new policy equal to the old: both estimates are that impression's click. "
        "One impression is enough to estimate from.",
    )


@pytest.mark.points(3)
def test_near_the_new_policys_click_rate(impl, logs):
    """Are both estimates close to the new policy's true click rate, which the logged CTR misses?"""
    got = estimate(impl, logs)
    for key in KEYS:
        # over 300 seeds ips and snips (default cap) were within 0.017 of the planted value; the logged click
        # rate was 0.045-0.083 below it and the click rate where the old policy showed the new one's favourite
        # item 0.049-0.105 above it
        expect_at_most(
            abs(got[key] - logs["true_value"]),
            0.03,
            f"{LOGS} that prefers better items: your {key} is far from the new policy's true click rate "
            "(known here from the simulated click model). The logged click rate measures the old policy, and the "
            "click rate where both policies agree measures neither: reweight every impression by the ratio of "
            "the two policies' probabilities of its item.",
            what=f"distance of {key} from the planted click rate",
        )


@pytest.mark.points(1)
def test_row_order_does_not_matter(impl, reference, logs):
    """Does shuffling the impressions leave both estimates unchanged?"""
    order = np.random.default_rng(3).permutation(len(logs["actions"]))
    shuffled = {key: logs[key][order] for key in ("actions", "clicks", "logging_probabilities", "target_probabilities")}
    got, want = estimate(impl, shuffled), estimate(reference, logs)
    expect(
        agree(got, want, "ips") and agree(got, want, "snips"),
        f"{LOGS}, shuffling the impressions changed your estimates: each weight depends only on its own row.",
    )


@pytest.mark.points(2)
def test_refuses_what_it_cannot_estimate(impl, logs):
    """Are empty, misaligned or impossible logs, a non-positive cap and all-zero weights refused with ValueError?"""
    actions, clicks = logs["actions"][:50], logs["clicks"][:50]
    logging, target = logs["logging_probabilities"][:50], logs["target_probabilities"][:50]
    items = logging.shape[1]

    def changed(array, row, values):
        array = array.copy()
        array[row] = values
        return array

    unshowable = changed(logging, 0, np.r_[1.0, np.zeros(items - 1)])
    unshowable_action = changed(actions, 0, 1)
    never_logged = np.zeros_like(target)
    never_logged[np.arange(50), (actions + 1) % items] = 1.0
    cases = {
        "no impressions": ((actions[:0], clicks[:0], logging[:0], target[:0]), {}),
        "one click fewer than actions": ((actions, clicks[:-1], logging, target), {}),
        "one logging row fewer than actions": ((actions, clicks, logging[:-1], target), {}),
        "both policies one row short of the actions": ((actions, clicks, logging[:-1], target[:-1]), {}),
        "a new policy over one more item than the old": (
            (actions, clicks, logging, np.c_[target, 0 * target[:, 0]]),
            {},
        ),
        "an action equal to the number of items": ((changed(actions, 0, items), clicks, logging, target), {}),
        "an action of -1": ((changed(actions, 0, -1), clicks, logging, target), {}),
        "a negative probability in a row that sums to 1": (
            (actions, clicks, changed(logging, 0, np.r_[1.2, -0.2, np.zeros(items - 2)]), target),
            {},
        ),
        "a row of the new policy summing to 1.1": (
            (actions, clicks, logging, changed(target, 0, np.r_[1.1, np.zeros(items - 1)])),
            {},
        ),
        "a logged item the old policy gave probability 0": ((unshowable_action, clicks, unshowable, target), {}),
        "max_weight=0": ((actions, clicks, logging, target), {"max_weight": 0.0}),
        "max_weight=-1": ((actions, clicks, logging, target), {"max_weight": -1.0}),
        "max_weight=-0.5": ((actions, clicks, logging, target), {"max_weight": -0.5}),
        "a new policy that never shows a logged item (every weight 0)": ((actions, clicks, logging, never_logged), {}),
    }
    expect_rejected(impl, "off_policy_value", cases)
