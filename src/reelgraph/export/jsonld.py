"""JSON-LD with schema.org types and properties, Wikidata ids where schema.org has none.

Entities are schema.org nodes (Film -> Movie, Person -> Person, Character ->
Thing with wdt:P31 wd:Q95074, Venue -> Place, City -> City, Region ->
AdministrativeArea, Country -> Country, Event -> Event; see `vocab.py`).
A fact whose Wikidata property has a schema.org counterpart becomes that
property (P57 -> schema:director, P161 -> schema:actor, P577 ->
schema:datePublished ...); the others keep their Wikidata IRI (wdt:P1191).
A cast member's character (qualifier P453) is also given as schema:character
of the film. Money is a schema:MonetaryAmount. Each fact is also a
Wikidata-style statement node (p:/ps:/pq:, prov:wasDerivedFrom a reference
naming the document and span), as in the Turtle export, so no evidence is lost.
Rejected facts appear only as statements with DeprecatedRank.
The @context is inline: a reader never fetches anything.
"""

from __future__ import annotations

import json
from typing import Any

from reelgraph.export import vocab
from reelgraph.export.output import Target, text_out
from reelgraph.query import iter_documents, iter_entities, iter_facts
from reelgraph.store import Store

CONTEXT = {"schema": vocab.SCHEMA, "wd": vocab.WD, "wdt": vocab.WDT, "p": vocab.P, "ps": vocab.PS,
           "pq": vocab.PQ, "pr": vocab.PR, "wikibase": vocab.WIKIBASE, "prov": vocab.PROV,
           "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": vocab.XSD, "rg": vocab.RG}
RANKS = {"confirmed": "wikibase:PreferredRank", "asserted": "wikibase:NormalRank",
         "rejected": "wikibase:DeprecatedRank"}


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _value(obj: dict[str, Any], money_as_amount: bool = True) -> dict[str, Any]:
    if "entity" in obj:
        return _ref(vocab.entity_iri(obj["entity"]["id"]))
    value = str(obj["value"])
    literal = {"@value": value, "@type": vocab.literal_datatype(obj.get("datatype"), value)}
    if money_as_amount and obj.get("unit"):
        return {"@type": "schema:MonetaryAmount", "schema:value": literal, "schema:currency": obj["unit"]}
    return literal


def _add(node: dict[str, Any], key: str, value: Any) -> None:
    if key in node:
        if not isinstance(node[key], list):
            node[key] = [node[key]]
        if value not in node[key]:
            node[key].append(value)
    else:
        node[key] = value


def build_document(store: Store) -> dict[str, Any]:
    """The whole store as one JSON-LD object with an inline @context and a @graph."""
    graph: list[dict[str, Any]] = []
    nodes: dict[int, dict[str, Any]] = {}
    for doc in iter_documents(store, with_text=False):
        node = {"@id": vocab.document_iri(doc["id"]), "@type": "schema:NewsArticle",
                "rg:source": doc["source"], "schema:inLanguage": doc["language"]}
        if doc.get("title"):
            node["schema:headline"] = {"@value": doc["title"], "@language": doc["language"]}
        if doc.get("published"):
            node["schema:datePublished"] = {"@value": doc["published"],
                                            "@type": vocab.date_datatype(doc["published"])}
        graph.append(node)
    for ent in iter_entities(store):
        node = {"@id": vocab.entity_iri(ent["id"]), "@type": "schema:" + vocab.SCHEMA_TYPES.get(ent["type"], "Thing"),
                "schema:name": ent["name"], "rg:entityType": ent["type"]}
        if ent["type"] in vocab.WIKIDATA_CLASSES:
            node["wdt:P31"] = _ref("wd:" + vocab.WIKIDATA_CLASSES[ent["type"]])
        aliases = [{"@value": n["name"], "@language": n["lang"]} for n in ent["names"] if n["name"] != ent["name"]]
        if aliases:
            node["schema:alternateName"] = aliases
        nodes[ent["id"]] = node
        graph.append(node)
    for fact in iter_facts(store):
        subject = nodes[fact["subject"]["id"]]
        pred = fact["predicate"]
        iris = vocab.property_iris(pred)
        if fact["status"] != "rejected":
            key = "schema:" + vocab.SCHEMA_PROPERTIES[pred] if pred in vocab.SCHEMA_PROPERTIES else iris["direct"]
            _add(subject, key, _value(fact["object"]))
            character = fact["qualifiers"].get("P453")
            if pred == "P161" and character and "entity" in character:
                _add(subject, "schema:character", _value(character))
        statement: dict[str, Any] = {
            "@id": vocab.statement_iri(fact["id"]), "@type": "wikibase:Statement",
            iris["ps"]: _value(fact["object"], money_as_amount=False), "wikibase:rank": _ref(RANKS[fact["status"]]),
            "rg:status": fact["status"], "rdfs:label": fact["label"],
            "rg:confidence": {"@value": str(fact["confidence"]), "@type": "xsd:decimal"},
            "prov:wasDerivedFrom": [
                {"@id": vocab.reference_iri(fact["id"], n), "@type": "wikibase:Reference",
                 "pr:P248": _ref(vocab.document_iri(ev["document_id"])), "rg:start": ev["start"],
                 "rg:end": ev["end"], "rg:quote": ev["text"]}
                for n, ev in enumerate(fact["evidence"], 1)]}
        if fact["object"].get("unit"):
            statement["rg:unit"] = fact["object"]["unit"]
        for prop, q in fact["qualifiers"].items():
            statement[vocab.property_iris(prop)["pq"]] = _value(q, money_as_amount=False)
        _add(subject, iris["p"], _ref(statement["@id"]))
        graph.append(statement)
    return {"@context": CONTEXT, "@graph": graph}


def export_jsonld(store: Store, out: Target) -> None:
    """Write the whole graph as one JSON-LD document to a path or text stream."""
    with text_out(out) as fh:
        json.dump(build_document(store), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
