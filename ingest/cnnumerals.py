"""Chinese numerals as exact numbers: "二十二" → 22, "九十五点五" → 95.5, "二〇二四" → "2024".

cn2an reads positional numerals ("一千零五十", "两万", "一百一") and validates them ("十三五"
is rejected), so it does that part. It is not used where it is wrong for us:
- decimals come back as a float ("九十五点五" → 95.5): the digits after 点 are read here;
- digit-by-digit runs are always joined ("三四" → 34), but "三四所" means three or four, and
  only a year is written digit by digit ("二〇二四年"): `read_numeral` reads such a pair as a
  range, `to_arabic` a year digit by digit;
- mixed "1.2万" needs its smart mode, which returns a float: Arabic digits never go through it.
The reports' own conventions (a last 万 belongs to the unit, "三四所", bare "百余") are read
here too, so that numbers.py sees one value whatever the script.
"""

from __future__ import annotations

from decimal import Decimal

import cn2an

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
MAGNITUDE_CHARS = "百千万亿"
_RANGE = "一二两三四五六七八九"  # digits that pair in ranges; "一千零一" is no range
POSITIONAL = "十" + MAGNITUDE_CHARS
NUMERAL_CHARS = "".join(DIGITS) + POSITIONAL


def is_digit_string(numeral: str) -> bool:
    """True for a run of digits only ("二〇二四", "三四"), with no 十百千万亿."""
    return bool(numeral) and all(ch in DIGITS for ch in numeral)


def digit_string(numeral: str) -> str:
    """Arabic digits for a digit-by-digit numeral: "二〇一二" → "2012"."""
    return "".join(str(DIGITS[ch]) for ch in numeral)


def cn_to_decimal(numeral: str) -> Decimal | None:
    """The exact value of one Chinese numeral ("十二", "一万二千", "九十五点五"); None if malformed.

    A digit string longer than one digit is not a numeral here (see `is_digit_string`).
    """
    whole, dot, fraction = numeral.partition("点")
    if not whole or (dot and not (is_digit_string(fraction) and "两" not in fraction)):
        return None
    if is_digit_string(whole):
        if len(whole) != 1:
            return None
        number = DIGITS[whole]
    else:
        try:
            number = cn2an.cn2an(whole, "normal")
        except (ValueError, KeyError):  # cn2an raises KeyError on some malformed runs
            return None
        if not isinstance(number, int):
            return None
    return Decimal(f"{number}.{digit_string(fraction)}") if dot else Decimal(number)


def read_numeral(
    numeral: str, *, bare_magnitude: bool = False
) -> tuple[Decimal, Decimal | None, str] | None:
    """(value, low, magnitude) of a numeral: "二十万" → (20, None, "万"), "三四" → (4, 3, "").

    A last 万/亿 comes apart as the unit's magnitude, unless 亿 stands before it ("一亿零五百万"
    is one number). Two adjacent digits make a range: "三四所" is three or four, "两三百" two or
    three hundred; other digits side by side are no numeral ("一二", "二〇二四"). A numeral opening
    with 百千万亿 is read only if bare_magnitude ("百余名", "百分之百"); elsewhere it is a word
    ("百姓", "千方百计", "万名家长").
    """
    if numeral[0] in MAGNITUDE_CHARS:
        if not bare_magnitude:
            return None
        numeral = "一" + numeral
    magnitude = ""
    if len(numeral) > 1 and (numeral[-1] == "亿" or numeral[-1] == "万" and "亿" not in numeral):
        numeral, magnitude = numeral[:-1], numeral[-1]
    pairs = [
        i for i in range(len(numeral) - 1) if numeral[i] in _RANGE and numeral[i + 1] in _RANGE
    ]
    if pairs:  # "三四所", "三四千个", "十五六人", "两三百名"
        i = pairs[0]
        if len(pairs) > 1 or DIGITS[numeral[i + 1]] != DIGITS[numeral[i]] + 1:
            return None
        low, high = (
            cn_to_decimal(numeral[:i] + ch + numeral[i + 2 :]) for ch in numeral[i : i + 2]
        )
        return None if low is None or high is None else (high, low, magnitude)
    value = cn_to_decimal(numeral)
    return None if value is None else (value, None, magnitude)


def to_arabic(numeral: str) -> str:
    """Arabic digits for a numeral: "二十二" → "22", a year "二〇一二" → "2012"; as is if unread."""
    if is_digit_string(numeral) and len(numeral) > 1:
        return digit_string(numeral)
    value = cn_to_decimal(numeral)
    return numeral if value is None else str(value)
