"""Data generators, one module per scenario.

Every ``make_*`` function takes keyword-only arguments and a ``seed``; its docstring lists the
truths it plants, and graders rely on those and nothing else.
"""
