#!/usr/bin/env python3
"""Writes the hostile-input corpus: one file per message value, byte for byte, and manifest.tsv.

The files are committed; this script is how they were made (run it from this directory to
regenerate them). Values too large to commit (1 MiB, 10,000 levels of nesting) are named
`gen:<name>` in the manifest and built by HostileCorpus in the test.

Manifest columns, tab-separated:
  id        unique name of the message
  dataset   sensor_readings (JSON) or sensor_readings_avro (Confluent Avro) of conf/local.yaml
  key       '-' for a null key, 'hex:<hex>' for raw bytes, else the key as UTF-8 text
  value     '-' for a null value (a tombstone), a file under this directory, or gen:<name>
  headers   '-' for none, else name=value pairs joined by ';' (a value may be hex:<hex>)
  expect    'bronze' (a typed row), 'delete' (a bronze delete), or the dead-letter error_class
  message   a fragment the dead letter's error_message must contain ('-' for bronze rows)
  what      what the message is
"""

import os
import struct
from datetime import date, datetime, timezone

JSON = "sensor_readings"
AVRO = "sensor_readings_avro"
HERE = os.path.dirname(os.path.abspath(__file__))
rows = []


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def entry(id, dataset, key, value, expect, message, what, headers="-"):
    """value: bytes (written to a file), None (tombstone) or 'gen:...'."""
    if value is None:
        ref = "-"
    elif isinstance(value, str):
        ref = value
    else:
        ext = ".json" if dataset == JSON else ".bin"
        ref = ("json/" if dataset == JSON else "avro/") + id + ext
        write(ref, value)
    rows.append([id, dataset, key, ref, headers, expect, message, what])


def reading(sensor, **overrides):
    fields = {
        "sensor_id": '"%s"' % sensor,
        "reading_date": '"2026-11-27"',
        "value": "21.5",
        "unit": '"C"',
        "event_time": '"2026-11-27T10:00:00Z"',
    }
    fields.update(overrides)
    return (
        "{" + ",".join('"%s":%s' % (k, v) for k, v in fields.items() if v is not None) + "}"
    ).encode("utf-8")


def key(sensor, day="2026-11-27"):
    return sensor + "|" + day


# ---- JSON: the sensor_readings dataset ----------------------------------------------------------

def j(id, sensor, value, expect, message, what, k=None, headers="-"):
    entry(id, JSON, key(sensor) if k is None else k, value, expect, message, what, headers)


j("j01-valid", "j01", reading("j01"), "bronze", "-", "a well-formed reading, the baseline")
j("j02-empty", "j02", b"", "MALFORMED_JSON", "value is empty", "an empty value")
j("j03-whitespace", "j03", b" \n\t\r ", "MALFORMED_JSON", "value is empty", "whitespace only")
j("j04-null-key", "j04", reading("j04"), "bronze", "-", "a null key on a good reading", k="-")
j("j05-1mib", "j05", "gen:json-1mib", "bronze", "-",
  "a 1 MiB value: a good reading whose unit is a 1 MiB string")
j("j06-1mib-junk", "j06", "gen:json-1mib-junk", "MALFORMED_JSON", "malformed JSON",
  "1 MiB of bytes that are not JSON")
j("j07-invalid-utf8", "j07", reading("j07").replace(b'"j07"', b'"j07-\xff\xfe"'),
  "MALFORMED_JSON", "UTF-8", "invalid UTF-8 bytes inside a string")
j("j08-overlong-nul", "j08", reading("j08").replace(b'"j08"', b'"j08-\xc0\x80"'),
  "MALFORMED_JSON", "UTF-8", "an overlong UTF-8 form of NUL (C0 80)")
j("j09-utf16", "j09", reading("j09").decode("utf-8").encode("utf-16-le"),
  "MALFORMED_JSON", "NUL byte", "a good reading encoded as UTF-16LE instead of UTF-8")
j("j10-nested-10000-field", "j10", "gen:json-nested-10000-field", "MALFORMED_JSON", "nesting depth",
  "10,000 nested arrays in an unknown field")
