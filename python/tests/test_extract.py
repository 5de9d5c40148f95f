"""hadath.extract: one text to the dict ``hadath extract`` prints."""

from __future__ import annotations

import warnings

import pytest

import hadath
from conftest import corpus_documents, run_cli

IDLIB = "قصفت الطائرات مواقع في إدلب أمس"


def test_the_issue_sentence_gives_an_assault_dated_from_publication():
    doc = hadath.extract(IDLIB, published="2020-02-27")
    assert [e["type"] for e in doc["events"]] == ["ASSAULT"]
    e = doc["events"][0]
    assert e["date"] == "2020-02-26"  # «أمس»: the day before publication
    assert e["location"]["name"] == "Idlib"
    assert doc["published"] == {"date": "2020-02-27", "inferred": False}


def test_offsets_are_code_points():
    text = "خبر: " + IDLIB
    doc = hadath.extract(text, id="x")
    spans = [doc["events"][0]["trigger"], doc["events"][0]["evidence"], *doc["entities"], *doc["timexes"]]
    assert spans
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]


def test_every_corpus_document_equals_the_cli(cli, cli_corpus):
    docs = corpus_documents()
    assert [d["id"] for d in docs] == [o["id"] for o in cli_corpus]
    for d, expected in zip(docs, cli_corpus):
        assert hadath.extract(d["text"], id=d["id"], title=d["title"]) == expected, d["id"]


def test_the_default_id_is_the_content_hash():
    a = hadath.extract(IDLIB)["id"]
    assert a.startswith("doc-") and len(a) == 20
    assert hadath.extract(IDLIB)["id"] == a
    assert hadath.extract(IDLIB + ".")["id"] != a
    assert hadath.extract(IDLIB, id="mine")["id"] == "mine"


def test_metadata_is_kept():
    doc = hadath.extract(IDLIB, id="a", title="عنوان", url="https://example.org/a", source="sana")
    assert doc["title"] == "عنوان"
    # url and source are input metadata: not part of the extraction's output contract.
    assert "url" not in doc


def test_rfc2822_dates_are_read_like_the_cli():
    doc = hadath.extract(IDLIB, published="Thu, 27 Feb 2020 23:30:00 +0300")
    assert doc["published"]["date"] == "2020-02-27"


def test_an_empty_text_raises_a_document_error():
    with pytest.raises(hadath.DocumentError, match=r"^the text: the document is empty \(its text has no letters or digits\)"):
        hadath.extract("  ... ")
    with pytest.raises(hadath.DocumentError, match=r'^document "a9": the document is empty'):
        hadath.extract("", id="a9")
    assert issubclass(hadath.DocumentError, ValueError)


def test_an_unreadable_date_warns_and_is_inferred():
    with pytest.warns(UserWarning, match=r'document "a": "published" "16/9/2022" is not a date'):
        doc = hadath.extract(IDLIB, id="a", published="16/9/2022")
    assert doc.get("published") is None or doc["published"]["inferred"]


def test_wrong_argument_types_are_type_errors():
    with pytest.raises(TypeError):
        hadath.extract(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hadath.extract(IDLIB, "positional-id")  # type: ignore[misc]


def test_an_extractor_with_user_data(tmp_path):
    # A person the knowledge base does not know, given in a user file of data/kb's format.
    kb = hadath.Extractor()
    assert kb.actor_names("Houthis")
    bad = tmp_path / "people.tsv"
    bad.write_text("this line has no tabs\n", encoding="utf-8")
    with pytest.raises(hadath.DataError, match="people.tsv"):
        hadath.Extractor(kb=[bad])
    with pytest.raises(OSError, match="missing.tsv"):
        hadath.Extractor(kb=[tmp_path / "missing.tsv"])


def test_ignore_published_matches_the_cli(cli, tmp_path):
    f = tmp_path / "a.jsonl"
    import json

    f.write_text(json.dumps({"id": "a", "text": IDLIB, "published": "2020-02-27"}, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(run_cli(cli, "extract", "--no-config", "--ignore-published", "--no-ner", str(f)).stdout)
    x = hadath.Extractor(ignore_published=True, no_ner=True)
    assert x.extract(IDLIB, id="a", published="2020-02-27") == expected


def test_no_warning_for_good_input():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hadath.extract(IDLIB, published="2020-02-27")
