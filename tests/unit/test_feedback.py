"""Feedback store: ratings in SQLite under the data folder, CSV export, nothing about the person."""

import csv
import io
import sqlite3
from types import SimpleNamespace

import pytest

from qzassist.errors import QzAssistError
from qzassist.feedback import CSV_COLUMNS, FeedbackError, FeedbackStore, default_path, export_cli

CITES = [{"section": "1.5.2", "title": "升学与学业质量", "quote": "升学共计738人，升学率97.2%"}]


@pytest.fixture
def store(tmp_path):
    return FeedbackStore(tmp_path / "fb.sqlite3")


def _add(store, **kw):
    values = dict(question="升学情况？", answer="升学共计738人【1.5.2】。", citations=CITES, rating="up")
    values.update(kw)
    return store.add(**values)


def test_add_stores_question_answer_citations_rating_and_time(store):
    fid = _add(store, comment="  很清楚 ")
    (row,) = store.rows()
    assert row["id"] == fid
    assert (row["question"], row["answer"], row["rating"], row["comment"]) == ("升学情况？", "升学共计738人【1.5.2】。", "up", "很清楚")
    assert row["citations"] == CITES
    assert row["refused"] is False
    assert row["created"].endswith("+00:00") and row["created"] == row["updated"]


def test_update_changes_rating_and_comment_and_keeps_the_rest(store):
    fid = _add(store)
    store.update(fid, rating="down")
    store.update(fid, comment="数字不对")
    (row,) = store.rows()
    assert (row["rating"], row["comment"], row["question"]) == ("down", "数字不对", "升学情况？")


def test_delete_forgets_a_taken_back_rating(store):
    keep, drop = _add(store), _add(store, rating="down")
    store.delete(drop)
    assert [r["id"] for r in store.rows()] == [keep]


def test_bad_rating_and_unknown_id_are_one_sentence_errors(store):
    with pytest.raises(FeedbackError, match="'meh' is not one of up, down"):
        _add(store, rating="meh")
    with pytest.raises(FeedbackError, match="no feedback with id 99"):
        store.update(99, comment="x")
    assert issubclass(FeedbackError, QzAssistError)


def test_no_column_could_hold_an_ip_address_or_a_user(store):
    _add(store)
    with sqlite3.connect(store.path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(feedback)")}
    assert columns == set(CSV_COLUMNS)
    assert not {"ip", "host", "client", "user", "user_agent"} & columns


def test_csv_has_a_header_and_one_line_per_rating(store):
    _add(store)
    _add(store, rating="down", refused=True, question="食堂菜单？", answer="报告中没有", citations=[])
    out = io.StringIO()
    assert store.write_csv(out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["rating"] for r in rows] == ["up", "down"]
    assert rows[1]["refused"] == "1" and rows[1]["citations"] == "[]"
    assert "升学与学业质量" in rows[0]["citations"]


def test_default_path_is_under_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("QZ_DATA_DIR", str(tmp_path))
    assert default_path() == tmp_path.resolve() / "data" / "feedback.sqlite3"
    FeedbackStore()
    assert default_path().is_file()


def test_export_cli_writes_a_file_with_bom_or_stdout(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QZ_DATA_DIR", str(tmp_path))
    _add(FeedbackStore())
    target = tmp_path / "out.csv"
    assert export_cli(SimpleNamespace(out=str(target))) == 0
    assert target.read_bytes().startswith("\ufeffid,".encode("utf-8"))
    assert export_cli(SimpleNamespace(out="-")) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("id,created") and "升学情况？" in printed.out
    assert "exported 1 feedback row(s)" in printed.err


def test_export_cli_through_the_command_line(tmp_path, monkeypatch, capsys):
    from qzassist.cli import main

    monkeypatch.setenv("QZ_DATA_DIR", str(tmp_path))
    _add(FeedbackStore())
    assert main(["feedback", "export", "--out", str(tmp_path / "f.csv")]) == 0
    assert len((tmp_path / "f.csv").read_text(encoding="utf-8-sig").splitlines()) == 2


def test_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FeedbackError, match="set QZ_DATA_DIR to a writable folder"):
        FeedbackStore(blocker / "fb.sqlite3")
