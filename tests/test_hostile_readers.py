"""The readers under hostile input (issue 16): each class of bad input is one located ChcError.

Files that are not regular files, files over the size limit, YAML nested too deep, aliases
that expand without end or into themselves, numbers out of range, dates the calendar cannot
hold and digits that are not ASCII.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from chc import inputs
from chc.dates import parse_date
from chc.errors import ChcError, CodeFileError, InputError
from chc.workdays import MAX_YEAR, MIN_YEAR, add_calendar_days, add_months
from chc.yamlio import (
    MAX_YAML_DEPTH,
    MAX_YAML_NUMBER,
    MAX_YAML_VALUES,
    load_yaml,
    parse_yaml,
    read_text,
)

# -- files that are not files --------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as err:
        read_text(fifo)  # would block forever if opened without O_NONBLOCK
    assert (
        str(err.value)
        == f"{fifo}: is not a regular file (a device, a pipe or a socket); give a file"
    )


def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(CodeFileError) as err:
        inputs.read_text(Path("/dev/zero"), error=CodeFileError)
    assert "is not a regular file" in str(err.value)
    assert err.value.file == "/dev/zero"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory, not a file"):
        read_text(tmp_path)


def test_a_missing_file_and_a_nul_in_the_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "nothing.yaml")
    with pytest.raises(InputError, match="cannot be opened"):
        read_text(Path("bad\0name.yaml"))


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 101)
    assert inputs.read_bytes(big, limit=101) == b"a" * 101
    with pytest.raises(InputError, match=r"is larger than chc reads \(100 bytes\)"):
        inputs.read_bytes(big, limit=100)


def test_a_proc_file_reporting_size_zero_is_still_bounded() -> None:
    # /proc files are "regular" with st_size 0; the read itself must stop at the limit.
    with pytest.raises(InputError, match="is larger than chc reads"):
        inputs.read_bytes(Path("/proc/self/maps"), limit=10)


def test_a_file_larger_than_its_reported_size_is_read_whole() -> None:
    # The first read asks for the size fstat gave; a /proc file says 0 and holds more,
    # as a file that grows while chc reads it does: the rest is still read, in order.
    maps = inputs.read_bytes(Path("/proc/self/maps"))
    assert maps.count(b"\n") > 5
    assert maps.endswith(b"\n")
    assert b"[stack]" in maps


def test_yaml_documents_have_their_own_smaller_limit(tmp_path: Path) -> None:
    assert inputs.MAX_DOCUMENT_BYTES < inputs.MAX_FILE_BYTES
    with pytest.raises(InputError, match="larger than chc reads as YAML"):
        parse_yaml("#" * (inputs.MAX_DOCUMENT_BYTES + 1), source="x.yaml")


def test_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_bytes(b"a: \xff\n")
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 3 cannot be decoded\)"):
        read_text(f)


def test_every_file_read_is_remembered_for_the_run(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    inputs.start_run()
    assert inputs.read_this_run() == frozenset()
    load_yaml(f)
    st = f.stat()
    assert inputs.read_this_run() == {(st.st_dev, st.st_ino)}
    inputs.start_run()
    assert inputs.read_this_run() == frozenset()


# -- YAML bounds -------------------------------------------------------------------------


def yaml_error(text: str) -> ChcError:
    with pytest.raises(ChcError) as err:
        parse_yaml(text, source="f.yaml")
    return err.value


def test_nesting_50000_deep_is_a_located_error_not_a_recursion_error() -> None:
    err = yaml_error("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert err.message == f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep"
    # The root mapping is level 1 and "a: " 3 characters: the 64th bracket opens level 65.
    assert (err.line, err.column) == (1, 3 + MAX_YAML_DEPTH)


def test_nesting_up_to_the_bound_is_read() -> None:
    depth = MAX_YAML_DEPTH - 1  # plus the root mapping
    data = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", source="f.yaml")
    assert isinstance(data, dict)
    node = data["a"]
    for _ in range(depth - 1):
        node = node[0]
    assert node == []


def test_block_nesting_is_bounded_too() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    err = yaml_error(text)
    assert "nested more than" in err.message
    assert err.line == MAX_YAML_DEPTH


def test_billion_laughs_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    err = yaml_error("\n".join(lines) + "\n")
    assert err.message == (
        f"invalid YAML: aliases (*name) expand the document to more than {MAX_YAML_VALUES:,} values"
    )
    assert (err.line, err.column) == (1, 1)


def test_a_few_aliases_are_fine() -> None:
    data = parse_yaml("a: &x [1, 2]\nb: [*x, *x]\n", source="f.yaml")
    assert isinstance(data, dict)
    assert data["b"] == [[1, 2], [1, 2]]


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "- &a [&b [*a]]\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    err = yaml_error(text)
    assert err.message == "invalid YAML: an alias (*name) refers to a value that contains it"


@pytest.mark.parametrize(
    "value",
    [
        "100000000",  # 10^8 months
        "-100000000",
        "1e999999",  # inf
        "-.inf",
        ".nan",
        "1.5e9",
        "9" * 6000,  # int() itself refuses strings this long
        "0x7fffffffffff",
    ],
)
def test_numbers_out_of_range_are_located(value: str) -> None:
    err = yaml_error(f"t:\n  amount: {value}\n")
    assert err.message.startswith("invalid YAML: the number ")
    assert err.message.endswith(
        f"is out of range; numbers in chc's YAML files lie between "
        f"-{MAX_YAML_NUMBER:,} and {MAX_YAML_NUMBER:,}"
    )
    # "  amount: " is 10 characters: the value starts in column 11 of line 2.
    assert (err.line, err.column) == (2, 11)
    assert len(err.message) < 200


@pytest.mark.parametrize("value", ["99999999", "-99999999", "20250101", "1.5", "0", "1_000"])
def test_numbers_in_range_are_kept(value: str) -> None:
    expected = float(value) if "." in value else int(value.replace("_", ""))
    data = parse_yaml(f"a: {value}\n", source="f.yaml")
    assert isinstance(data, dict)
    assert data["a"] == expected


def test_non_ascii_digits_in_yaml_stay_text() -> None:
    # YAML's int pattern is ASCII; '٢٠' is a string the models then refuse as a number.
    assert parse_yaml("a: ٢٠\nb: ²\n", source="f.yaml") == {"a": "٢٠", "b": "²"}


@pytest.mark.parametrize("text", ['a: !!int "x"\n', "a: !!float [1]\n", "a: !!binary 'x'\n"])
def test_a_tag_on_the_wrong_value_is_a_clean_error(text: str) -> None:
    err = yaml_error(text)
    assert err.message.startswith("invalid YAML: ")
    assert err.file == "f.yaml"


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0000-01-01", f"0000-01-01 is outside the years chc covers ({MIN_YEAR} to {MAX_YEAR})"),
        ("9999-12-31", f"9999-12-31 is outside the years chc covers ({MIN_YEAR} to {MAX_YEAR})"),
        ("1989-12-31", "1989-12-31 is outside the years chc covers"),
        ("2101-01-01", "2101-01-01 is outside the years chc covers"),
        ("2024-02-30", "2024-02-30 is not a date (February 2024 has 29 days)"),
        ("2023-02-29", "2023-02-29 is not a date (February 2023 has 28 days)"),
        ("2024-13-01", "2024-13-01 is not a date (there is no month 13)"),
        ("2024-05-0²", "'2024-05-0²' is not a date; write it as YYYY-MM-DD in digits 0-9"),
        ("٢٠٢٤-٠٥-٠١", "'٢٠٢٤-٠٥-٠١' is not a date; write it as YYYY-MM-DD in digits 0-9"),
        ("２０２４-０５-０１", "is not a date; write it as YYYY-MM-DD in digits 0-9"),  # fullwidth
    ],
)
def test_impossible_dates_are_refused_naming_the_option(text: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        parse_date(text, "--received")
    assert str(err.value).startswith("--received: ")
    assert words in str(err.value)


def test_the_calendar_years_themselves_are_accepted() -> None:
    assert parse_date(f"{MIN_YEAR}-01-01", "x") == date(MIN_YEAR, 1, 1)
    assert parse_date(f"{MAX_YEAR}-12-31", "x") == date(MAX_YEAR, 12, 31)


def test_a_date_object_outside_the_years_is_refused_too() -> None:
    with pytest.raises(InputError, match="outside the years"):
        parse_date(date(1, 1, 1), "adopted")


def test_a_very_long_non_date_is_shortened_in_the_message() -> None:
    with pytest.raises(InputError) as err:
        parse_date("9" * 100_000, "--as-of")
    assert len(str(err.value)) < 200


def test_date_arithmetic_past_the_calendar_is_an_input_error() -> None:
    start = date(2024, 5, 1)
    # 10^8 months once reached date() and raised "year 8335357 is out of range".
    with pytest.raises(InputError, match="100000000 months from 2024-05-01 falls outside"):
        add_months(start, 100_000_000)
    with pytest.raises(InputError, match="99999999 days from 2024-05-01 falls outside"):
        add_calendar_days(start, 99_999_999)
    assert add_months(start, 12) == date(2025, 5, 1)
    assert add_calendar_days(start, 30) == date(2024, 5, 31)
