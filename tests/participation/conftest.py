from tests.participation.fixtures import (  # noqa: F401 - fixtures
    _fresh_content_types,
    make_step,
    participation_test_tables,
)
