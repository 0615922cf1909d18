#!/usr/bin/env python3
"""Make the document fixtures of tests/documents.rs.

Run from this directory: python3 make_fixtures.py
Needs python-docx, openpyxl, python-pptx and odfpy (pip); the rest is the
standard library (zipfile, tarfile, email, mailbox). Output is
deterministic (fixed timestamps), so re-running changes nothing. All
personal data here is invented.
"""
import base64
import csv
import email.policy
import gzip
import io
import os
import re
import tarfile
import zipfile
from email.header import Header
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr

import docx
import openpyxl
import pptx
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import H, P

EPOCH = (2025, 1, 1, 0, 0, 0)
MTIME = 1735689600


def normalize_zip(path):
    """Rewrite a zip with fixed timestamps, same members and order."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            if name == "docProps/core.xml":
                # Tools stamp the current time here.
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2025-01-01T00:00:00Z",
                    data,
                )
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def tar_add(t, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = MTIME
    t.addfile(info, io.BytesIO(data))


def make_docx():
    d = docx.Document()
    d.core_properties.author = "Records Office"
    d.add_heading("Customer record", 1)
    d.add_paragraph("Contact m.garcia@northwind-mail.com for account changes.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Name"
    t.cell(0, 1).text = "SSN"
    t.cell(1, 0).text = "Maria Garcia"
    t.cell(1, 1).text = "536-22-8471"
    d.save("customers.docx")
    normalize_zip("customers.docx")


def make_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["id", "name", "email"])
    ws.append([1, "Olivia Brown", "olivia.brown@corp-mail.net"])
    ws.append([2, "Noah Wilson", "noah.wilson@corp-mail.net"])
    other = wb.create_sheet("Notes")
    other["B3"] = "call back liam.smith@corp-mail.net"
    wb.save("contacts.xlsx")
    normalize_zip("contacts.xlsx")


def make_pptx():
    p = pptx.Presentation()
    s = p.slides.add_slide(p.slide_layouts[1])
    s.shapes.title.text = "Escalations"
    s.placeholders[1].text = "Owner: ava.jones@corp-mail.net"
    p.save("slides.pptx")
    normalize_zip("slides.pptx")


def make_odt():
    d = OpenDocumentText()
    d.text.addElement(H(outlinelevel=1, text="Visitors"))
    d.text.addElement(P(text="Badge request from ethan.clark@corp-mail.net"))
    d.save("visitors.odt")
    normalize_zip("visitors.odt")


def make_ods():
    d = OpenDocumentSpreadsheet()
    t = Table(name="People")
    for row in [["name", "email"], ["Mia Lewis", "mia.lewis@corp-mail.net"]]:
        tr = TableRow()
        for v in row:
            c = TableCell(valuetype="string")
            c.addElement(P(text=v))
            tr.addElement(c)
        t.addElement(tr)
    d.spreadsheet.addElement(t)
    d.save("people.ods")
    normalize_zip("people.ods")


def customers_csv():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["name", "email", "ssn"])
    w.writerow(["Sophia Turner", "sophia.turner@corp-mail.net", "536-22-8471"])
    w.writerow(["James Walker", "james.walker@corp-mail.net", "219-09-9999"])
    return out.getvalue().encode()


def make_mbox():
    msgs = []
    m = EmailMessage()
    m["From"] = formataddr((str(Header("Jürgen Müller", "utf-8")), "juergen.mueller@corp-mail.net"))
    m["To"] = "support@corp-mail.net"
    m["Subject"] = Header("Rückruf bitte", "utf-8").encode()
    m["Date"] = "Wed, 01 Jan 2025 10:00:00 +0000"
    m.set_content("Bitte rufen Sie mich an.\n", charset="utf-8", cte="quoted-printable")
    msgs.append(m)

    m = MIMEMultipart(boundary="==fixture-boundary-2==")
    m["From"] = "sales@corp-mail.net"
    m["To"] = "crm@corp-mail.net"
    m["Subject"] = "Customer export"
    m["Date"] = "Thu, 02 Jan 2025 10:00:00 +0000"
    m.attach(MIMEText("Export attached.\n", "plain", "utf-8"))
    att = MIMEApplication(customers_csv(), Name="customers.csv")
    att["Content-Disposition"] = 'attachment; filename="customers.csv"'
    m.attach(att)  # MIMEApplication encodes base64
    msgs.append(m)

    m = MIMEText(
        "<html><body><p>Reply to <b>chloe.hall@corp-mail.net</b></p></body></html>",
        "html",
        "iso-8859-1",
    )
    m["From"] = "noreply@corp-mail.net"
    m["Subject"] = "HTML only"
    m["Date"] = "Fri, 03 Jan 2025 10:00:00 +0000"
    msgs.append(m)

    with open("inbox.mbox", "wb") as f:
        for m in msgs:
            f.write(b"From sender@corp-mail.net Wed Jan  1 10:00:00 2025\n")
            data = m.as_bytes(policy=email.policy.SMTP.clone(linesep="\n"))
            f.write(data.replace(b"\nFrom ", b"\n>From "))
            f.write(b"\n")


def make_eml():
    m = MIMEMultipart(boundary="==fixture-boundary-eml==")
    m["From"] = "hr@corp-mail.net"
    m["To"] = "payroll@corp-mail.net"
    m["Subject"] = "Records"
    m["Date"] = "Sat, 04 Jan 2025 10:00:00 +0000"
    m.attach(MIMEText("See the attached record.\n", "plain", "utf-8"))
    with open("customers.docx", "rb") as f:
        att = MIMEApplication(f.read(), Name="record.docx")
    att["Content-Disposition"] = 'attachment; filename="record.docx"'
    m.attach(att)
    with open("records.eml", "wb") as f:
        f.write(m.as_bytes(policy=email.policy.SMTP))


def make_letter():
    m = MIMEMultipart(boundary="==fixture-boundary-letter==")
    m["From"] = formataddr((str(Header("Jürgen Müller", "utf-8")), "juergen.mueller@corp-mail.net"))
    m["To"] = "support@corp-mail.net"
    m["Subject"] = Header("Café", "iso-8859-1").encode()
    m["Date"] = "Sun, 05 Jan 2025 10:00:00 +0000"
    m.attach(MIMEText(
        "Grüße, bitte an sophia.turner@corp-mail.net antworten. SSN 536-22-8471\n",
        "plain", "iso-8859-1"))
    att = MIMEApplication(customers_csv(), Name="customers.csv")
    att["Content-Disposition"] = 'attachment; filename="customers.csv"'
    m.attach(att)
    with open("letter.eml", "wb") as f:
        f.write(m.as_bytes(policy=email.policy.SMTP))


def make_nested_tar():
    inner = zip_bytes([("customers/list.csv", customers_csv())])
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        tar_add(t, "logs/app.log", b"2025-01-01 login ok user=emma.scott@corp-mail.net\n")
        tar_add(t, "exports/2025.zip", inner)
    with open("nested.tar.gz", "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=MTIME) as g:
            g.write(raw.getvalue())


def make_evil_tar():
    with tarfile.open("evil.tar", "w", format=tarfile.GNU_FORMAT) as t:
        tar_add(t, "../../escape\x1b[31m.txt", b"owner grace.young@corp-mail.net\n")


def make_bomb():
    # 8 MiB of one repeated line deflates about 300-fold: far past
    # the 100:1 ratio cap, and only ~30 KB on disk.
    line = b"0000000000000000000000000000000000000000000000000000000000000000\n"
    with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo("zeros.txt", EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, line * (8 * 1024 * 1024 // len(line)))


def make_deep():
    data = zip_bytes([("secret.txt", b"deep contact lily.king@corp-mail.net\n")])
    for level in range(6, 0, -1):
        data = zip_bytes([(f"level{level}.zip", data)])
    with open("deep.zip", "wb") as f:
        f.write(data)


def make_corrupt():
    good = zip_bytes([("a.txt", b"hello zoe.adams@corp-mail.net\n" * 50)])
    # Keep the local header, garble the rest: no central directory.
    bad = good[:60] + bytes(b ^ 0x5A for b in good[60:])
    with open("corrupt.zip", "wb") as f:
        f.write(bad)


def pdf_bytes(pages):
    """A minimal PDF, one Helvetica text line per page, written by hand
    (objects, xref table with real offsets, trailer)."""
    objs = []
    n_pages = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    font = 3 + 2 * n_pages
    for i, text in enumerate(pages):
        if text is None:  # a drawing only, no text layer
            content = b"0 0 m 200 200 l S"
        else:
            content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def make_pdf():
    with open("report.pdf", "wb") as f:
        f.write(pdf_bytes(["Quarterly report", "Prepared for nora.baker@corp-mail.net", "SSN 536-22-8471"]))
    with open("scanned.pdf", "wb") as f:
        f.write(pdf_bytes([None]))
    # pypdf: the same report, encrypted with a user password (AES-128).
    # Encryption salts are random: an existing file is kept as it is.
    if os.path.exists("encrypted.pdf"):
        return
    import pypdf

    reader = pypdf.PdfReader("report.pdf")
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_metadata({"/Producer": "make_fixtures.py"})
    writer._ID = None
    writer.encrypt("secret", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    with open("encrypted.pdf", "wb") as f:
        f.write(buf.getvalue())


def main():
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    make_docx()
    make_xlsx()
    make_pptx()
    make_odt()
    make_ods()
    make_mbox()
    make_eml()
    make_letter()
    make_nested_tar()
    make_evil_tar()
    make_bomb()
    make_deep()
    make_corrupt()
    make_pdf()


if __name__ == "__main__":
    main()
