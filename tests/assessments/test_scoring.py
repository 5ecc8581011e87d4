from decimal import Decimal

import pytest

from assessments.scoring import (
    normalise_text,
    parse_number,
    score_multiple_response,
    score_numeric,
    score_short_text,
    score_single_choice,
)


def test_single_choice_is_all_or_nothing():
    assert score_single_choice("b", "b") == 1
    assert score_single_choice("b", "a") == 0
    assert score_single_choice("b", None) == 0


@pytest.mark.parametrize(
    ("picked", "all_or_nothing", "partial"),
    [
        ({"a", "b", "c"}, 1, 1),
        ({"a", "b"}, 0, Decimal(2) / 3),
        ({"a", "b", "d"}, 0, Decimal(1) / 3),
        ({"a", "d", "e"}, 0, 0),  # 1 right - 2 wrong: never below zero
        ({"a", "b", "c", "d"}, 0, Decimal(2) / 3),
        (set(), 0, 0),
    ],
)
def test_multiple_response_scoring_rules(picked, all_or_nothing, partial):
    correct = {"a", "b", "c"}

    assert score_multiple_response(correct, picked) == all_or_nothing
    assert score_multiple_response(correct, picked, partial_credit=True) == partial


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("42", Decimal(42)),
        (" 3.5 ", Decimal("3.5")),
        ("3,5", Decimal("3.5")),
        ("1,234.5", Decimal("1234.5")),
        ("15,000", Decimal(15000)),
        ("1,250,000", Decimal(1250000)),
        ("3,25", Decimal("3.25")),
        ("1 234", Decimal(1234)),
        ("\u22122", Decimal(-2)),
        ("１２", Decimal(12)),  # full-width digits
        ("abc", None),
        ("", None),
        ("NaN", None),
        ("Infinity", None),
        ("1e999999999", None),
    ],
)
def test_numbers_are_read_the_way_people_type_them(text, number):
    assert parse_number(text) == number


def test_numeric_answers_within_an_absolute_tolerance_are_right():
    answer, tolerance = Decimal(100), Decimal(5)

    assert score_numeric(answer, tolerance, False, "95") == 1
    assert score_numeric(answer, tolerance, False, "105") == 1
    assert score_numeric(answer, tolerance, False, "105.01") == 0
    assert score_numeric(answer, tolerance, False, "not a number") == 0


def test_numeric_answers_within_a_percentage_tolerance_are_right():
    answer, tolerance = Decimal(-200), Decimal(10)  # ±20

    assert score_numeric(answer, tolerance, True, "-180") == 1
    assert score_numeric(answer, tolerance, True, "-220") == 1
    assert score_numeric(answer, tolerance, True, "-221") == 0
    assert score_numeric(Decimal(0), tolerance, True, "0") == 1
    assert score_numeric(Decimal(0), tolerance, True, "0.001") == 0


def test_short_text_ignores_case_spacing_and_compatibility_forms():
    accepted = ["Service level agreement", "SLA"]

    assert score_short_text(accepted, "  service   LEVEL agreement ") == 1
    assert score_short_text(accepted, "ＳＬＡ") == 1  # full-width letters (NFKC)
    assert score_short_text(accepted, "service-level agreement") == 0
    assert score_short_text(accepted, "") == 0
    assert score_short_text(accepted, None) == 0


def test_short_text_accents_count_unless_the_author_ignores_them():
    accepted = ["Équipe de gestion"]

    assert score_short_text(accepted, "équipe de gestion") == 1
    assert score_short_text(accepted, "equipe de gestion") == 0
    assert score_short_text(accepted, "equipe de gestion", ignore_accents=True) == 1
    assert score_short_text(["equipe"], "ÉQUIPE", ignore_accents=True) == 1


def test_normalised_text_composes_decomposed_accents():
    assert normalise_text("e\u0301quipe") == normalise_text("\u00e9quipe")
