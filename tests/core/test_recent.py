"""Values a process remembers for a few seconds (participe.core.recent)."""

from participe.core import recent
from participe.core.recent import RecentValues


def test_a_value_is_remembered_for_its_seconds_then_loaded_again(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(recent, "_clock", lambda: now[0])
    values, loads = RecentValues(seconds=2), []

    def load():
        loads.append(now[0])
        return len(loads)

    assert [values.get("k", load) for _ in range(3)] == [1, 1, 1]
    now[0] += 1.9
    assert values.get("k", load) == 1
    now[0] += 0.2
    assert values.get("k", load) == 2 and len(loads) == 2
    assert values.get("other", lambda: None) is None
    assert values.get("other", lambda: "loaded") is None  # "nothing there" is remembered too


def test_the_number_of_values_is_bounded(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(recent, "_clock", lambda: now[0])
    values = RecentValues(seconds=10, max_entries=3)
    for key in range(3):
        values.get(key, lambda key=key: key)
    now[0] += 11  # all expired: the next one makes room by forgetting them
    values.get("new", lambda: "n")
    assert len(values._values) == 1
    for key in range(5):
        values.get(key, lambda key=key: key)  # all fresh: the oldest go first
    assert len(values._values) == 3 and 4 in values._values and "new" not in values._values


def test_forget_all_empties_every_instance():
    first, second = RecentValues(seconds=60), RecentValues(seconds=60)
    first.get("a", lambda: 1)
    second.get("b", lambda: 2)
    recent.forget_all()
    assert first.get("a", lambda: "again") == "again" and second.get("b", lambda: "again") == "again"
