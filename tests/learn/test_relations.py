"""Training the learned backstop: the split file and the train-relations command on a tiny split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reelgraph.cli import app
from reelgraph.errors import PatternError
from reelgraph.extract import learned
from reelgraph.learn import relations

REPO = Path(__file__).resolve().parents[2]


def test_shipped_split_trains_on_the_development_sets_and_never_on_the_blind_sets():
    sets = {s.name: s for s in relations.read_split(relations.SPLIT_FILE)}
    assert set(sets) == {"samples-en", "redocred-film", "blind-en", "blind2-en"}
    for name in ("samples-en", "redocred-film"):
        s = sets[name]
        assert s.train == sorted(p.stem for p in s.corpus.glob("*.txt"))
        assert (s.gold / f"{s.train[0]}.json").is_file()
    for name in ("blind-en", "blind2-en"):
        s = sets[name]
        assert not s.train and s.held_out == sorted(p.stem for p in s.corpus.glob("*.txt"))
        assert "blind" in s.corpus.as_posix()


def test_split_naming_a_document_twice_is_refused(tmp_path):
    split = tmp_path / "split.toml"
    split.write_text('[[set]]\nname = "x"\ncorpus = "c"\ngold = "g"\ntrain = ["a", "b"]\nheld_out = ["b"]\n',
                     encoding="utf-8")
    with pytest.raises(PatternError, match=r"split.toml.*\['b'\] both trained on and held out"):
        relations.read_split(split)


def test_train_relations_on_a_tiny_split_writes_a_model_that_loads(tmp_path):
    pytest.importorskip("sklearn")
    split = tmp_path / "tiny.toml"
    split.write_text(
        f'root = "{REPO.as_posix()}"\n[[set]]\nname = "samples-en"\ncorpus = "samples/corpus/en"\n'
        'gold = "samples/gold/en"\ntrain = ["copper-sky-sequel", "glass-orchard-casting", "comet-sweeper-biopic"]\n',
        encoding="utf-8")
    out = tmp_path / "model.json"
    result = CliRunner().invoke(app, ["train-relations", "--split", str(split), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.output
    obj = json.loads(out.read_text(encoding="utf-8"))
    assert obj["trained_on"]["documents"] == 3
    assert obj["trained_on"]["command"].startswith("reelgraph train-relations --split ")
    models = learned.load_model(out)
    assert set(models) | set(obj["trained_on"]["left_off"]) <= set(learned.KIND_OF)