j("j11-nested-10000-top", "j11", "gen:json-nested-10000-top", "MALFORMED_JSON", "nesting depth",
  "10,000 nested arrays as the whole value")
j("j12-nested-10000-objects", "j12", "gen:json-nested-10000-objects", "MALFORMED_JSON",
  "nesting depth", "10,000 nested objects in the value field")
j("j13-nested-50-unknown", "j13", reading("j13", extra="[" * 50 + "]" * 50), "bronze", "-",
  "50 nested arrays in an unknown field, which is skipped")
j("j14-duplicate-key", "j14", reading("j14")[:-1] + b',"value":22.5}', "DUPLICATE_FIELD",
  "field 'value' appears twice", "the field value twice")
j("j15-duplicate-unknown", "j15", reading("j15")[:-1] + b',"x":1,"x":2}', "DUPLICATE_FIELD",
  "field 'x' appears twice", "an unknown field twice")
j("j16-nan", "j16", reading("j16", value="NaN"), "MALFORMED_JSON", "NaN",
  "NaN as a bare token, which JSON does not have")
j("j17-infinity", "j17", reading("j17", value="Infinity"), "MALFORMED_JSON", "Infinity",
  "Infinity as a bare token")
j("j18-minus-infinity", "j18", reading("j18", value="-Infinity"), "MALFORMED_JSON", "Infinity",
  "-Infinity as a bare token")
j("j19-nan-string", "j19", reading("j19", value='"NaN"'), "WRONG_TYPE",
  "field 'value': expected double, found string \"NaN\"", "NaN as a string")
j("j20-integer-past-long", "j20", reading("j20", value="123456789012345678901234567890"),
  "bronze", "-", "an integer past the long range in a double field (1.2345678901234568E29)")
j("j21-integer-past-long-as-string-field", "j21",
  reading("j21", sensor_id="99999999999999999999"), "WRONG_TYPE",
  "field 'sensor_id': expected string, found number 99999999999999999999",
  "an integer past the long range where a string belongs")
j("j22-huge-exponent", "j22", reading("j22", value="1e999999"), "OUT_OF_RANGE",
  "is out of range for double", "a number with a huge exponent")
j("j23-exponent-past-int", "j23", reading("j23", value="1e99999999999999999999"), "OUT_OF_RANGE",
  "is out of range for double", "an exponent past the int range")
j("j24-tiny-exponent", "j24", reading("j24", value="1e-999999"), "bronze", "-",
  "a tiny exponent: it rounds to 0.0, as IEEE doubles do")
j("j25-400-digits", "j25", reading("j25", value="9" * 400), "OUT_OF_RANGE",
  "is out of range for double", "a 400-digit integer, past the double range")
j("j26-5000-digits", "j26", "gen:json-5000-digits", "MALFORMED_JSON", "Number value length",
  "a 5,000-digit number, longer than the parser takes")
j("j27-bom", "j27", b"\xef\xbb\xbf" + reading("j27"), "bronze", "-",
  "a UTF-8 byte order mark before a good reading (RFC 8259 lets parsers ignore it)")
j("j28-array", "j28", b"[" + reading("j28") + b"]", "NOT_AN_OBJECT", "found array",
  "a JSON array holding a reading")
j("j29-string", "j29", b'"hello"', "NOT_AN_OBJECT", "found string", "a JSON string literal")
j("j30-number", "j30", b"42", "NOT_AN_OBJECT", "found number", "a JSON number literal")
j("j31-null-literal", "j31", b"null", "NOT_AN_OBJECT", "found null", "the JSON literal null")
j("j32-true", "j32", b"true", "NOT_AN_OBJECT", "found boolean", "the JSON literal true")
j("j33-trailing-garbage", "j33", reading("j33") + b"garbage", "MALFORMED_JSON", "garbage",
  "trailing garbage after the object")
j("j34-two-objects", "j34", reading("j34") + reading("j34"), "MALFORMED_JSON", "Trailing token",
  "two objects back to back")
j("j35-trailing-number", "j35", reading("j35") + b" 1", "MALFORMED_JSON", "Trailing token",
  "a number after the object")
