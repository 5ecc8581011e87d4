"""How each question type is scored. Pure functions: no database, no request.

Every function returns the fraction of the question's points earned, from 0 to 1.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_WHITESPACE = re.compile(r"\s+")
# 15,000 and 1,250,000: commas before groups of exactly three digits.
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+")
MAX_NUMBER_LENGTH = 40
MAX_EXPONENT = 30


def score_single_choice(correct_choice, picked_choice):
    """Single choice and true/false: all or nothing."""
    return (
        Decimal(1)
        if picked_choice is not None and picked_choice == correct_choice
        else Decimal(0)
    )


def score_multiple_response(correct_choices, picked_choices, partial_credit=False):
    """All or nothing; with partial credit, (right picked - wrong picked) / right,
    never below 0."""
    correct, picked = set(correct_choices), set(picked_choices)
    if not correct:
        return Decimal(1) if not picked else Decimal(0)
    if not partial_credit:
        return Decimal(1) if picked == correct else Decimal(0)
    earned = len(picked & correct) - len(picked - correct)
    return max(Decimal(0), Decimal(earned) / Decimal(len(correct)))


def parse_number(text):
    """A learner's number: '1 234,5', '1,234.5' and '1234.5' all read as 1234.5;
    '15,000' is fifteen thousand and '3,5' three and a half.

    Returns None when the text is not a number, or is absurdly long or large.
    """
    cleaned = _WHITESPACE.sub("", unicodedata.normalize("NFKC", str(text)))
    cleaned = cleaned.replace("\u2212", "-")
    if "," in cleaned and "." in cleaned or _THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")  # comma as thousands separator
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # comma as decimal separator
    if len(cleaned) > MAX_NUMBER_LENGTH:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > MAX_EXPONENT:
        return None
    return number


def score_numeric(answer, tolerance, tolerance_is_percent, response):
    """Right when the response is within the tolerance of the answer (inclusive)."""
    number = parse_number(response) if not isinstance(response, Decimal) else response
    if number is None:
        return Decimal(0)
    allowed = abs(answer) * tolerance / 100 if tolerance_is_percent else tolerance
    return Decimal(1) if abs(number - answer) <= allowed else Decimal(0)


def normalise_text(text, ignore_accents=False):
    """Compare text as people mean it: NFKC forms, no case, single spaces; accents
    count unless the author said otherwise."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _WHITESPACE.sub(" ", text).strip()
    if ignore_accents:
        decomposed = unicodedata.normalize("NFKD", text)
        text = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
        )
    return text


def score_short_text(accepted_answers, response, ignore_accents=False):
    given = normalise_text(response or "", ignore_accents)
    if not given:
        return Decimal(0)
    accepted = {normalise_text(answer, ignore_accents) for answer in accepted_answers}
    return Decimal(1) if given in accepted else Decimal(0)


def score_response(question, response):
    """Score a response against a frozen question (see `Question.freeze`).

    Choice questions take choice ids; true/false takes a bool; numeric and short text
    take the learner's text."""
    kind = question["type"]
    if kind == "single_choice":
        correct = next((c["id"] for c in question["choices"] if c["correct"]), None)
        return score_single_choice(correct, response)
    if kind == "multiple_response":
        correct = {c["id"] for c in question["choices"] if c["correct"]}
        return score_multiple_response(
            correct, response or (), question["partial_credit"]
        )
    if kind == "true_false":
        return score_single_choice(question["true_false_answer"], response)
    if kind == "numeric":
        return score_numeric(
            Decimal(question["numeric_answer"]),
            Decimal(question["numeric_tolerance"]),
            question["tolerance_is_percent"],
            response or "",
        )
    if kind == "short_text":
        return score_short_text(
            question["accepted_answers"], response, question["ignore_accents"]
        )
    raise ValueError(f"Unknown question type {kind!r}")
