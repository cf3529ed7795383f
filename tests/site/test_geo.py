import pytest
from django.core.exceptions import ValidationError

from participe.site.geo import district_for_point, point_in_geometry, svg_paths, validate_geometry
from participe.site.models import District
from tests.site.helpers import make_district, square

DONUT = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
}


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [1, 2]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0.5, 0.5]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [181, 0], [1, 1], [0, 0]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 95], [1, 1], [0, 0]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], ["1", 0], [1, 1], [0, 0]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [True, 0], [1, 1], [0, 0]]]},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 2]]]]},
        "not a geometry",
        [1, 2],
    ],
)
def test_invalid_geometries_are_refused(geometry):
    with pytest.raises(ValidationError):
        validate_geometry(geometry)


def test_valid_geometries_pass():
    validate_geometry(square(1.4, 43.6))
    validate_geometry(DONUT)
    validate_geometry(
        {"type": "MultiPolygon", "coordinates": [square(0, 0)["coordinates"], square(5, 5)["coordinates"]]}
    )
    validate_geometry(None)


def test_point_in_polygon_handles_holes_and_multipolygons():
    assert point_in_geometry(2, 2, DONUT)
    assert not point_in_geometry(5, 5, DONUT)  # in the hole
    assert not point_in_geometry(11, 5, DONUT)
    multi = {
        "type": "MultiPolygon",
        "coordinates": [square(0, 0, 1)["coordinates"], square(5, 5, 1)["coordinates"]],
    }
    assert point_in_geometry(5.5, 5.5, multi)
    assert not point_in_geometry(3, 3, multi)


def test_point_in_concave_polygon():
    # A "U" shape: the notch between the arms is outside.
    u_shape = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
    }
    assert point_in_geometry(0.5, 2, u_shape)
    assert not point_in_geometry(1.5, 2, u_shape)


def test_districts_holding_a_point_are_those_of_the_current_instance(instance_a, instance_b, scope_a):
    centre = make_district(instance_a, "centre", square(1.43, 43.59))
    make_district(instance_a, "nord", square(1.42, 43.61))
    make_district(instance_b, "ailleurs", square(1.43, 43.59))
    assert District.objects.holding(1.44, 43.60) == centre
    assert District.objects.holding(5.0, 45.0) is None
    assert district_for_point(1.44, 43.60, [centre]) == centre


def test_svg_paths_project_every_district():
    height, shapes = svg_paths([("a", square(1.43, 43.59)), ("b", DONUT)])
    assert height > 0
    assert [item for item, _d in shapes] == ["a", "b"]
    assert shapes[1][1].count("M") == 2  # outer ring and hole