j("j36-truncated", "j36", reading("j36")[:40], "MALFORMED_JSON", "end-of-input",
  "a reading cut off after 40 bytes")
j("j37-control-char", "j37", reading("j37").replace(b'"j37"', b'"j37\x01"'), "MALFORMED_JSON",
  "CTRL-CHAR", "a raw control character inside a string")
j("j38-nul-byte", "j38", reading("j38").replace(b'"j38"', b'"j38\x00"'), "MALFORMED_JSON",
  "CTRL-CHAR", "a raw NUL byte inside a string")
j("j39-escaped-nul", "j39", reading("j39", unit='"C\\u0000"'), "bronze", "-",
  "an escaped NUL (\\u0000) in a string, which is valid JSON and valid Unicode")
j("j40-lone-surrogate", "j40", reading("j40", unit='"\\ud800"'), "WRONG_TYPE",
  "unpaired surrogate", "an escaped lone surrogate, which no UTF-8 string can hold")
j("j41-huge-string-field", "j41", "gen:json-huge-sensor-id", "bronze", "-",
  "a 256 KiB sensor_id (a merge key)")
j("j42-many-unknown-fields", "j42", "gen:json-many-fields", "bronze", "-",
  "100,000 unknown fields, all ignored")
j("j43-sensor-id-number", "j43", reading("j43", sensor_id="43"), "WRONG_TYPE",
  "field 'sensor_id': expected string, found number 43", "sensor_id as a number")
j("j44-date-number", "j44", reading("j44", reading_date="20261127"), "WRONG_TYPE",
  "field 'reading_date': expected an ISO-8601 date", "reading_date as a number")
j("j45-value-string", "j45", reading("j45", value='"21.5"'), "WRONG_TYPE",
  "field 'value': expected double, found string \"21.5\"", "value as a string")
j("j46-value-boolean", "j46", reading("j46", value="true"), "WRONG_TYPE",
  "field 'value': expected double, found boolean true", "value as a boolean")
j("j47-unit-object", "j47", reading("j47", unit='{"a":1}'), "WRONG_TYPE",
  "field 'unit': expected string, found object", "unit as an object")
j("j48-unit-array", "j48", reading("j48", unit='["C"]'), "WRONG_TYPE",
  "field 'unit': expected string, found array", "unit as an array")
j("j49-event-time-epoch", "j49", reading("j49", event_time="1795860000000"), "WRONG_TYPE",
  "field 'event_time': expected an ISO-8601 timestamp", "event_time as epoch millis")
j("j50-all-wrong", "j50",
  reading("j50", sensor_id="1", reading_date="2", value='"3"', unit="4", event_time="5"),
  "WRONG_TYPE", "field 'event_time'", "every field of the wrong type, all named in one message")
j("j51-missing-sensor-id", "j51", reading("j51", sensor_id=None), "MISSING_FIELD",
  "required field 'sensor_id' is missing", "the required sensor_id absent")
j("j52-null-event-time", "j52", reading("j52", event_time="null"), "MISSING_FIELD",
  "required field 'event_time' is null", "the required event_time null")
j("j53-empty-object", "j53", b"{}", "MISSING_FIELD", "required field 'event_time' is missing",
  "an empty object")
j("j54-timestamp-word", "j54", reading("j54", event_time='"yesterday"'), "WRONG_TYPE",
  "field 'event_time': expected an ISO-8601 timestamp", "a timestamp that is a word")
j("j55-timestamp-year-300000", "j55", reading("j55", event_time='"+300000-01-01T00:00:00Z"'),
  "OUT_OF_RANGE", "field 'event_time'", "a timestamp past the range Spark can hold")
j("j56-timestamp-year-minus-300000", "j56",
  reading("j56", event_time='"-300000-01-01T00:00:00Z"'), "OUT_OF_RANGE", "field 'event_time'",
  "a timestamp before the range Spark can hold")
j("j57-timestamp-hour-25", "j57", reading("j57", event_time='"2026-11-27T25:00:00Z"'),
  "WRONG_TYPE", "field 'event_time'", "hour 25")
j("j58-timestamp-offset-25h", "j58", reading("j58", event_time='"2026-11-27T10:00:00+25:00"'),
  "WRONG_TYPE", "field 'event_time'", "an offset of 25 hours")
