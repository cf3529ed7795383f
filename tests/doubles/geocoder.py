"""The suite's geocoder (settings.GEOCODER = "tests.doubles.geocoder.FakeGeocoder"): a fixed gazetteer, no network.
`FakeGeocoder.asked` keeps the addresses it was asked, so a test sees whether the provider was called."""

from participe.core.geocoding import Point

PLACES = {
    "place du capitole, toulouse": Point(43.6045, 1.4440),
    "allées jean jaurès, toulouse": Point(43.6062, 1.4494),
}


class FakeGeocoder:
    asked = []

    def locate(self, address):
        FakeGeocoder.asked.append(address)
        return PLACES.get(address.lower())
