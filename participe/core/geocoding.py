"""Typed addresses to map points, through the provider named by `settings.GEOCODER`.

"ban" asks the French national address API (api-adresse.data.gouv.fr), "nominatim" OpenStreetMap's
Nominatim, "none" nobody; any other value is the dotted path of a provider class (the suite's double).
Providers are called from background jobs only: a slow or failing service never holds a form back, and
every failure (network, HTTP error, malformed answer) reads as "no point found".
"""

import json
import logging
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
MAX_ANSWER_BYTES = 256 * 1024


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    @classmethod
    def checked(cls, latitude, longitude):
        """The point, or None when the values are not coordinates."""
        try:
            latitude, longitude = float(latitude), float(longitude)
        except (TypeError, ValueError):
            return None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None
        return cls(round(latitude, 6), round(longitude, 6))


class HttpGeocoder:
    url = ""

    def __init__(self, url=None):
        self.url = url or self.url

    def query(self, address):
        raise NotImplementedError

    def point(self, answer):
        raise NotImplementedError

    def locate(self, address):
        if not self.url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("GEOCODER_URL must be an http(s) URL.")
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            f"{self.url}?{urllib.parse.urlencode(self.query(address))}",
            headers={"User-Agent": settings.GEOCODER_USER_AGENT, "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                answer = json.loads(response.read(MAX_ANSWER_BYTES))
            return self.point(answer)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            logger.warning("Geocoding failed with %s: %s", type(self).__name__, exc)
            return None


class AddressApi(HttpGeocoder):
    """France's Base Adresse Nationale: GeoJSON features, coordinates as [longitude, latitude]."""

    url = "https://api-adresse.data.gouv.fr/search/"

    def query(self, address):
        return {"q": address[:200], "limit": 1}

    def point(self, answer):
        features = answer.get("features") or []
        if not features:
            return None
        longitude, latitude = features[0]["geometry"]["coordinates"][:2]
        return Point.checked(latitude, longitude)


class Nominatim(HttpGeocoder):
    """OpenStreetMap's Nominatim (its usage policy asks for a User-Agent naming the site: GEOCODER_USER_AGENT)."""

    url = "https://nominatim.openstreetmap.org/search"

    def query(self, address):
        return {"q": address[:200], "format": "jsonv2", "limit": 1}

    def point(self, answer):
        if not answer:
            return None
        return Point.checked(answer[0]["lat"], answer[0]["lon"])


class NoGeocoder:
    def locate(self, address):
        return None


PROVIDERS = {"ban": AddressApi, "nominatim": Nominatim, "none": NoGeocoder}


def geocoder():
    name = settings.GEOCODER
    provider = PROVIDERS.get(name) or import_string(name)
    return provider(settings.GEOCODER_URL) if issubclass(provider, HttpGeocoder) else provider()


def geocode(address):
    """The point of `address`, or None (nothing typed, nothing found, or the service failed)."""
    address = " ".join((address or "").split())
    if not address:
        return None
    return geocoder().locate(address)
