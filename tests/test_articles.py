"""Reading article files: every bad input is one ArticleError that names the file (and line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geonews.pipeline import articles
from geonews.pipeline.errors import ArticleError

INPUT = Path(__file__).parent / "data" / "input"


def only_error(path: Path, **kwargs) -> ArticleError:
    found, errors = articles.load(path, **kwargs)
    assert found == [], f"{path} should give no article"
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(("name", "reason"), [
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("binary.txt", "binary"),
    ("latin1.txt", "not UTF-8"),
    ("malformed.json", "invalid JSON"),
    ("missing-text.json", "'text'"),
    ("bad-date.json", "'published' must be an ISO 8601 date"),
    ("notes.docx", "unsupported file type '.docx'"),
])
def test_bad_file_gives_a_precise_reason_naming_the_file(name, reason):
    err = only_error(INPUT / name)
    assert isinstance(err, ArticleError)
    assert err.source == str(INPUT / name)
    assert reason in err.reason
    assert str(err).startswith(f"{INPUT / name}: ")


def test_undecodable_reason_gives_the_byte_offset():
    data = (INPUT / "latin1.txt").read_bytes()
    first_bad = next(i for i, b in enumerate(data) if b >= 0x80)
    assert f"at byte {first_bad}" in only_error(INPUT / "latin1.txt").reason


def test_too_large_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("A title\n" + "Turkey backs the GNA. " * 5000, encoding="utf-8")
    size = big.stat().st_size
    err = only_error(big, max_bytes=size - 1)
    assert "too large" in err.reason and str(size) in err.reason and str(size - 1) in err.reason
    found, errors = articles.load(big, max_bytes=size)
    assert len(found) == 1 and errors == []


def test_missing_file_is_an_article_error(tmp_path):
    err = only_error(tmp_path / "nowhere.txt")
    assert err.source.endswith("nowhere.txt")
    assert "No such file" in err.reason


def test_jsonl_bad_lines_are_named_by_line_and_good_lines_kept():
    path = INPUT / "mixed.jsonl"
    found, errors = articles.load(path)
    assert [a.id for a in found] == ["jl-1", "jl-3"]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:5"]
    assert "invalid JSON" in errors[0].reason
    assert "'text'" in errors[1].reason
    # line 4 holds a U+2028 inside a JSON string: it is one record, not two lines
    assert "\u2028" in found[1].text
    assert [a.origin for a in found] == [f"{path}:1", f"{path}:4"]


def test_json_list_keeps_good_records_and_names_the_bad_index():
    path = INPUT / "list.json"
    found, errors = articles.load(path)
    assert [a.id for a in found] == ["list-1", "list-3"]
    assert [e.source for e in errors] == [f"{path}[1]"]
    assert "JSON object" in errors[0].reason


def test_empty_json_list_and_empty_jsonl_are_errors(tmp_path):
    (tmp_path / "none.json").write_text("[]", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    assert "empty JSON list" in only_error(tmp_path / "none.json").reason
    assert "empty" in only_error(tmp_path / "blank.jsonl").reason


def test_txt_title_is_the_first_line_and_text_is_the_whole_file():
    path = INPUT / "good.txt"
    raw = path.read_text(encoding="utf-8")
    [a], errors = articles.load(path)
    assert errors == []
    assert a.title == raw.split("\n", 1)[0]
    assert a.text == raw  # evidence offsets index into the whole decoded file, title included
    assert a.origin == str(path)


def test_txt_with_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffRussia and Turkey talk\r\nThey met in Moscow.\r\n".encode("utf-8"))
    [a], _ = articles.load(path)
    assert a.title == "Russia and Turkey talk"
    assert a.text == "Russia and Turkey talk\r\nThey met in Moscow.\r\n"


def test_json_fields_are_read():
    path = INPUT / "good.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    [a], errors = articles.load(path)
    assert errors == []
    assert (a.id, a.url, a.title, a.published, a.source, a.text) == (
        record["id"], record["url"], record["title"], record["published"], record["source"], record["text"])


@pytest.mark.parametrize(("published", "expected"), [
    ("2020-03-05", "2020-03-05"),
    ("2020-03-05T09:30:00Z", "2020-03-05"),
    ("2020-03-05 09:30:00+02:00", "2020-03-05"),
    (None, None),
])
def test_published_accepts_iso_dates_and_date_times(published, expected):
    rec = {"id": "p", "title": "T", "text": "Turkey backs the GNA.", "published": published}
    assert articles.from_record(rec, "x.json").published == expected


@pytest.mark.parametrize("published", ["2020-13-45", "March 5, 2020", "20200305", "2020-03-05junk", 2020, "2020"])
def test_published_must_be_an_iso_date(published):
    rec = {"id": "p", "title": "T", "text": "Turkey backs the GNA.", "published": published}
    with pytest.raises(ArticleError, match="'published' must be an ISO 8601 date") as info:
        articles.from_record(rec, "x.jsonl:3")
    assert info.value.source == "x.jsonl:3"


@pytest.mark.parametrize("url", ["not a url", "ftp://example.org/a", "https://example.org/a b", "https://ex.org/<x>"])
def test_url_must_be_an_absolute_http_iri(url):
    rec = {"id": "u", "title": "T", "text": "Turkey backs the GNA.", "url": url}
    with pytest.raises(ArticleError, match="'url'"):
        articles.from_record(rec, "x.json")


@pytest.mark.parametrize(("record", "reason"), [
    ({"text": 5}, "'text'"),
    ({"text": "Turkey backs the GNA.", "title": ["a"]}, "'title'"),
    ({"text": "Turkey backs the GNA.", "id": {"a": 1}}, "'id'"),
    ({"text": "Turkey backs the GNA.", "source": True}, "'source'"),
    ({"text": "   ", "title": "T"}, "empty"),
    ({"text": "Turkey backs the GNA.", "title": "  "}, "no title"),
])
def test_bad_records(record, reason):
    with pytest.raises(ArticleError, match=reason):
        articles.from_record(record, "r.json")


def test_json_title_defaults_to_the_first_line_of_text():
    a = articles.from_record({"id": 7, "text": "\nTurkey backs the GNA\nMore text."}, "r.json")
    assert a.title == "Turkey backs the GNA" and a.id == "7"


def test_expand_finds_article_files_sorted_and_keeps_named_files(tmp_path):
    (tmp_path / "b.txt").write_text("x\ny", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.JSONL").write_text("{}", encoding="utf-8")
    (tmp_path / "c.pdf").write_text("x", encoding="utf-8")
    named = tmp_path / "c.pdf"
    assert articles.expand([tmp_path, named]) == [tmp_path / "b.txt", tmp_path / "sub" / "a.JSONL", named]


def test_suffix_is_case_insensitive(tmp_path):
    path = tmp_path / "UPPER.TXT"
    path.write_text("Turkey and Russia\nThey met.", encoding="utf-8")
    [a], errors = articles.load(path)
    assert errors == [] and a.title == "Turkey and Russia"


def test_control_characters_look_binary(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_text("Title\n" + "\x01\x02\x03" * 20 + " text", encoding="utf-8")
    assert "looks binary" in only_error(path).reason
