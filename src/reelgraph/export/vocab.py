"""IRIs and vocabulary the RDF exports share: project namespaces, Wikidata, schema.org.

Entity IRIs are `https://reelgraph.example/entity/<store id>`, documents
`.../document/<store id>` and statements `.../statement/<fact id>`: stable as
long as the database is (a merge keeps the surviving id).
"""

from __future__ import annotations

import re

BASE = "https://reelgraph.example/"
ENTITY = BASE + "entity/"
DOCUMENT = BASE + "document/"
STATEMENT = BASE + "statement/"
REFERENCE = BASE + "reference/"
RG = BASE + "ontology#"

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
P = "http://www.wikidata.org/prop/"
PS = "http://www.wikidata.org/prop/statement/"
PQ = "http://www.wikidata.org/prop/qualifier/"
PR = "http://www.wikidata.org/prop/reference/"
WIKIBASE = "http://wikiba.se/ontology#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# schema.org class of each entity type. schema.org has no class for a
# fictional character, so a Character is a schema:Thing whose Wikidata class
# (wdt:P31 wd:Q95074, "fictional character") says what it is; it is
# deliberately not a schema:Person, which would claim a real human.
SCHEMA_TYPES = {"Film": "Movie", "Person": "Person", "Character": "Thing", "Organization": "Organization",
                "Venue": "Place", "City": "City", "Region": "AdministrativeArea", "Country": "Country",
                "Event": "Event", "Other": "Thing"}

# Wikidata class (P31 "instance of") of each entity type.
WIKIDATA_CLASSES = {"Film": "Q11424", "Person": "Q5", "Character": "Q95074", "Organization": "Q43229",
                    "Venue": "Q17350442", "City": "Q515", "Region": "Q82794", "Country": "Q6256",
                    "Event": "Q1656682"}

# schema.org properties for the Wikidata ones that have a close equivalent;
# the rest are exported under their Wikidata IRI (wdt:P1191 and so on).
SCHEMA_PROPERTIES = {"P57": "director", "P161": "actor", "P162": "producer", "P86": "musicBy",
                     "P272": "productionCompany", "P495": "countryOfOrigin", "P136": "genre",
                     "P577": "datePublished", "P915": "locationCreated", "P166": "award",
                     "P580": "startDate", "P582": "endDate", "P276": "location", "P131": "containedInPlace",
                     "P108": "worksFor"}

_WIKIDATA_ID = re.compile(r"^P\d+$")


def entity_iri(entity_id: int) -> str:
    return f"{ENTITY}{entity_id}"


def document_iri(document_id: int) -> str:
    return f"{DOCUMENT}{document_id}"


def statement_iri(fact_id: int) -> str:
    return f"{STATEMENT}{fact_id}"


def reference_iri(fact_id: int, n: int) -> str:
    return f"{REFERENCE}{fact_id}-{n}"


def property_iris(predicate: str) -> dict[str, str]:
    """The direct, statement-link, statement-value and qualifier IRIs of a predicate.

    Wikidata ids use Wikidata's namespaces; a project id `rg:snake_case`
    mirrors them under the project base (`.../prop/direct/snake_case` ...).
    """
    if _WIKIDATA_ID.match(predicate):
        return {"direct": WDT + predicate, "p": P + predicate, "ps": PS + predicate, "pq": PQ + predicate}
    local = re.sub(r"[^A-Za-z0-9_]", "_", predicate.split(":", 1)[-1])
    root = BASE + "prop/"
    return {"direct": f"{root}direct/{local}", "p": f"{root}{local}", "ps": f"{root}statement/{local}",
            "pq": f"{root}qualifier/{local}"}


def date_datatype(value: str) -> str:
    """The XSD datatype that keeps an ISO date's precision: date, gYearMonth or gYear."""
    if re.fullmatch(r"-?\d{4}-\d{2}-\d{2}", value):
        return XSD + "date"
    if re.fullmatch(r"-?\d{4}-\d{2}", value):
        return XSD + "gYearMonth"
    if re.fullmatch(r"-?\d{4}", value):
        return XSD + "gYear"
    return XSD + "string"


def literal_datatype(datatype: str | None, value: str) -> str:
    """XSD datatype IRI for a stored literal (date at its precision, quantity as decimal)."""
    if datatype == "date":
        return date_datatype(value)
    if datatype == "quantity" and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return XSD + "decimal"
    return XSD + "string"
