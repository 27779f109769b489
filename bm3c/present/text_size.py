"""How wide a text is drawn, and names wrapped on several lines, for placing labels.

Widths are the advance widths of DejaVu Sans (regular and bold), the font the
exported images are drawn with (:mod:`bm3c.export.images`); the browser's own
sans-serif is narrower, so a box measured here holds the text in both. A
character outside the table counts as wide as an ``M``.
"""

from __future__ import annotations

from functools import cache

__all__ = ["line_height", "text_width", "wrap"]

UNITS_PER_EM = 2048
LINE_SPACING = 1.2  # line height, in font sizes

# advance width (units of 1/2048 em) -> the characters that have it
_REGULAR: dict[int, str] = {
    409: "\u202f",
    563: "'",
    569: "ijl\u00ec\u00ed\u00ee\u00ef",
    604: "IJ\u00cc\u00cd\u00ce\u00cf",
    651: " ,.\u00a0\u00b7\u2019\u2018\u00b7",
    690: "/:;\\|\u00a6",
    721: "f",
    739: "-\u00ad",
    799: "()[]",
    803: "t",
    821: "!\u00a1\u00b2\u00b3\u00b9",
    842: "r",
    942: '"',
    965: "\u00aa\u00ba",
    1024: "*_`\u00a7\u00a8\u00af\u00b0\u00b4\u00b8\u2013",
    1061: "\u201c\u201d",
    1067: "s",
    1075: "z",
    1087: "?\u00bf",
    1126: "c\u00e7",
    1141: "L",
    1178: "F",
    1186: "k",
    1212: "vxy\u00fd\u00ff",
    1235: "P",
    1239: "\u00de",
    1251: "TY\u00dd",
    1253: "o\u00ab\u00bb\u00f0\u00f2\u00f3\u00f4\u00f5\u00f6\u00f8",
    1255: "a\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5",
    1260: "e\u00e8\u00e9\u00ea\u00eb",
    1290: "\u00df",
    1294: "E\u00c8\u00c9\u00ca\u00cb",
    1298: "hnu\u00f1\u00f9\u00fa\u00fb\u00fc",
    1300: "Sbdgpq\u00fe",
    1303: "$0123456789{}\u00a2\u00a3\u00a4\u00a5\u00b5\u00b6\u20ac",
    1343: "K",
    1401: "AV\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5",
    1403: "XZ",
    1405: "B",
    1423: "R",
    1430: "C\u00c7",
    1499: "U\u00d9\u00da\u00db\u00dc",
    1532: "N\u00d1",
    1540: "H",
    1577: "D",
    1587: "G\u00d0",
    1597: "&",
    1612: "OQ\u00d2\u00d3\u00d4\u00d5\u00d6\u00d8",
    1675: "w",
    1716: "#+<=>^~\u00ac\u00b1\u00d7\u00f7\u2212",
    1767: "M",
    1946: "%",
    1985: "\u00bc\u00bd\u00be",
    1995: "m\u00c6",
    2011: "\u00e6",
    2025: "W",
    2048: "@\u00a9\u00ae\u2014\u2026",
    2095: "\u0153",
    2191: "\u0152",
}
_BOLD: dict[int, str] = {
    409: "\u202f",
    627: "'",
    702: "ijl\u00ec\u00ed\u00ee\u00ef",
    713: " \u00a0",
    748: "/\\|\u00a6",
    762: "IJ\u00cc\u00cd\u00ce\u00cf",
    778: ",.\u00b7\u2019\u2018\u00b7",
    819: ":;",
    850: "-\u00ad",
    891: "f",
    897: "\u00b2\u00b3\u00b9",
    934: "!\u00a1",
    936: "()[]",
    979: "t",
    1010: "r",
    1024: "_`\u00a7\u00a8\u00af\u00b0\u00b4\u00b8\u2013",
    1067: '"',
    1071: "*",
    1155: "\u00aa\u00ba",
    1188: "?\u00bf",
    1192: "z",
    1214: "c\u00e7",
    1219: "s",
    1303: "\u00a4\u00b6",
    1305: "L",
    1321: "x",
    1323: "\u00ab\u00bb",
    1335: "vy\u00fd\u00ff",
    1346: "\u201c\u201d",
    1362: "k",
    1382: "a\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5",
    1389: "e\u00e8\u00e9\u00ea\u00eb",
    1397: "T",
    1399: "EF\u00c8\u00c9\u00ca\u00cb",
    1407: "o\u00f0\u00f2\u00f3\u00f4\u00f5\u00f6\u00f8",
    1425: "$0123456789\u00a2\u00a3\u00a5\u20ac",
    1458: "hnu{}\u00f1\u00f9\u00fa\u00fb\u00fc",
    1466: "bdgpq\u00fe",
    1473: "\u00df",
    1475: "S",
    1483: "Y\u00dd",
    1485: "Z",
    1501: "P",
    1503: "C\u00c7",
    1507: "\u00b5",
    1511: "\u00de",
    1561: "B",
    1577: "R",
    1579: "X",
    1585: "AV\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5",
    1587: "K",
    1663: "U\u00d9\u00da\u00db\u00dc",
    1681: "G",
    1700: "D",
    1714: "HN\u00d1",
    1716: "#+<=>^~\u00ac\u00b1\u00d0\u00d7\u00f7\u2212",
    1741: "OQ\u00d2\u00d3\u00d4\u00d5\u00d6\u00d8",
    1786: "&",
    1892: "w",
    2038: "M",
    2048: "@\u00a9\u00ae\u2014\u2026",
    2052: "%",
    2120: "\u00bc\u00bd\u00be",
    2134: "m",
    2146: "\u00e6",
    2222: "\u00c6",
    2241: "\u0153",
    2259: "W",
    2390: "\u0152",
}


@cache
def _widths(bold: bool) -> dict[str, int]:
    table = _BOLD if bold else _REGULAR
    return {ch: width for width, chars in table.items() for ch in chars}


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """The width in pixels of one line of ``text`` at ``font_size`` pixels."""
    widths = _widths(bold)
    wide = widths["M"]
    return sum(widths.get(ch, wide) for ch in text) * font_size / UNITS_PER_EM


def line_height(font_size: float) -> float:
    """The height of one line of text, in pixels."""
    return font_size * LINE_SPACING


def wrap(text: str, width_px: float, font_size: float, *, bold: bool = False) -> tuple[str, ...]:
    """``text`` cut into lines no wider than ``width_px``, at spaces; nothing left out.

    A single word wider than the line stays whole on its own line (never cut):
    the box measured with :func:`text_width` then grows to hold it.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font_size, bold=bold) > width_px:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return tuple(lines)
