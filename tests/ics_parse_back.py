#!/usr/bin/env python3
"""Parses the secret-expiry reminders written by `cargo test` and checks them strictly.

Usage (after `cargo test`; needs `pip install icalendar`):
    python3 tests/ics_parse_back.py target/ics-samples/*.ics

Each `<name>.ics` is checked against `<name>.expected.json` (written by the same Rust test):
raw RFC 5545 shape (CRLF line ends, lines of at most 75 octets, strict UTF-8, well-formed
content lines), then an independent parser (icalendar) must read it without errors and give
back exactly the expected summary, description, all-day dates and stamp.
"""

import datetime
import json
import pathlib
import re
import sys

from icalendar import Calendar

# name *(";" param) ":" value, RFC 5545 section 3.1 (after unfolding).
CONTENT_LINE = re.compile(r'^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:')
# A TEXT value (section 3.3.11): ; , and \ only escaped, \ only before \ ; , n N.
ESCAPED_TEXT = re.compile(r'^([^\\;,]|\\[\\;,nN])*$')
TEXT_PROPERTIES = ("SUMMARY:", "DESCRIPTION:")


def check_raw(raw: bytes) -> None:
    assert raw.endswith(b"\r\n"), "file must end with CRLF"
    assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in raw.replace(b"\r\n", b""), "bare CR"
    text = raw.decode("utf-8", errors="strict")
    physical = raw.split(b"\r\n")[:-1]
    for line in physical:
        assert len(line) <= 75, f"line longer than 75 octets ({len(line)}): {line[:40]!r}"
        line.decode("utf-8", errors="strict")  # folding never splits a character
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    for line in unfolded.split("\r\n")[:-1]:
        assert CONTENT_LINE.match(line), f"malformed content line: {line[:60]!r}"
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", line), f"control character in {line[:40]!r}"
        for prop in TEXT_PROPERTIES:
            if line.startswith(prop):
                assert ESCAPED_TEXT.match(line[len(prop):]), f"badly escaped TEXT: {line[:60]!r}"
    lines = unfolded.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"


def check_parsed(raw: bytes, expected: dict) -> None:
    cal = Calendar.from_ical(raw)
    for component in cal.walk():
        assert not component.errors, f"{component.name}: {component.errors}"
    assert str(cal["VERSION"]) == "2.0"
    assert cal.get("PRODID")
    events = cal.walk("VEVENT")
    assert len(events) == 1, "exactly one VEVENT"
    event = events[0]
    assert str(event["SUMMARY"]) == expected["summary"], (str(event["SUMMARY"]), expected["summary"])
    assert str(event["DESCRIPTION"]) == expected["description"], (
        str(event["DESCRIPTION"]),
        expected["description"],
    )
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    # All-day: plain dates, not date-times.
    assert type(start) is datetime.date and type(end) is datetime.date, (start, end)
    assert start.isoformat() == expected["dtstart"], (start, expected["dtstart"])
    assert end.isoformat() == expected["dtend"], (end, expected["dtend"])
    stamp = event.decoded("DTSTAMP")
    assert stamp.isoformat() == expected["dtstamp"], (stamp, expected["dtstamp"])
    assert str(event["UID"]).endswith("@webex-o365-setup")
    alarms = event.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert str(alarms[0]["DESCRIPTION"]) == expected["summary"]


def main(paths: list) -> int:
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    passed = failed = 0
    for name in paths:
        path = pathlib.Path(name)
        try:
            raw = path.read_bytes()
            expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
            check_raw(raw)
            check_parsed(raw, expected)
            passed += 1
            print(f"ok   {path}")
        except Exception as err:  # report every file, then fail
            failed += 1
            print(f"FAIL {path}: {type(err).__name__}: {err}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
