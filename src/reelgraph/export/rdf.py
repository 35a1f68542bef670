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

from typing import Any, Iterator

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
                       ("rgs", vocab.STATEMENT), ("rgr", vocab.REFERENCE), ("skos", str(SKOS))):
        g.bind(prefix, Namespace(ns), override=True)


def _term(obj: dict[str, Any]) -> URIRef | Literal:
    if "entity" in obj:
        return URIRef(vocab.entity_iri(obj["entity"]["id"]))
    value = str(obj["value"])
    return Literal(value, datatype=URIRef(vocab.literal_datatype(obj.get("datatype"), value)))


def triples(store: Store) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The whole store as RDF triples, each subject's triples together (see the module docstring)."""
    for doc in iter_documents(store, with_text=False):
        d = URIRef(vocab.document_iri(doc["id"]))
        yield (d, RDF.type, SCHEMA.NewsArticle)
        yield (d, RG.source, Literal(doc["source"]))
        yield (d, RG.sha256, Literal(doc["hash"]))
        yield (d, SCHEMA.inLanguage, Literal(doc["language"]))
        if doc.get("title"):
            yield (d, SCHEMA.headline, Literal(doc["title"], lang=doc["language"]))
        if doc.get("published"):
            yield (d, SCHEMA.datePublished, Literal(doc["published"],
                                                    datatype=URIRef(vocab.date_datatype(doc["published"]))))
    for ent in iter_entities(store):
        e = URIRef(vocab.entity_iri(ent["id"]))
        yield (e, RDF.type, SCHEMA[vocab.SCHEMA_TYPES.get(ent["type"], "Thing")])
        if ent["type"] in vocab.WIKIDATA_CLASSES:
            yield (e, URIRef(vocab.WDT + "P31"), URIRef(vocab.WD + vocab.WIKIDATA_CLASSES[ent["type"]]))
        yield (e, RG.entityType, Literal(ent["type"]))
        yield (e, SCHEMA.name, Literal(ent["name"]))
        for n in ent["names"]:
            yield (e, RDFS.label if n["canonical"] else SKOS.altLabel, Literal(n["name"], lang=n["lang"]))
    for fact in iter_facts(store):
        s = URIRef(vocab.entity_iri(fact["subject"]["id"]))
        iris = vocab.property_iris(fact["predicate"])
        obj = _term(fact["object"])
        if fact["status"] != "rejected":
            yield (s, URIRef(iris["direct"]), obj)
        st = URIRef(vocab.statement_iri(fact["id"]))
        yield (s, URIRef(iris["p"]), st)
        yield (st, RDF.type, WIKIBASE.Statement)
        yield (st, URIRef(iris["ps"]), obj)
        yield (st, WIKIBASE.rank, RANKS[fact["status"]])
        yield (st, RG.status, Literal(fact["status"]))
        yield (st, RG.confidence, Literal(str(fact["confidence"]), datatype=XSD.decimal))
        if fact["label"]:
            yield (st, RDFS.label, Literal(fact["label"], lang="en"))
        if fact["object"].get("unit"):
            yield (st, RG.unit, Literal(fact["object"]["unit"]))
        if "original_value" in fact["object"]:
            yield (st, RG.originalValue, Literal(str(fact["object"]["original_value"])))
        for prop, q in fact["qualifiers"].items():
            yield (st, URIRef(vocab.property_iris(prop)["pq"]), _term(q))
        for n, ev in enumerate(fact["evidence"], 1):
            ref = URIRef(vocab.reference_iri(fact["id"], n))
            yield (st, PROV.wasDerivedFrom, ref)
            yield (ref, RDF.type, WIKIBASE.Reference)
            yield (ref, PR.P248, URIRef(vocab.document_iri(ev["document_id"])))
            yield (ref, RG.start, Literal(ev["start"]))
            yield (ref, RG.end, Literal(ev["end"]))
            yield (ref, RG.quote, Literal(ev["text"]))
            yield (ref, RG.confidence, Literal(str(round(ev["confidence"], 3)), datatype=XSD.decimal))


def build_graph(store: Store) -> Graph:
    """The whole store as an rdflib Graph."""
    g = Graph(bind_namespaces="core")
    _bind(g)
    for triple in triples(store):
        g.add(triple)
    return g


def export_ttl(store: Store, out: Target) -> None:
    """Write the whole graph as Turtle to a path or text stream, streaming.

    rdflib renders every term (prefixes, escapes, datatypes); the lines are
    written as the triples come, grouped per subject, instead of through
    rdflib's pretty serializer, which holds the whole graph and wrote about
    2,000 triples/s.
    """
    names = Graph(bind_namespaces="core")
    _bind(names)
    nm = names.namespace_manager
    rendered: dict[Any, str] = {}

    def n3(term: URIRef | Literal) -> str:
        # Predicates, classes and entity IRIs repeat a lot; render each once.
        if term not in rendered:
            if len(rendered) > 100_000:
                rendered.clear()
            rendered[term] = "a" if term == RDF.type else term.n3(nm)
        return rendered[term]
    with text_out(out) as fh:
        for prefix, ns in sorted(nm.namespaces()):
            fh.write(f"@prefix {prefix}: <{ns}> .\n")
        subject = None
        for s, p, o in triples(store):
            if s != subject:
                fh.write(" .\n\n" if subject is not None else "\n")
                fh.write(f"{n3(s)} {n3(p)} {o.n3(nm) if o == RDF.type else n3(o)}")
                subject = s
            else:
                fh.write(f" ;\n    {n3(p)} {o.n3(nm) if o == RDF.type else n3(o)}")
        if subject is not None:
            fh.write(" .\n")
