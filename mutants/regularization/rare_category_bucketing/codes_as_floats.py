"""Returns the right codes as float arrays where the contract asks for ints."""

_reference = bucket_categories  # noqa: F821 - the solution's function


def bucket_categories(train_categories, test_categories, *, min_count):
    train_codes, test_codes = _reference(train_categories, test_categories, min_count=min_count)
    return train_codes.astype(float), test_codes.astype(float)
