"""Turtle export: rdflib reads it back, truthy wdt: triples, statements with evidence references."""

from __future__ import annotations

import io

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.namespace import XSD as _XSD

from reelgraph import query
from reelgraph.export import EXPORTERS, vocab

WDT = vocab.WDT
E = vocab.ENTITY


def load(store) -> Graph:
    buf = io.StringIO()
    EXPORTERS["ttl"](store, buf)
    return Graph().parse(data=buf.getvalue(), format="turtle")


def test_turtle_has_director_as_wdt_p57(curated):
    g = load(curated)
    (director,) = query.list_facts(curated, predicate="P57")
    film, person = director["subject"]["id"], director["object"]["entity"]["id"]
    assert (URIRef(E + str(film)), URIRef(WDT + "P57"), URIRef(E + str(person))) in g
    assert (URIRef(E + str(film)), RDF.type, URIRef(vocab.SCHEMA + "Movie")) in g
    assert (URIRef(E + str(film)), URIRef(WDT + "P31"), URIRef(vocab.WD + "Q11424")) in g


def test_each_statement_carries_its_evidence(curated):
    g = load(curated)
    (director,) = query.list_facts(curated, predicate="P57")
    rows = list(g.query("""
        SELECT ?doc ?start ?end ?quote WHERE {
          ?film p:P57 ?st . ?st ps:P57 ?person ; prov:wasDerivedFrom ?ref .
          ?ref pr:P248 ?doc ; rg:start ?start ; rg:end ?end ; rg:quote ?quote .
        } ORDER BY ?start""", initNs={"p": vocab.P, "ps": vocab.PS, "prov": vocab.PROV, "pr": vocab.PR,
                                      "rg": vocab.RG}))
    got = sorted((str(r.doc), int(r.start), int(r.end), str(r.quote)) for r in rows)
    want = sorted((vocab.document_iri(e["document_id"]), e["start"], e["end"], e["text"])
                  for e in director["evidence"])
    assert got == want and len(got) == 2


def test_qualifiers_ranks_and_literals(curated):
    g = load(curated)
    st = {f["predicate"]: URIRef(vocab.statement_iri(f["id"])) for f in query.list_facts(curated, include_rejected=True)}
    (character,) = query.find_entities(curated, "Captain Reyes")
    assert (st["P161"], URIRef(vocab.PQ + "P453"), URIRef(E + str(character["id"]))) in g
    wikibase = vocab.WIKIBASE
    assert (st["P272"], URIRef(wikibase + "rank"), URIRef(wikibase + "DeprecatedRank")) in g
    assert not list(g.triples((None, URIRef(WDT + "P272"), None)))        # rejected: no truthy triple
    assert (st["P1191"], URIRef(vocab.PS + "P1191"), Literal("2024-03-12", datatype=_XSD.date)) in g
    money = g.value(st["P2142"], URIRef(vocab.PS + "P2142"))
    assert money.datatype == _XSD.decimal and int(money.toPython()) == 21700000     # the curator's edit
    assert str(g.value(st["P2142"], URIRef(vocab.RG + "unit"))) == "USD"


def test_turtle_writes_to_a_path(curated, tmp_path):
    out = tmp_path / "deep" / "graph.ttl"
    EXPORTERS["ttl"](curated, out)
    assert len(Graph().parse(out, format="turtle")) > 50


def test_project_predicates_get_project_iris():
    iris = vocab.property_iris("rg:festival_jury")
    assert iris["direct"] == vocab.BASE + "prop/direct/festival_jury"
    assert vocab.property_iris("P57")["pq"] == vocab.PQ + "P57"
    assert vocab.date_datatype("2024-05").endswith("gYearMonth")
    assert vocab.date_datatype("2024").endswith("gYear")


def test_streamed_turtle_is_the_same_graph_as_build_graph(curated):
    from rdflib.compare import isomorphic

    from reelgraph.export.rdf import build_graph

    assert isomorphic(load(curated), build_graph(curated))
