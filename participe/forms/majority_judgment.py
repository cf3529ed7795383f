"""Majority judgment: the majority grade is the (lower) median grade; ties are broken by removing median grades.

Grades are integers, higher is better. A merit profile is a list of counts indexed by grade
(`profile[g]` voters gave grade g), so 100,000 ballots cost no more than 7 numbers per option.
"""

from functools import cmp_to_key


def profile_of(grades, levels):
    profile = [0] * levels
    for grade in grades:
        profile[grade] += 1
    return profile


def majority_grade(profile):
    """The lower median grade of a merit profile (None when nobody graded)."""
    total = sum(profile)
    if total == 0:
        return None
    rank = (total - 1) // 2  # 0-based position of the lower median in the sorted grades
    seen = 0
    for grade, count in enumerate(profile):
        seen += count
        if seen > rank:
            return grade
    raise AssertionError("unreachable")


def compare(profile_a, profile_b):
    """>0 when a beats b, <0 when b beats a, 0 for a perfect tie.

    While both majority grades are equal, one vote at that grade is removed from both profiles and
    the medians are compared again (the standard tie-break). Removing all the common median votes
    at once would be wrong: the median can move after a single removal.
    """
    a, b = list(profile_a), list(profile_b)
    while True:
        grade_a, grade_b = majority_grade(a), majority_grade(b)
        if grade_a is None or grade_b is None:
            return (grade_a is not None) - (grade_b is not None)
        if grade_a != grade_b:
            return grade_a - grade_b
        a[grade_a] -= 1
        b[grade_b] -= 1


def rank(profiles):
    """Options sorted from winner to last: `profiles` maps option -> merit profile."""
    def by_merit(x, y):
        return -compare(profiles[x], profiles[y])

    return sorted(profiles, key=cmp_to_key(by_merit))