j("j59-date-feb-30", "j59", reading("j59", reading_date='"2026-02-30"'), "WRONG_TYPE",
  "field 'reading_date'", "February 30")
j("j60-date-five-digit-year", "j60", reading("j60", reading_date='"+12026-01-01"'), "WRONG_TYPE",
  "field 'reading_date'", "a date with a five-digit year")
j("j61-ancient", "j61",
  reading("j61", reading_date='"0001-01-01"', event_time='"0001-01-01T00:00:00Z"'),
  "bronze", "-", "year 1, before the Gregorian switch (no calendar rebase in Parquet)")
j("j62-far-future", "j62",
  reading("j62", reading_date='"9999-12-31"', event_time='"9999-12-31T23:59:59.999999999Z"'),
  "bronze", "-", "the last nanosecond of year 9999")
j("j63-unknown-field", "j63", reading("j63", colour='"red"'), "bronze", "-",
  "an unknown field, ignored by default")
j("j64-binary-headers", "j64", reading("j64"), "bronze", "-",
  "headers with binary values on a good reading",
  headers="bin=hex:00ff80fe;empty=hex:;text=plain")
j("j65-binary-headers-bad-value", "j65", b"{broken", "MALFORMED_JSON", "malformed JSON",
  "headers with binary values on a broken value (they must reach the dead letter intact)",
  headers="bin=hex:deadbeef00;dup=hex:01;dup=hex:02")
j("j66-binary-key", "j66", reading("j66"), "bronze", "-",
  "a key of invalid UTF-8 on a good reading (keys of non-tombstones are not decoded)",
  k="hex:fffe00c0")
j("j67-confluent-avro-on-json", "j67", b"\x00\x00\x00\x00\x01\x06j67", "MALFORMED_JSON",
  "malformed JSON", "Confluent-framed Avro sent to a JSON topic (Jackson takes it for UTF-32)")
j("j68-empty-sensor-id", "j68", reading("j68", sensor_id='""'), "bronze", "-",
  "an empty string as sensor_id", k="|2026-11-27")
j("j69-tombstone", "j69", None, "delete", "-", "a tombstone with a good delimited key")
j("j70-tombstone-null-key", "j70", None, "BAD_TOMBSTONE_KEY", "the tombstone has no key",
  "a tombstone with a null key", k="-")
j("j71-tombstone-garbage-key", "j71", None, "BAD_TOMBSTONE_KEY", "has 1 parts",
  "a tombstone whose key does not split", k="garbage")
j("j72-tombstone-bad-date", "j72", None, "BAD_TOMBSTONE_KEY", "key field 'reading_date'",
  "a tombstone whose key has a date that is not one", k="j72|2026-13-45")
j("j73-tombstone-invalid-utf8-key", "j73", None, "BAD_TOMBSTONE_KEY", "UTF-8",
  "a tombstone whose key is not UTF-8", k="hex:6a3733ff7c323032362d31312d3237")
j("j74-tombstone-five-digit-year", "j74", None, "BAD_TOMBSTONE_KEY", "key field 'reading_date'",
  "a tombstone whose key date has a five-digit year", k="j74|+12026-01-01")
j("j75-tombstone-empty-key", "j75", None, "BAD_TOMBSTONE_KEY", "has 1 parts",
  "a tombstone with an empty (not null) key", k="")
j("j76-tombstone-extra-part", "j76", None, "BAD_TOMBSTONE_KEY", "has 3 parts",
  "a tombstone whose key has a part too many", k="j76|2026-11-27|x")
j("j77-tombstone-binary-headers", "j77", None, "delete", "-",
  "a tombstone with binary headers", headers="bin=hex:00")

# ---- Confluent Avro: the sensor_readings_avro dataset -------------------------------------------

def zigzag(n):
    n = (n << 1) ^ (n >> 63)
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def avro_string(s):
    data = s if isinstance(s, bytes) else s.encode("utf-8")
    return zigzag(len(data)) + data


DAY = (date(2026, 11, 27) - date(1970, 1, 1)).days
MILLIS = int(datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc).timestamp() * 1000)


