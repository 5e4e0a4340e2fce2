"""Answers 1 component whatever the table: a constant answer."""


def components_for_share(table, share=0.9):
    return 1
