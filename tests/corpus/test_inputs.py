"""The corpus readers (:mod:`newsdiff.corpus.inputs`): every input kind into records and
rejects, the field map, partitions, and what a broken or unknown input does."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

from newsdiff.corpus.inputs import DEFAULT_FIELDS, FieldMap, fields, read_partitions, streams
from newsdiff.corpus.records import Record, Reject
from newsdiff.values import InputError

STORY = ("A fire closed the old river bridge on Tuesday morning, officials said. "
         "Firefighters worked for three hours to bring the blaze under control.")
PAGE = f"""<html><head><meta charset="utf-8"><title>Fire closes bridge</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Fire closes bridge</h1>
<p>{STORY}</p>
<p>No one was hurt in the fire, according to the city's fire department. The cause of the
fire is still under investigation, and the bridge will stay closed until it is inspected.</p>
<p>Commuters were told to use the northern crossing instead, which added up to forty minutes
to some journeys during the morning rush.</p>
</article><footer>Copyright 2016</footer></body></html>""".encode()
NO_ARTICLE_PAGE = b"<html><head><title>Index</title></head><body></body></html>"


def read(*paths: Path, field_map: FieldMap = DEFAULT_FIELDS, size: int = 1000):
    """All partitions of ``paths``."""
    return list(read_partitions([str(p) for p in paths], field_map, size))


def items(*paths: Path, field_map: FieldMap = DEFAULT_FIELDS) -> tuple[list[Record], list[Reject]]:
    """Every record and every reject of ``paths``."""
    parts = read(*paths, field_map=field_map)
    return ([r for p in parts for r in p.records], [r for p in parts for r in p.rejects])


def write_jsonl(path: Path, rows: list[object]) -> Path:
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    path.write_bytes(gzip.compress(data) if path.name.lower().endswith(".gz") else data)
    return path


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode()
    path.write_bytes(gzip.compress(data) if path.name.lower().endswith(".gz") else data)
    return path


def write_warc(path: Path) -> Path:
    """A WARC (gzipped by its name) with a warcinfo, a request, an article page, a page with
    no article, a 404 and an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        writer.write_record(writer.create_warc_record(
            "https://www.herald.example/fire", "request",
            payload=io.BytesIO(b"GET /fire HTTP/1.1\r\nHost: www.herald.example\r\n\r\n")))
        for uri, status, kind, body in (
                ("https://www.herald.example/fire", "200 OK", "text/html; charset=utf-8", PAGE),
                ("https://www.herald.example/", "200 OK", "text/html", NO_ARTICLE_PAGE),
                ("https://www.herald.example/gone", "404 Not Found", "text/html", PAGE),
                ("https://www.herald.example/logo.png", "200 OK", "image/png", b"\x89PNG")):
            http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2016-03-02T08:00:00Z"}))
    return path


# The row formats ----------------------------------------------------------------------------

ROWS = [
    {"id": 7, "series": "The Herald", "date": "2016-03-01T12:00:00Z", "text": STORY,
     "title": "  Fire closes bridge ", "url": "https://herald.example/fire"},
    {"text": "Second story.\r\nIt has two lines.", "title": " ", "date": "last Tuesday"},
]


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz", "news.ndjson", "NEWS.NDJSON.GZ"])
def test_jsonl_rows_become_records_with_their_fields(tmp_path, name):
    path = write_jsonl(tmp_path / name, ROWS)
    records, rejects = items(path)
    assert rejects == []
    stem = name[: -len(".ndjson.gz")] if name.endswith(".GZ") else name.split(".")[0]
    assert records == [
        Record(id="7", outlet="The Herald", text=STORY, date="2016-03-01",
               title="Fire closes bridge", url="https://herald.example/fire",
               origin=f"{path}:1"),
        Record(id=f"{path}:2", outlet=stem, text="Second story.\nIt has two lines.",
               origin=f"{path}:2"),
    ]


@pytest.mark.parametrize("name", ["news.csv", "news.csv.gz"])
def test_csv_rows_become_records_by_the_header(tmp_path, name):
    path = write_csv(tmp_path / name, [
        ["id", "series", "text", "date", "extra"],
        ["a1", "Herald", "One line\nand another, quoted", "20160301", "x"],
        [],
        ["", "", STORY],  # a short row: the missing fields are absent
    ])
    records, rejects = items(path)
    assert rejects == []
    assert records == [
        Record(id="a1", outlet="Herald", text="One line\nand another, quoted", date="2016-03-01",
               origin=f"{path}:2"),  # the header is line 1
        Record(id=f"{path}:5", outlet="news", text=STORY, origin=f"{path}:5"),
    ]


