"""JSON-LD export: inline context only, expands with pyld, loads with rdflib, schema.org terms."""

from __future__ import annotations

import io
import json

import pytest
from pyld import jsonld
from rdflib import Graph, URIRef

from reelgraph import query
from reelgraph.export import EXPORTERS, vocab


@pytest.fixture
def doc(curated) -> dict:
    buf = io.StringIO()
    EXPORTERS["jsonld"](curated, buf)
    return json.loads(buf.getvalue())


def no_remote_contexts(url, options=None):
    raise AssertionError(f"the export asked for a remote document: {url}")


def test_context_is_inline_and_expands(doc):
    assert isinstance(doc["@context"], dict)
    expanded = jsonld.expand(doc, {"documentLoader": no_remote_contexts})
    types = {t for node in expanded for t in node.get("@type", [])}
    assert {vocab.SCHEMA + "Movie", vocab.SCHEMA + "Person", vocab.SCHEMA + "NewsArticle",
            vocab.WIKIBASE + "Statement"} <= types


def test_schema_properties_and_wikidata_fallbacks(curated, doc):
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    (director,) = query.list_facts(curated, predicate="P57")
    film = URIRef(vocab.entity_iri(director["subject"]["id"]))
    person = URIRef(vocab.entity_iri(director["object"]["entity"]["id"]))
    assert (film, URIRef(vocab.SCHEMA + "director"), person) in g
    (cast,) = query.list_facts(curated, predicate="P161")
    actor = URIRef(vocab.entity_iri(cast["object"]["entity"]["id"]))
    character = URIRef(vocab.entity_iri(cast["qualifiers"]["P453"]["entity"]["id"]))
    assert (film, URIRef(vocab.SCHEMA + "actor"), actor) in g
    assert (film, URIRef(vocab.SCHEMA + "character"), character) in g
    assert (character, URIRef(vocab.WDT + "P31"), URIRef(vocab.WD + "Q95074")) in g
    assert g.value(film, URIRef(vocab.WDT + "P1191")) is not None      # no schema.org term for a premiere
    assert g.value(film, URIRef(vocab.SCHEMA + "productionCompany")) is None   # rejected
    amount = g.value(film, URIRef(vocab.WDT + "P2142"))
    assert str(g.value(amount, URIRef(vocab.SCHEMA + "currency"))) == "USD"


def test_statements_keep_evidence(curated, doc):
    statements = {n["@id"]: n for n in doc["@graph"] if n.get("@type") == "wikibase:Statement"}
    (director,) = query.list_facts(curated, predicate="P57")
    st = statements[vocab.statement_iri(director["id"])]
    assert [r["rg:quote"] for r in st["prov:wasDerivedFrom"]] == [e["text"] for e in director["evidence"]]
    (company,) = query.list_facts(curated, predicate="P272", include_rejected=True)
    assert statements[vocab.statement_iri(company["id"])]["wikibase:rank"] == {"@id": "wikibase:DeprecatedRank"}
