"""Takes the pinball loss at overage / (underage + overage): the critical ratio upside down."""


def _critical_ratio(underage_cost, overage_cost):
    return overage_cost / (underage_cost + overage_cost)