def test_a_csv_header_with_a_bom_and_crlf_line_ends(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbftext,id\r\n\"Line one\r\nline two\",9\r\n")
    records, _ = items(path)
    assert [(r.id, r.text) for r in records] == [("9", "Line one\nline two")]


def test_parquet_rows_become_records(tmp_path):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "dump.parquet"
    table = pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "series": ["Herald", None, "Bugle"],
        "date": pa.array([datetime.date(2016, 3, 1), None, datetime.date(2016, 3, 3)]),
        "text": [STORY, "Second story.", None],
        "unused": [b"x", b"y", b"z"],
    })
    pq.write_table(table, path, row_group_size=2)
    records, rejects = items(path)
    assert records == [
        Record(id="1", outlet="Herald", text=STORY, date="2016-03-01", origin=f"{path}:1"),
        Record(id="2", outlet="dump", text="Second story.", origin=f"{path}:2"),
    ]
    assert rejects == [Reject(f"{path}:3", "no text", "3")]


def test_a_parquet_text_column_of_bytes_is_not_text(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "raw.parquet"
    pq.write_table(pa.table({"text": pa.array([b"bytes"], pa.binary())}), path)
    assert items(path) == ([], [Reject(f"{path}:1", "text is not a string")])


def test_the_field_map_names_the_input_fields(tmp_path):
    field_map = FieldMap.from_options(["text=body", " outlet = source ", "id=guid"])
    assert field_map == FieldMap(text="body", outlet="source", id="guid")
    rows = [{"guid": "g1", "source": "Bugle", "body": STORY, "text": "not this", "series": "no"}]
    jsonl = write_jsonl(tmp_path / "a.jsonl", rows)
    table = write_csv(tmp_path / "b.csv", [list(rows[0]), list(rows[0].values())])
    records, _ = items(jsonl, table, field_map=field_map)
    assert [(r.id, r.outlet, r.text) for r in records] == [("g1", "Bugle", STORY)] * 2


@pytest.mark.parametrize("options", [["txt=body"], ["text"], ["text="], ["=body"]])
def test_a_bad_field_option_is_one_line_naming_the_fields(options):
    with pytest.raises(InputError) as error:
        FieldMap.from_options(options)
    message = str(error.value)
    assert "\n" not in message
    assert "id, outlet, date, text, title, url" in message


@pytest.mark.parametrize(("value", "date"), [
    ("2016-03-01", "2016-03-01"), ("2016-03-01T23:30:00-05:00", "2016-03-01"),
    ("2016-03-01 12:00", "2016-03-01"), ("20160301", "2016-03-01"), (20160301, "2016-03-01"),
    ("2016-02-30", None), ("March 1, 2016", None), ("1456790400", None), ("", None),
    (None, None), (True, None), ("2016-0301", None),
])
def test_dates_read_as_iso_dates_or_none(value, date):
    assert fields.iso_date(value) == date


# Rejects ------------------------------------------------------------------------------------

def test_jsonl_rejects_say_why_and_where(tmp_path, monkeypatch):
    monkeypatch.setattr(fields, "MAX_TEXT_CHARS", 40)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([
        b'{"id": "ok", "text": "Fine."}',
        b'{"id": "blank", "text": "   "}',
        b'{"id": "none"}',
        b'{"id": "num", "text": 12}',
        b'{"id": "list", "text": ["a"]}',
        b'{"id": "long", "text": "' + b"x" * 41 + b'"}',
        b'{"id": "broken", "text": ',
        b"[1, 2]",
        b'{"id": "bytes", "text": "caf\xe9"}',
        b'{"id": "escape", "text": "\\ud800"}',
        b"",
        b'{"id": "last", "text": "Also fine."}',
    ]) + b"\n")
    records, rejects = items(path)
    assert [r.id for r in records] == ["ok", "last"]
    assert rejects == [
        Reject(f"{path}:2", "no text", "blank"),
        Reject(f"{path}:3", "no text", "none"),
        Reject(f"{path}:4", "text is not a string", "num"),
        Reject(f"{path}:5", "text is not a string", "list"),
        Reject(f"{path}:6", "text too long", "long"),
        Reject(f"{path}:7", "broken JSON: expecting value"),
        Reject(f"{path}:8", "not a JSON object"),
        Reject(f"{path}:9", "bad encoding", "bytes"),
        Reject(f"{path}:10", "bad encoding", "escape"),
    ]


