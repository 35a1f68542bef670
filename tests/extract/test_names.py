"""extract/names.py: name shapes, street and train words, joining name forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from reelgraph.errors import PatternError
from reelgraph.extract import resources
from reelgraph.extract.names import Cluster, Mention, cluster_mentions, head_type, key, person_shape, pinyin_word


@pytest.mark.parametrize("name", ["Walt Brisbane", "Ana Lucía Brandt", "Kim Do-hyun", "Han Seung-woo",
                                  "Tanaka Ryo", "Zhang Yimou", "Tunde Adeyemi"])
def test_person_shaped(name: str) -> None:
    assert person_shape(name)


@pytest.mark.parametrize("name", ["Han River", "Song Festival", "Garden Gate Films", "Kim", "Grey harbour",
                                  "Novy Arbat", "Walt Brisbane Jr Sr Esq Extra"])
def test_not_person_shaped(name: str) -> None:
    assert not person_shape(name)


def test_pinyin_words() -> None:
    assert pinyin_word("yimou") and pinyin_word("ziyi") and pinyin_word("xiaoming")
    assert not pinyin_word("river") and not pinyin_word("festival")


@pytest.mark.parametrize("name,kind", [("Novy Arbat", "Other"), ("Nevsky Prospekt", "Other"),
                                       ("Ulitsa Arbat", "Other"), ("Baker Street", "Other"),
                                       ("Trans-Siberian Express", "Other"), ("Rue Lepic", "Other")])
def test_street_and_train_words(name: str, kind: str) -> None:
    assert head_type(name) == kind


def test_plain_names_have_no_head_type() -> None:
    assert head_type("Walt Brisbane") is None and head_type("Street") is None


def test_bad_name_heads_row_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "gazetteers" / "en_name_heads.tsv").write_text("# c\nnovy\tfirst\tOther\nstreet\tmiddle\tOther\n")
    monkeypatch.setattr(resources, "DATA", tmp_path)
    resources.name_heads.cache_clear()
    try:
        with pytest.raises(PatternError) as err:
            resources.name_heads()
        assert "en_name_heads.tsv" in str(err.value) and "3" in str(err.value)
    finally:
        resources.name_heads.cache_clear()


def test_bad_names_row_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "gazetteers" / "en_names.tsv").write_text("Anna\tgiven\nKim\tsurname\n")
    monkeypatch.setattr(resources, "DATA", tmp_path)
    resources.name_parts.cache_clear()
    try:
        with pytest.raises(PatternError) as err:
            resources.name_parts()
        assert "en_names.tsv" in str(err.value) and "2" in str(err.value)
    finally:
        resources.name_parts.cache_clear()


def test_hyphenated_surname_alone_joins_the_full_name() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    text = "Alma Reyes-Whitfield negotiated. Reyes-Whitfield said yes."
    full = Mention(0, 20, "Alma Reyes-Whitfield", "Person", "spacy PERSON")
    alone = Mention(33, 48, "Reyes-Whitfield", "Other", "spacy WORK_OF_ART")
    assert text[alone.start:alone.end] == alone.text
    clusters = [c for c in cluster_mentions([full, alone]) if c.mentions]
    assert len(clusters) == 1 and clusters[0].type == "Person"
    assert clusters[0].name() == "Alma Reyes-Whitfield"


def test_hyphenated_surname_of_someone_else_stays_apart() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    full = Mention(0, 20, "Alma Reyes-Whitfield", "Person")
    other = Mention(30, 41, "Ruiz-Hart", "Person")
    assert len([c for c in cluster_mentions([full, other]) if c.mentions]) == 2


def test_name_without_the_middle_name_joins_the_full_name() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    mentions = [Mention(0, 13, "Joyce Godenzi", "Person"), Mention(20, 38, "Joyce Mina Godenzi", "Person"),
                Mention(50, 57, "Godenzi", "City")]
    clusters = [c for c in cluster_mentions(mentions) if c.mentions]
    assert len(clusters) == 1
    assert clusters[0].name() == "Joyce Mina Godenzi" and clusters[0].type == "Person"


def test_different_middle_names_stay_apart() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    mentions = [Mention(0, 16, "Anna Maria Lund", "Person"), Mention(20, 36, "Anna Sofia Lund", "Person")]
    assert len([c for c in cluster_mentions(mentions) if c.mentions]) == 2


def test_first_word_of_a_company_alone_is_that_company() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    mentions = [Mention(0, 20, "Lakemoor Productions", "Organization"), Mention(30, 38, "Lakemoor", "Person"),
                Mention(40, 48, "Lakemoor", "City"), Mention(60, 66, "Alvaro", "Person")]
    clusters = [c for c in cluster_mentions(mentions) if c.mentions]
    org = next(c for c in clusters if c.type == "Organization")
    assert org.name() == "Lakemoor Productions" and len(org.mentions) == 3
    assert any(c.type == "Person" and c.name() == "Alvaro" for c in clusters)


def test_company_word_that_is_also_a_persons_name_stays_with_the_person() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    mentions = [Mention(0, 17, "Disney Pictures", "Organization"), Mention(20, 31, "Walt Disney", "Person"),
                Mention(40, 46, "Disney", "Person")]
    clusters = [c for c in cluster_mentions(mentions) if c.mentions]
    assert not any(c.type == "Organization" and len(c.mentions) > 1 for c in clusters)


def test_two_companies_first_words_joined_are_a_company() -> None:
    from reelgraph.extract.names import Mention, cluster_mentions

    mentions = [Mention(0, 15, "Lakemoor Films", "Organization"), Mention(20, 35, "Ostrava Media", "Organization"),
                Mention(40, 56, "Lakemoor Ostrava", "Person"), Mention(60, 72, "Anna Ostrava", "Person")]
    clusters = [c for c in cluster_mentions(mentions) if c.mentions]
    kinds = {c.name(): c.type for c in clusters}
    assert kinds["Lakemoor Ostrava"] == "Organization"
    assert kinds["Anna Ostrava"] == "Person"


def test_an_acronym_joins_the_one_name_it_spells() -> None:
    mentions = [Mention(0, 35, "Kestrel International Film Festival", "Event"), Mention(40, 44, "KIFF", "Event"),
                Mention(50, 54, "BBFC", "Organization")]
    clusters = cluster_mentions(mentions)
    fest = next(c for c in clusters if c.type == "Event")
    assert {m.text for m in fest.mentions} == {"Kestrel International Film Festival", "KIFF"}
    assert any(c.name() == "BBFC" for c in clusters)


def test_key_folds_accents_case_punctuation_and_the_article() -> None:
    assert key("The Café Noir's Night") == key("cafe  NOIR night!") == "cafe noir night"
    assert key("Zoë Lund") == "zoe lund"


def test_cluster_name_follows_its_mentions_as_they_change() -> None:
    c = Cluster("Person", [Mention(0, 4, "Vell", "Person")])
    assert c.name() == "Vell"
    full = Mention(10, 19, "Mara Vell", "Person")
    c.mentions.append(full)
    assert c.name() == "Mara Vell"       # a fuller form added after the name was asked
    c.mentions.remove(full)
    assert c.name() == "Vell"            # and taken away again
    c.mentions[0].canonical = "Mara Vell"
    assert c.name() == "Mara Vell"       # a mention's canonical name set in place
    c.mentions = [Mention(0, 6, "Reyes", "Person"), Mention(8, 14, "Tomas", "Person"), Mention(20, 25, "Reyes", "Person")]
    assert c.name() == "Reyes"           # the list replaced: most frequent of equal length
    c.canonical = "Tomas Reyes"
    assert c.name() == "Tomas Reyes"
