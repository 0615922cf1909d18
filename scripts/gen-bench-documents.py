#!/usr/bin/env python3
"""Generate a folder of mixed documents and archives for
scripts/bench-documents.sh: .docx, .xlsx, .odt (the committed fixtures as
templates, main part replaced), .zip, .tar.gz and .mbox, filled with the
labeled corpus text (corpus/logs, corpus/tickets). Standard library only;
deterministic (fixed timestamps, no randomness).

usage: scripts/gen-bench-documents.py OUTDIR [COUNT]   (default 300)
"""
import base64
import csv
import gzip
import io
import os
import sys
import tarfile
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "tests", "data", "documents")
EPOCH = (2025, 1, 1, 0, 0, 0)
MTIME = 1735689600


def corpus_lines():
    lines = []
    for name in ["access.log", "app.jsonl", "auth.log", "crm.jsonl"]:
        with open(os.path.join(ROOT, "corpus", "logs", name), encoding="utf-8", errors="replace") as f:
            lines += [l.rstrip("\n") for l in f if l.strip()]
    return lines


def csv_rows():
    with open(os.path.join(ROOT, "corpus", "tickets", "export.csv"), encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def window(seq, i, n):
    start = (i * 37) % max(1, len(seq) - n)
    return seq[start:start + n]


def rezip(template, replace, out):
    with zipfile.ZipFile(template) as z:
        members = [(m.filename, z.read(m.filename)) for m in z.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            data = replace.get(name, data)
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def docx(lines, out):
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(l)}</w:t></w:r></w:p>' for l in lines
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    rezip(os.path.join(FIX, "customers.docx"), {"word/document.xml": xml.encode()}, out)


def xlsx(rows, out):
    def col(c):
        s = ""
        c += 1
        while c:
            c, r = divmod(c - 1, 26)
            s = chr(65 + r) + s
        return s

    data = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{col(c)}{r + 1}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
            for c, v in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{data}</sheetData></worksheet>"
    )
    rezip(os.path.join(FIX, "contacts.xlsx"), {"xl/worksheets/sheet1.xml": xml.encode()}, out)


def odt(lines, out):
    body = "".join(f"<text:p>{escape(l)}</text:p>" for l in lines)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    rezip(os.path.join(FIX, "visitors.odt"), {"content.xml": xml.encode()}, out)


def members(lines, rows, i):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return [
        (f"export-{i}/app.log", ("\n".join(lines) + "\n").encode()),
        (f"export-{i}/customers.csv", buf.getvalue().encode()),
    ]


def make_zip(lines, rows, i, out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members(lines, rows, i):
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def make_tgz(lines, rows, i, out):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in members(lines, rows, i):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = MTIME
            t.addfile(info, io.BytesIO(data))
    with open(out, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=MTIME) as g:
            g.write(raw.getvalue())


def make_mbox(lines, rows, i, out):
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for m in range(10):
            chunk = lines[m * 20:(m + 1) * 20]
            f.write("From sender@corp-mail.net Wed Jan  1 10:00:00 2025\n")
            f.write(f"From: support-{m}@corp-mail.net\nTo: crm@corp-mail.net\n")
            f.write(f"Subject: ticket {i}-{m}\nMIME-Version: 1.0\n")
            f.write('Content-Type: multipart/mixed; boundary="b"\n\n--b\n')
            f.write("Content-Type: text/plain; charset=utf-8\n\n")
            f.write("\n".join(l.replace("\nFrom ", "\n>From ") for l in chunk) + "\n--b\n")
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows[:20])
            f.write('Content-Type: text/csv; name="rows.csv"\nContent-Disposition: attachment; filename="rows.csv"\n')
            f.write("Content-Transfer-Encoding: base64\n\n")
            f.write(base64.encodebytes(buf.getvalue().encode()).decode())
            f.write("--b--\n\n")


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(out, exist_ok=True)
    lines, rows = corpus_lines(), csv_rows()
    header, body = rows[0], rows[1:]
    makers = [
        ("docx", lambda i, p: docx(window(lines, i, 400), p)),
        ("xlsx", lambda i, p: xlsx([header] + window(body, i, 300), p)),
        ("odt", lambda i, p: odt(window(lines, i, 400), p)),
        ("zip", lambda i, p: make_zip(window(lines, i, 300), [header] + window(body, i, 150), i, p)),
        ("tar.gz", lambda i, p: make_tgz(window(lines, i, 300), [header] + window(body, i, 150), i, p)),
        ("mbox", lambda i, p: make_mbox(window(lines, i, 200), [header] + window(body, i, 20), i, p)),
    ]
    for i in range(count):
        ext, make = makers[i % len(makers)]
        make(i, os.path.join(out, f"doc-{i:04d}.{ext}"))


if __name__ == "__main__":
    main()