def test_deep_json_and_huge_numbers_are_broken_json(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text("[" * 100_000 + "\n" + '{"text": "x", "id": ' + "9" * 5000 + "}\n")
    assert items(path)[1] == [Reject(f"{path}:1", "broken JSON: nested too deeply"),
                              Reject(f"{path}:2", "broken JSON: unreadable number")]


def test_a_line_over_the_cap_is_skipped_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDIFF_MAX_BYTES", "100")
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "y" * 500}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    records, rejects = items(path)
    assert rejects == [Reject(f"{path}:1", "line too long")]
    assert [(r.text, r.origin) for r in records] == [("ok", f"{path}:2")]


def test_csv_rejects_bad_bytes_in_one_row_only(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,text\n1,Fine.\n2,caf\xe9\n3,,\n4,Also fine.\n")
    records, rejects = items(path)
    assert [r.id for r in records] == ["1", "4"]
    assert rejects == [Reject(f"{path}:3", "bad encoding", "2"), Reject(f"{path}:4", "no text", "3")]


def test_a_csv_that_breaks_ends_with_one_reject(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDIFF_MAX_BYTES", "1000")
    path = tmp_path / "unclosed.csv"
    path.write_text('id,text\n1,Fine.\n2,"never closed\n' + "more text\n" * 200)
    records, rejects = items(path)
    assert [r.id for r in records] == ["1"]
    assert rejects == [Reject(f"{path}:3", "row too long")]


# Broken and unknown inputs ------------------------------------------------------------------

def test_a_truncated_gzip_keeps_what_was_read_and_the_run_goes_on(tmp_path):
    rows = [{"id": i, "text": f"Story {i} is about the council and its many budgets."}
            for i in range(3000)]
    whole = write_jsonl(tmp_path / "whole.jsonl.gz", rows).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    after = write_jsonl(tmp_path / "after.jsonl", [{"id": "next", "text": "Next input."}])
    records, rejects = items(cut, after)
    kept = len(records) - 1
    assert 0 < kept < 3000
    assert [r.id for r in records] == [str(i) for i in range(kept)] + ["next"]
    assert rejects == [Reject(f"{cut}:{kept + 1}", "truncated gzip")]


def test_a_gz_that_is_not_gzip_is_one_reject(tmp_path):
    path = tmp_path / "plain.csv.gz"
    path.write_bytes(b"text\nnot compressed\n")
    assert items(path) == ([], [Reject(f"{path}:1", "corrupt gzip")])


def test_a_corrupt_parquet_file_is_one_reject(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not a parquet file")
    assert items(path) == ([], [Reject(f"{path}:1", "corrupt parquet")])


def test_every_path_is_checked_before_any_is_read(tmp_path, monkeypatch):
    good = write_jsonl(tmp_path / "good.jsonl", ROWS)
    opened = []
    monkeypatch.setattr(streams, "open_binary", lambda path: opened.append(path))
    for bad, says in ((tmp_path / "missing.jsonl", "no such file"),
                      (tmp_path / "notes.docx", "not a kind of input"),
                      (tmp_path / "archive.gz", "not a kind of input")):
        if bad.suffix != ".jsonl":
            bad.write_bytes(b"x")
        with pytest.raises(InputError, match=says) as error:
            read_partitions([str(good), str(bad)])
        assert "\n" not in str(error.value) and str(bad) in str(error.value)
    assert opened == []


def test_a_table_without_the_text_column_is_refused_before_reading(tmp_path):
    table = write_csv(tmp_path / "t.csv", [["id", "body"], ["1", STORY]])
    with pytest.raises(InputError, match=r"no column 'text'.*id, body.*--field text="):
        read_partitions([str(table)])
    assert items(table, field_map=FieldMap(text="body"))[0][0].text == STORY


def test_a_folder_without_articles_is_refused(tmp_path):
    (tmp_path / "data.bin").write_bytes(b"\0")
    with pytest.raises(InputError, match="no article files"):
        read_partitions([str(tmp_path)])


# WARC ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_warc_gives_its_article_pages(tmp_path, name):
    path = write_warc(tmp_path / name)
    records, rejects = items(path)
    [record] = records
    assert record.outlet == "herald.example"
    assert record.date == "2016-03-02"
    assert record.url == "https://www.herald.example/fire"
    assert record.id.startswith("urn:uuid:") and record.origin.startswith(f"{path}:")
    assert STORY in record.text and record.text.startswith("Fire closes bridge")
    assert record.article().title == "Fire closes bridge"
    assert [r.reason for r in rejects] == ["no article text", "http status 404"]
    assert all(r.id and r.id.startswith("urn:uuid:") for r in rejects)
    offsets = [int(r.origin.rsplit(":", 1)[1]) for r in (record, *rejects)]
    assert offsets == sorted(offsets) and offsets[0] > 0


def test_a_truncated_warc_keeps_the_pages_before_the_cut(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    records, rejects = items(tmp_path / "whole.warc.gz")
    cut.write_bytes(whole[: int(rejects[-1].origin.rsplit(":", 1)[1]) + 40])  # into the 404
    records, rejects = items(cut)
    assert len(records) == 1
    assert [r.reason for r in rejects] == ["no article text", "truncated warc"]


# Article files ------------------------------------------------------------------------------

def test_a_folder_gives_one_record_per_article_file_in_sorted_order(tmp_path):
    folder = tmp_path / "clips"
    (folder / "b" / "deep").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a.txt").write_text(f"Bridge closed\n\n{STORY}\n")
    (folder / "b" / "deep" / "page.html").write_bytes(PAGE)
    (folder / "b" / "note.md").write_text(
        f"---\noutlet: The Bugle\ndate: 2016-03-04\ntitle: Fire on the bridge\n---\n{STORY}\n")
    (folder / "c.HTM").write_bytes(NO_ARTICLE_PAGE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / ".git" / "x.txt").write_text("not an article")
    records, rejects = items(folder)
    assert [r.id for r in records] == ["a.txt", "b/deep/page.html", "b/note.md"]
    assert [r.origin for r in records] == [str(folder / r.id) for r in records]
    assert records[0].outlet == "a" and records[0].title is None
    assert records[1].text.startswith("Fire closes bridge") and STORY in records[1].text
    note = records[2]
    assert (note.outlet, note.date, note.title) == ("The Bugle", "2016-03-04", "Fire on the bridge")
    assert note.article().title == "Fire on the bridge"
    assert rejects == [Reject(str(folder / "c.HTM"), "no article text", "c.HTM"),
                       Reject(str(folder / "empty.txt"), "no article text", "empty.txt")]


def test_an_article_file_given_by_name_is_one_record(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"Bridge closed\n\n{STORY}\n")
    (tmp_path / "outlets.toml").write_text('"story.txt" = "The Herald"\n')
    [record], _ = items(path)
    assert (record.id, record.outlet, record.origin) == (str(path), "The Herald", str(path))
    assert record.text.startswith("Bridge closed")


# Partitions ---------------------------------------------------------------------------------

def test_partitions_are_cut_at_size_records_with_their_rejects(tmp_path):
    rows = [{"id": i, "text": f"Story {i}."} if i % 4 else {"id": i} for i in range(1, 12)]
    first = write_jsonl(tmp_path / "first.jsonl", rows)
    second = write_csv(tmp_path / "second.csv", [["text"], ["Last story."]])
    parts = read(first, second, size=3)
    assert [p.number for p in parts] == [0, 1, 2, 3]
    assert [[r.id for r in p.records] for p in parts] == [
        ["1", "2", "3"], ["5", "6", "7"], ["9", "10", "11"], [f"{second}:2"]]
    assert [[r.id for r in p.rejects] for p in parts] == [["4"], ["8"], [], []]
    assert read(first, second, size=3) == parts


def test_partitions_arrive_before_the_input_is_read_through(tmp_path, monkeypatch):
    rows = [{"id": i, "text": f"Story {i} about the council budget."} for i in range(20_000)]
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    handles = []
    opener = streams.open_binary
    monkeypatch.setattr(streams, "open_binary", lambda p: handles.append(opener(p)) or handles[-1])
    parts = read_partitions([str(path)], size=100)
    first = next(parts)
    assert [r.id for r in first.records] == [str(i) for i in range(100)]
    [handle] = handles
    assert handle.tell() < path.stat().st_size / 10
    assert len(list(parts)) == 199 and handle.closed


def test_a_partition_size_below_one_is_refused(tmp_path):
    with pytest.raises(InputError):
        read_partitions([str(write_jsonl(tmp_path / "a.jsonl", ROWS))], size=0)
