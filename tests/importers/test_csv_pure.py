"""The catalogue file's CSV as plain functions (pure-Python tier): exact round
trip, spreadsheet formulas neutralised, bad files refused."""

from guichet_kb.importers import catalogue_file
from guichet_kb.importers import cells
import pytest


def full_row():
    """One value of the right kind in every column."""
    row = {}
    for column in catalogue_file.COLUMNS:
        if column in catalogue_file.LISTS or column == "desks":
            row[column] = [f"{column}-1", f"{column}-2"]
        elif column in catalogue_file.BOOLS:
            row[column] = True
        elif column in catalogue_file.INTS:
            row[column] = 3
        elif column == "required_documents":
            row[column] = [{"document": "justificatif-domicile", "note": "moins de 3 mois"}]
        else:
            row[column] = f"{column} é"
    row["id"] = "passeport"
    row["no_document_needed"] = False
    return row


def test_round_trip_is_exact():
    rows = [full_row(), {**full_row(), "id": "carte-identite", "required_documents": [], "audiences": [], "top_rank": None}]
    assert catalogue_file.from_csv(catalogue_file.to_csv(rows)) == rows


def test_header_is_the_declared_columns():
    assert catalogue_file.to_csv([]).splitlines() == [",".join(catalogue_file.COLUMNS)]


@pytest.mark.parametrize("value", ["=1+1", "+33 1 02", "-5", "@SUM(A1)", "\tx", "'=already quoted"])
def test_formula_cells_are_neutralised_and_restored(value):
    text = catalogue_file.to_csv([{"id": "x", "title": value}])
    assert f",'{value}" in text or f"\"'{value}" in text
    assert catalogue_file.from_csv(text)[0]["title"] == value


def test_plain_cells_are_left_alone():
    assert cells.neutralise("Mairie") == "Mairie"
    assert cells.restore("'Mairie") == "'Mairie"
    assert cells.neutralise(3) == 3


@pytest.mark.parametrize(
    "text, message",
    [
        ("title\nPasseport\n", "missing column(s): id"),
        ("id,title,colour\np,P,red\n", "unknown column(s): colour"),
        ('id,title,required_documents\np,P,"[nope"\n', "p: required_documents is not valid JSON"),
    ],
)
def test_bad_files(text, message):
    with pytest.raises(catalogue_file.RowError) as raised:
        catalogue_file.from_csv(text)
    assert str(raised.value) == message


def test_cell_kinds_read_back():
    row = catalogue_file.from_csv("id,title,channels,free_of_charge,top_rank,cost_amount\np,P, a ; ;b ,Oui,,\n")[0]
    assert row == {"id": "p", "title": "P", "channels": ["a", "b"], "free_of_charge": True, "top_rank": None, "cost_amount": None}
