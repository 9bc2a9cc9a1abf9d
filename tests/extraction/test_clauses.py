"""Where a sentence is cut into claim-sized clauses, and where it is not."""

import pytest

from conflict.extraction.clauses import split_clauses, split_quotation
from conflict.extraction.segmentation import Span, quotations


def clauses(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_clauses(text, 0, len(text), quotations(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two clauses, each with its own verb.
        (
            "One civilian was killed in the region and other villages were fired on by soldiers.",
            ["One civilian was killed in the region", "other villages were fired on by soldiers."],
        ),
        # A second verb phrase sharing the subject.
        (
            "Officials said 30 civilians were killed but have not disclosed military casualties.",
            [
                "Officials said 30 civilians were killed",
                "have not disclosed military casualties.",
            ],
        ),
        # A participle clause after a comma.
        (
            "Armenians said 30 servicemen were killed, taking the toll to 350.",
            ["Armenians said 30 servicemen were killed", "taking the toll to 350."],
        ),
        # "as claimed by X" opens the claim it attributes.
        (
            "Baku denied its forces shelled a cathedral as claimed by Armenia.",
            ["Baku denied its forces shelled a cathedral", "as claimed by Armenia."],
        ),
    ],
)
def test_cuts(text: str, expected: list[str]) -> None:
    assert clauses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Washington, Paris, and Moscow are co-chairs of the Minsk Group.",  # a list of names
        "Some civilians were killed and wounded, he said.",  # one verb phrase, two participles
        "The attack came a week after 13 officers were killed in the region.",  # a time phrase
        "“We will fight and we will win,” he said.",  # never inside a quotation
        "The foreign ministers of Azerbaijan and Armenia have been invited to talks.",
    ],
)
def test_no_cut(text: str) -> None:
    assert clauses(text) == [text]


def test_a_quotation_is_cut_at_an_ellipsis_between_fragments_only() -> None:
    text = (
        "Unlike the armed forces of Armenia… the army does not target monuments. "
        "I call on all to … take steps."
    )
    middle = text.index(" I call")
    first, second = Span(0, middle), Span(middle + 1, len(text))
    assert [text[s.start : s.end] for s in split_quotation(text, first)] == [
        "Unlike the armed forces of Armenia…",
        "the army does not target monuments.",
    ]
    # "to … take": the ellipsis sits inside a phrase, which stays whole.
    assert [text[s.start : s.end] for s in split_quotation(text, second)] == [
        "I call on all to … take steps."
    ]
