from participe.forms.majority_judgment import compare, majority_grade, profile_of, rank

LEVELS = 7


def test_majority_grade_is_the_lower_median():
    assert majority_grade(profile_of([1, 2, 3], LEVELS)) == 2
    assert majority_grade(profile_of([1, 2, 3, 4], LEVELS)) == 2  # even count: the lower of the two middle grades
    assert majority_grade(profile_of([6, 6, 0, 0], LEVELS)) == 0
    assert majority_grade([0] * LEVELS) is None


def test_different_majority_grades_decide_directly():
    assert compare(profile_of([5, 5, 1], LEVELS), profile_of([4, 4, 6], LEVELS)) > 0


def test_the_classic_tie_that_simple_gauges_cannot_break():
    a = profile_of([4, 3, 1, 2, 3], LEVELS)
    b = profile_of([2, 3, 4, 3, 2], LEVELS)
    # Sorted, A = [1,2,3,3,4] and B = [2,2,3,3,4]: both medians are 3.
    # Gauges: A has 1 grade above 3 (the 4) and 2 below (1, 2); B has 1 above (4) and 2 below (2, 2).
    # Same median, same sizes on each side: the usual gauge comparison (p vs q) is a tie.
    # Standard iterative rule, removing one median grade from each at a time:
    #   remove a 3 -> A = [1,2,3,4], B = [2,2,3,4]: lower medians 2 and 2, still tied;
    #   remove a 2 -> A = [1,3,4],   B = [2,3,4]:   medians 3 and 3, still tied;
    #   remove a 3 -> A = [1,4],     B = [2,4]:     lower medians 1 and 2: B wins.
    # B wins because its worst grades are better than A's (A's 1 is the deciding weakness).
    assert majority_grade(a) == majority_grade(b) == 3
    assert compare(a, b) < 0
    assert compare(b, a) > 0
    assert rank({"A": a, "B": b}) == ["B", "A"]


def test_identical_profiles_tie_and_an_empty_profile_loses():
    assert compare(profile_of([3, 4], LEVELS), profile_of([4, 3], LEVELS)) == 0
    assert compare(profile_of([0], LEVELS), [0] * LEVELS) > 0


def test_rank_of_several_options():
    profiles = {
        "bibliothèque": profile_of([6, 5, 5, 4, 2], LEVELS),
        "piscine": profile_of([6, 6, 3, 1, 0], LEVELS),
        "parc": profile_of([5, 5, 4, 4, 3], LEVELS),
    }
    # Medians: bibliothèque 5, parc 4, piscine 3.
    assert rank(profiles) == ["bibliothèque", "parc", "piscine"]


def test_counts_scale_without_lists():
    # 100,000 voters cost seven numbers; a near tie is still broken.
    a = [0, 0, 0, 50_000, 0, 0, 50_000]
    b = [0, 0, 0, 50_001, 0, 0, 49_999]
    assert compare(a, b) > 0
