"""District geometries: GeoJSON validation, point-in-polygon and a static SVG map, in pure Python.

Geometries are GeoJSON Polygon or MultiPolygon objects in WGS 84 (longitude, latitude).
`District.objects.holding(lon, lat)` (site/models/taxonomy.py) files a proposal's map point under its district.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_ring(ring):
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(_("Each ring of the area needs at least four positions."))
    for position in ring:
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(map(_is_number, position[:2]))
        ):
            raise ValidationError(_("Each position must be a [longitude, latitude] pair of numbers."))
        lon, lat = position[0], position[1]
        if not -180 <= lon <= 180 or not -90 <= lat <= 90:
            raise ValidationError(
                _("Position %(position)s is out of range (longitude −180 to 180, latitude −90 to 90).")
                % {"position": f"[{lon}, {lat}]"}
            )
    if list(ring[0][:2]) != list(ring[-1][:2]):
        raise ValidationError(
            _("Each ring of the area must be closed: its last position must repeat the first.")
        )


def _check_polygon(rings):
    if not isinstance(rings, list) or not rings:
        raise ValidationError(_("A polygon needs at least one ring of positions."))
    for ring in rings:
        _check_ring(ring)


def validate_geometry(geometry):
    """Raise ValidationError unless `geometry` is a valid GeoJSON Polygon or MultiPolygon."""
    if geometry in (None, ""):
        return
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        raise ValidationError(_("The area must be a GeoJSON geometry of type Polygon or MultiPolygon."))
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        _check_polygon(coordinates)
    else:
        if not isinstance(coordinates, list) or not coordinates:
            raise ValidationError(_("A multi-polygon needs at least one polygon."))
        for polygon in coordinates:
            _check_polygon(polygon)


def polygons(geometry):
    """The list of polygons (each a list of rings, the first one outer) of a Polygon or MultiPolygon."""
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _in_ring(lon, lat, ring):
    # Ray casting: count the edges a horizontal ray from the point crosses.
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_geometry(lon, lat, geometry):
    for outer, *holes in polygons(geometry):
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes):
            return True
    return False


def district_for_point(lon, lat, districts):
    """The first of `districts` (in their order) whose area holds the point, or None."""
    for district in districts:
        if district.geometry and point_in_geometry(lon, lat, district.geometry):
            return district
    return None


def bounding_box(geometries):
    lons, lats = [], []
    for geometry in geometries:
        for polygon in polygons(geometry):
            for position in polygon[0]:
                lons.append(position[0])
                lats.append(position[1])
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def svg_paths(items, width=600):
    """Project (item, geometry) pairs into SVG path data; returns (height, [(item, d)]).

    An equirectangular projection corrected by the cosine of the mean latitude is
    faithful enough at a city's scale.
    """
    box = bounding_box(geometry for _item, geometry in items)
    if box is None:
        return 0, []
    min_lon, min_lat, max_lon, max_lat = box
    x_scale = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * x_scale, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = width / span_x
    height = round(span_y * scale)
    shapes = []
    for item, geometry in items:
        parts = []
        for polygon in polygons(geometry):
            for ring in polygon:
                points = " L".join(
                    f"{(p[0] - min_lon) * x_scale * scale:.1f},{(max_lat - p[1]) * scale:.1f}" for p in ring
                )
                parts.append(f"M{points} Z")
        shapes.append((item, " ".join(parts)))
    return height, shapes


def districts_geojson(districts):
    """A FeatureCollection of the districts that have an area, for the Leaflet maps (drawn even offline)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": district.geometry,
                "properties": {"name": district.name, "url": district.get_absolute_url()},
            }
            for district in districts
            if district.geometry
        ],
    }


def places_geojson(places):
    """A FeatureCollection of (title, url, latitude, longitude, when) places: the markers of a Leaflet map."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
                "properties": {"title": title, "url": url, "when": when},
            }
            for title, url, latitude, longitude, when in places
            if latitude is not None and longitude is not None
        ],
    }


def map_settings():
    """What the Leaflet maps need from settings: the tile server and its attribution (configuration.md)."""
    return {"map_tiles_url": settings.PARTICIPE_MAP_TILES_URL, "map_attribution": settings.PARTICIPE_MAP_ATTRIBUTION}
