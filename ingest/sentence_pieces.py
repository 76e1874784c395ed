"""Sentences too long to name figures in, cut into pieces of a bounded size.

Naming a figure reads its sentence around it (the clause before it, the clauses it may take a
topic from, what follows it), so its cost grows with the sentence: with the square of a
"sentence" that never ends (a scraped page, a data dump with no 。), and with the number of its
clauses for every figure in it. Real sentences are far shorter than the bounds below (the
longest of the real summaries: 236 characters, 13 clause marks), so they are named whole;
a longer one is named piece by piece, each piece read as a sentence of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ingest.numbers import find_quantities

MAX_SENTENCE_CHARS = 500
MAX_SENTENCE_CLAUSES = 64  # clause marks (，：) in one piece
# Every mark naming treats as the end of a clause.
_ANY_CLAUSE_MARK = re.compile(r"[，,：:]")
# The marks a piece may end at: an ASCII one only where it is not inside a number ("1,234").
_CLAUSE_MARK = re.compile(r"[，：]|(?<!\d)[,:]|[,:](?!\d)")
_LIST_MARK = re.compile(r"、")
_TRAILING_DIGITS = re.compile(r"[\d.,%．，〇零一二三四五六七八九十百千万亿两]+$")
_UNIT_ROOM = 10  # more than the longest unit with its markers ("万平方米以上")


def bounded_pieces(
    sentence: str, *, limit: int = MAX_SENTENCE_CHARS, clauses: int = MAX_SENTENCE_CLAUSES
) -> list[str]:
    """The sentence, or pieces of it of at most `limit` characters and `clauses` clause marks.

    A piece ends at its last clause mark (，：), else its last 、, else right after its last
    figure, else at the limit (before a number it would split): a figure keeps the words
    before it that name it.
    """
    marks = [m.end() for m in _ANY_CLAUSE_MARK.finditer(sentence)]
    pieces, start = [], 0
    while True:
        later = bisect_right(marks, start)  # the marks after the piece's start
        end = start + limit
        if later + clauses < len(marks):
            end = min(end, marks[later + clauses - 1])
        if end >= len(sentence):
            pieces.append(sentence[start:])
            break
        cut = _cut(sentence, start, end)
        pieces.append(sentence[start:cut])
        start = cut
    return [p for p in (piece.strip() for piece in pieces) if p]


def _cut(sentence: str, start: int, end: int) -> int:
    """Where the piece of `sentence` that starts at `start` and may run to `end` ends."""
    for marks in (_CLAUSE_MARK, _LIST_MARK):
        # one character further, so that "1,234" cut after its comma still shows the digit
        ends = [m.end() for m in marks.finditer(sentence, start, end + 1) if m.end() <= end]
        if ends:
            return ends[-1]
    window = sentence[start:end]
    # a figure this far from the window's end was read with its whole unit ("12平方米"); one in
    # the window's first half would make pieces too short to be worth their cost
    ends = [q.span[1] for q in find_quantities(window) if q.span[1] <= len(window) - _UNIT_ROOM]
    if ends and ends[-1] >= len(window) // 2:
        return start + ends[-1]
    digits = _TRAILING_DIGITS.search(window)  # not inside a number: before it
    return start + digits.start() if digits and digits.start() >= len(window) // 2 else end