def body(sensor, day=DAY, value=21.5, unit="C", millis=MILLIS, battery=False):
    out = avro_string(sensor) + zigzag(day)
    out += zigzag(0) if value is None else zigzag(1) + struct.pack("<d", value)
    out += zigzag(0) if unit is None else zigzag(1) + avro_string(unit)
    out += zigzag(millis)
    if battery:
        out += zigzag(1) + struct.pack("<d", 3.9)
    return out


def framed(schema_id, data):
    return b"\x00" + struct.pack(">i", schema_id) + data


def a(id, sensor, value, expect, message, what, k=None, headers="-"):
    entry(id, AVRO, key(sensor) if k is None else k, value, expect, message, what, headers)


a("a01-valid", "a01", framed(1, body("a01")), "bronze", "-", "a good reading, writer schema 1")
a("a02-valid-v2", "a02", framed(2, body("a02", battery=True)), "bronze", "-",
  "a good reading, the evolved writer schema 2")
a("a03-json-on-avro", "a03", reading("a03"), "BAD_MAGIC_BYTE", "found 0x7b",
  "a JSON reading sent to the Avro topic")
a("a04-magic-byte-1", "a04", b"\x01" + framed(1, body("a04"))[1:], "BAD_MAGIC_BYTE",
  "found 0x01", "magic byte 1")
a("a05-empty", "a05", b"", "TRUNCATED", "payload of 0 bytes", "an empty value")
a("a06-three-bytes", "a06", b"\x00\x00\x00", "TRUNCATED", "payload of 3 bytes",
  "shorter than the 5-byte header")
a("a07-zero-length-body", "a07", framed(1, b""), "MALFORMED_AVRO", "truncated",
  "the header and no Avro body")
a("a08-unknown-schema-id", "a08", framed(999, body("a08")), "UNKNOWN_SCHEMA_ID", "schema id 999",
  "schema id 999, not in the registry")
a("a09-negative-schema-id", "a09", framed(-1, body("a09")), "UNKNOWN_SCHEMA_ID", "schema id -1",
  "schema id 0xffffffff")
a("a10-truncated", "a10", framed(1, body("a10"))[:-3], "MALFORMED_AVRO", "truncated",
  "a reading cut off 3 bytes before its end")
a("a11-trailing-bytes", "a11", framed(1, body("a11") + b"\x02xx"), "MALFORMED_AVRO",
  "left over after the record", "bytes after the record")
a("a12-huge-string-length", "a12", framed(1, zigzag(1 << 30) + b"abc"), "MALFORMED_AVRO",
  "does not fit", "a string that claims to be 1 GiB long")
a("a13-negative-string-length", "a13", framed(1, zigzag(-5) + b"abc"), "MALFORMED_AVRO",
  "negative length", "a string of negative length")
a("a14-union-index-out-of-range", "a14",
  framed(1, avro_string("a14") + zigzag(DAY) + zigzag(7) + b"\x00" * 8), "MALFORMED_AVRO",
  "union branch", "union branch 7 of a two-branch union")
a("a15-invalid-utf8", "a15", framed(1, body(b"a15-\xff\xfe")), "MALFORMED_AVRO", "UTF-8",
  "invalid UTF-8 in an Avro string")
a("a16-varint-too-long", "a16", framed(1, avro_string("a16") + b"\xff" * 11), "MALFORMED_AVRO",
  "Invalid int encoding", "an int varint of 11 bytes")
a("a17-timestamp-long-max", "a17", framed(1, body("a17", millis=(1 << 63) - 1)), "OUT_OF_RANGE",
  "out of range for timestamp", "event_time of Long.MAX_VALUE milliseconds")
a("a31-timestamp-year-10000", "a31", framed(1, body("a31", millis=253402300800000)),
  "OUT_OF_RANGE", "out of range for timestamp", "event_time of 10000-01-01T00:00:00Z")
a("a18-date-int-max", "a18", framed(1, body("a18", day=(1 << 31) - 1)), "OUT_OF_RANGE",
  "out of range for date", "reading_date of Integer.MAX_VALUE days (year 5,881,580)")
