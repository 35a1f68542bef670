"""Turtle with Wikidata's own statement model, so every fact keeps its evidence.

Provenance is attached the way Wikidata does it rather than with
rdf:Statement reification, RDF-star or named graphs: each fact is a
`wikibase:Statement` node (`<film> p:P161 <statement>`, `<statement>
ps:P161 <actor>`, qualifiers as `pq:P453`), its rank says the curation
status (confirmed = PreferredRank, asserted = NormalRank, rejected =
DeprecatedRank), and each evidence span is a reference node reached by
`prov:wasDerivedFrom`, with `pr:P248` ("stated in") pointing to the document
plus the span's offsets, quote and confidence. Wikidata tools and SPARQL
queries written for Wikidata then read it as is, plain Turtle parsers need
nothing beyond RDF 1.1, and the simple "truthy" triple (`<film> wdt:P161
<actor>`) is there too for every fact that is not rejected.
Entities carry `rdf:type` a schema.org class and `wdt:P31` a Wikidata class
(see `vocab.py`); names are `rdfs:label` (canonical, with language tag) and
`skos:altLabel`. A curator's edit replaces a literal's value; the original
stays on the statement as `rg:originalValue`.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from reelgraph.export import vocab
from reelgraph.export.output import Target, text_out
from reelgraph.query import iter_documents, iter_entities, iter_facts
from reelgraph.store import Store

WIKIBASE = Namespace(vocab.WIKIBASE)
SCHEMA = Namespace(vocab.SCHEMA)
PROV = Namespace(vocab.PROV)
RG = Namespace(vocab.RG)
PR = Namespace(vocab.PR)
RANKS = {"confirmed": WIKIBASE.PreferredRank, "asserted": WIKIBASE.NormalRank, "rejected": WIKIBASE.DeprecatedRank}


def _bind(g: Graph) -> None:
    for prefix, ns in (("wd", vocab.WD), ("wdt", vocab.WDT), ("p", vocab.P), ("ps", vocab.PS), ("pq", vocab.PQ),
                       ("pr", vocab.PR), ("wikibase", vocab.WIKIBASE), ("schema", vocab.SCHEMA),
                       ("prov", vocab.PROV), ("rg", vocab.RG), ("rge", vocab.ENTITY), ("rgd", vocab.DOCUMENT),
                       ("rgs", vocab.STATEMENT), ("rgr", vocab.REFERENCE)):
        g.bind(prefix, Namespace(ns), override=True)


def _term(obj: dict[str, Any]) -> URIRef | Literal:
    if "entity" in obj:
        return URIRef(vocab.entity_iri(obj["entity"]["id"]))
    value = str(obj["value"])
    return Literal(value, datatype=URIRef(vocab.literal_datatype(obj.get("datatype"), value)))


def build_graph(store: Store) -> Graph:
    """The whole store as an rdflib Graph (see the module docstring for the model)."""
    g = Graph()
    _bind(g)
    for doc in iter_documents(store, with_text=False):
        d = URIRef(vocab.document_iri(doc["id"]))
        g.add((d, RDF.type, SCHEMA.NewsArticle))
        g.add((d, RG.source, Literal(doc["source"])))
        g.add((d, RG.sha256, Literal(doc["hash"])))
        g.add((d, SCHEMA.inLanguage, Literal(doc["language"])))
        if doc.get("title"):
            g.add((d, SCHEMA.headline, Literal(doc["title"], lang=doc["language"])))
        if doc.get("published"):
            g.add((d, SCHEMA.datePublished, Literal(doc["published"],
                                                    datatype=URIRef(vocab.date_datatype(doc["published"])))))
    for ent in iter_entities(store):
        e = URIRef(vocab.entity_iri(ent["id"]))
        g.add((e, RDF.type, SCHEMA[vocab.SCHEMA_TYPES.get(ent["type"], "Thing")]))
        if ent["type"] in vocab.WIKIDATA_CLASSES:
            g.add((e, URIRef(vocab.WDT + "P31"), URIRef(vocab.WD + vocab.WIKIDATA_CLASSES[ent["type"]])))
        g.add((e, RG.entityType, Literal(ent["type"])))
        g.add((e, SCHEMA.name, Literal(ent["name"])))
        for n in ent["names"]:
            g.add((e, RDFS.label if n["canonical"] else SKOS.altLabel, Literal(n["name"], lang=n["lang"])))
    for fact in iter_facts(store):
        s = URIRef(vocab.entity_iri(fact["subject"]["id"]))
        iris = vocab.property_iris(fact["predicate"])
        obj = _term(fact["object"])
        if fact["status"] != "rejected":
            g.add((s, URIRef(iris["direct"]), obj))
        st = URIRef(vocab.statement_iri(fact["id"]))
        g.add((s, URIRef(iris["p"]), st))
        g.add((st, RDF.type, WIKIBASE.Statement))
        g.add((st, URIRef(iris["ps"]), obj))
        g.add((st, WIKIBASE.rank, RANKS[fact["status"]]))
        g.add((st, RG.status, Literal(fact["status"])))
        g.add((st, RG.confidence, Literal(str(fact["confidence"]), datatype=XSD.decimal)))
        if fact["label"]:
            g.add((st, RDFS.label, Literal(fact["label"], lang="en")))
        if fact["object"].get("unit"):
            g.add((st, RG.unit, Literal(fact["object"]["unit"])))
        if "original_value" in fact["object"]:
            g.add((st, RG.originalValue, Literal(str(fact["object"]["original_value"]))))
        for prop, q in fact["qualifiers"].items():
            g.add((st, URIRef(vocab.property_iris(prop)["pq"]), _term(q)))
        for n, ev in enumerate(fact["evidence"], 1):
            ref = URIRef(vocab.reference_iri(fact["id"], n))
            g.add((st, PROV.wasDerivedFrom, ref))
            g.add((ref, RDF.type, WIKIBASE.Reference))
            g.add((ref, PR.P248, URIRef(vocab.document_iri(ev["document_id"]))))
            g.add((ref, RG.start, Literal(ev["start"])))
            g.add((ref, RG.end, Literal(ev["end"])))
            g.add((ref, RG.quote, Literal(ev["text"])))
            g.add((ref, RG.confidence, Literal(str(round(ev["confidence"], 3)), datatype=XSD.decimal)))
    return g


def export_ttl(store: Store, out: Target) -> None:
    """Write the whole graph as Turtle to a path or text stream."""
    text = build_graph(store).serialize(format="turtle")
    with text_out(out) as fh:
        fh.write(text)