a("a19-date-int-min", "a19", framed(1, body("a19", day=-(1 << 31))), "OUT_OF_RANGE",
  "out of range for date", "reading_date of Integer.MIN_VALUE days")
a("a20-nan", "a20", framed(1, body("a20", value=float("nan"))), "bronze", "-",
  "value NaN, which an Avro double may hold")
a("a21-infinity", "a21", framed(1, body("a21", value=float("inf"))), "bronze", "-",
  "value +Infinity, which an Avro double may hold")
a("a22-1mib", "a22", "gen:avro-1mib", "bronze", "-",
  "a 1 MiB value: a good reading whose unit is a 1 MiB string")
a("a23-incompatible-writer", "a23",
  framed(7, zigzag(23) + zigzag(DAY) + zigzag(0) + zigzag(0) + zigzag(MILLIS)),
  "INCOMPATIBLE_SCHEMA", "schema id 7 is incompatible",
  "writer schema 7 (registry/7.avsc) has sensor_id as an int")
a("a24-registry-schema-not-avro", "a24", framed(8, body("a24")), "UNKNOWN_SCHEMA_ID",
  "is not an Avro schema", "registry/8.avsc is not a schema")
a("a25-tombstone", "a25", None, "delete", "-", "a tombstone with a good delimited key")
a("a26-tombstone-null-key", "a26", None, "BAD_TOMBSTONE_KEY", "the tombstone has no key",
  "a tombstone with a null key", k="-")
a("a27-binary-headers", "a27", framed(1, body("a27")), "bronze", "-",
  "headers with binary values on a good reading", headers="bin=hex:00ff80fe;empty=hex:")
a("a28-null-key", "a28", framed(1, body("a28")), "bronze", "-", "a null key on a good reading",
  k="-")
a("a29-random-body", "a29", framed(1, bytes(range(256)) * 4), "MALFORMED_AVRO", "malformed Avro",
  "1 KiB of counting bytes after a good header")
a("a30-required-field-only-header-and-string", "a30", framed(1, avro_string("a30")),
  "MALFORMED_AVRO", "truncated", "only sensor_id, the rest missing")
a("a32-null-array-blocks", "a32", "gen:avro-null-array-blocks", "MALFORMED_AVRO", "more than its",
  "a 500 KB value whose writer-only array of nulls (schema 9) chains blocks of about 2 x 10^10"
  " items in all")

# incompatible and broken writer schemas the test adds to the registry directory
write("avro/registry/7.avsc", b"""{"type": "record", "name": "SensorReading",
 "namespace": "io.splitflow.demo", "doc": "sensor_id changed to an int: incompatible.",
 "fields": [
  {"name": "sensor_id", "type": "int"},
  {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}},
  {"name": "value", "type": ["null", "double"], "default": null},
  {"name": "unit", "type": ["null", "string"], "default": null},
  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
""")
write("avro/registry/8.avsc", b"{ this is not an Avro schema\n")
write("avro/registry/9.avsc", b"""{"type": "record", "name": "SensorReading",
 "namespace": "io.splitflow.demo",
 "doc": "schema 1 plus a writer-only array of nulls, whose items take no bytes.",
 "fields": [
  {"name": "sensor_id", "type": "string"},
  {"name": "reading_date", "type": {"type": "int", "logicalType": "date"}},
  {"name": "value", "type": ["null", "double"], "default": null},
  {"name": "unit", "type": ["null", "string"], "default": null},
  {"name": "event_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
  {"name": "padding", "type": {"type": "array", "items": "null"}}
 ]}
""")

ids = [r[0] for r in rows]
assert len(ids) == len(set(ids)), "duplicate ids"
with open(os.path.join(HERE, "manifest.tsv"), "w", encoding="utf-8") as f:
    f.write("# written by make_corpus.py; columns are described there\n")
    f.write("id\tdataset\tkey\tvalue\theaders\texpect\tmessage\twhat\n")
    for r in rows:
        assert all("\t" not in c and "\n" not in c for c in r), r
        f.write("\t".join(r) + "\n")
print(len(rows), "messages")
