//! Documents and archives through the real binary: members of zip and tar
//! (gzip, zstd) archives, Office files and email exports are scanned as
//! files of their own, with `!`-joined paths; bombs, deep nesting and
//! damaged archives are reported and never stop the run. Fixtures are
//! made by tests/data/documents/make_fixtures.py (see the README there).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::gzip;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/documents")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("piiscan").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("PIISCAN_BASELINE_KEY")
        .args(args)
        .output()
        .unwrap()
}

/// `scan --format jsonl` of fixtures, run from the fixture directory.
fn scan(args: &[&str]) -> (Output, Vec<Value>) {
    let mut all = vec!["scan", "--format", "jsonl", "--no-config"];
    all.extend_from_slice(args);
    let out = run(&data(), &all);
    let findings = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out, findings)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// (path, kind) of every finding.
fn found(findings: &[Value]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(findings: &[Value], path: &str, kind: &str) -> bool {
    found(findings).iter().any(|(p, k)| p == path && k == kind)
}

#[test]
fn docx_table_name_and_ssn() {
    let (out, f) = scan(&["customers.docx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let part = "customers.docx!word/document.xml";
    assert!(has(&f, part, "us_ssn"), "{:?}", found(&f));
    assert!(has(&f, part, "person_name"), "{:?}", found(&f));
    assert!(has(&f, part, "email"), "{:?}", found(&f));
    // Offsets are into the part's extracted text: line 4 is the table row.
    let ssn = f.iter().find(|x| x["kind"] == "us_ssn").unwrap();
    assert_eq!(ssn["line"], 4);
    assert_eq!(ssn["masked"], "***-**-8471");
    assert!(ssn.get("value").is_none(), "no raw value without --reveal");
}

#[test]
fn xlsx_email_column_named_by_cell() {
    let (out, f) = scan(&["contacts.xlsx", "--reveal"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let c2 = f
        .iter()
        .find(|x| x["path"] == "contacts.xlsx!Customers!C2")
        .expect("C2 finding");
    assert_eq!(c2["kind"], "email");
    assert_eq!(c2["value"], "olivia.brown@corp-mail.net");
    // Offsets and column are into the cell's own text.
    assert_eq!(c2["start"], 0);
    assert_eq!(c2["column"], 1);
    assert!(has(&f, "contacts.xlsx!Customers!C3", "email"));
    assert!(has(&f, "contacts.xlsx!Customers!B2", "person_name"));
    let b3 = f.iter().find(|x| x["path"] == "contacts.xlsx!Notes!B3").unwrap();
    assert_eq!(b3["column"], 11, "inside the cell 'call back ...'");
}

#[test]
fn pptx_odt_and_ods() {
    let (_, f) = scan(&["slides.pptx", "visitors.odt", "people.ods"]);
    assert!(has(&f, "slides.pptx!ppt/slides/slide1.xml", "email"));
    assert!(has(&f, "visitors.odt!content.xml", "email"));
    assert!(has(&f, "people.ods!People!B2", "email"));
    assert!(has(&f, "people.ods!People!A2", "person_name"));
}

#[test]
fn mbox_base64_attachment_with_customer_csv() {
    let (out, f) = scan(&["inbox.mbox"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let csv = "inbox.mbox!msg-2!customers.csv";
    assert!(has(&f, csv, "us_ssn"), "{:?}", found(&f));
    assert!(has(&f, csv, "email"));
    assert!(has(&f, csv, "person_name"));
    // RFC 2047 encoded display name, decoded.
    assert!(has(&f, "inbox.mbox!msg-1", "person_name"), "{:?}", found(&f));
    // The HTML-only message, reduced to text.
    let html = f
        .iter()
        .filter(|x| x["path"] == "inbox.mbox!msg-3")
        .map(|x| x["masked"].as_str().unwrap())
        .collect::<Vec<_>>();
    assert!(html.contains(&"c***@c********.net"), "{html:?}");
}

#[test]
fn eml_attachment_expanded_as_a_document() {
    let (_, f) = scan(&["records.eml"]);
    assert!(has(&f, "records.eml!message", "email"), "{:?}", found(&f));
    assert!(has(&f, "records.eml!record.docx!word/document.xml", "us_ssn"));
}

#[test]
fn zip_inside_tar_gz() {
    let (out, f) = scan(&["nested.tar.gz"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(has(&f, "nested.tar.gz!logs/app.log", "email"));
    let csv = "nested.tar.gz!exports/2025.zip!customers/list.csv";
    assert!(has(&f, csv, "us_ssn"), "{:?}", found(&f));
    // Line numbers restart in every member.
    let first = f.iter().find(|x| x["path"] == csv).unwrap();
    assert_eq!(first["line"], 2);
}

#[test]
fn zip_bomb_is_capped_and_reported_partial() {
    let started = std::time::Instant::now();
    let (out, _) = scan(&["bomb.zip"]);
    assert_eq!(out.status.code(), Some(2), "partial is not clean");
    let err = stderr(&out);
    assert!(
        err.contains(
            "bomb.zip!zeros.txt: partial: compression ratio over 100:1"
        ),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn deep_nesting_is_capped_and_reported_partial() {
    let (out, f) = scan(&["deep.zip"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "deep.zip!level1.zip!level2.zip!level3.zip!level4.zip: partial: \
             not opened: nested deeper than 4 containers"
        ),
        "{err}"
    );
    assert!(f.is_empty());
    // A higher limit reaches the bottom.
    let (out, f) = scan(&["deep.zip", "--archive-depth", "8"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let deepest = "deep.zip!level1.zip!level2.zip!level3.zip!level4.zip!\
                   level5.zip!level6.zip!secret.txt";
    assert!(has(&f, deepest, "email"), "{:?}", found(&f));
}

#[test]
fn corrupt_zip_is_an_error_and_the_scan_goes_on() {
    let (out, f) = scan(&["corrupt.zip", "customers.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("corrupt.zip: corrupt zip archive"),
        "{}",
        stderr(&out)
    );
    assert!(has(&f, "customers.docx!word/document.xml", "us_ssn"));
}

#[test]
fn member_names_are_sanitized() {
    let (out, f) = scan(&["evil.tar"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let path = f[0]["path"].as_str().unwrap();
    assert_eq!(path, "evil.tar!escape\\u{1b}[31m.txt");
    assert!(!path.contains('\x1b') && !path.contains(".."));
}

#[test]
fn archive_depth_zero_reads_files_as_before() {
    let (out, f) =
        scan(&["--archive-depth", "0", "customers.docx", "nested.tar.gz"]);
    // The zip is binary and skipped; the tar.gz is one stream of tar
    // records (its zip member is compressed, its log line is text).
    assert!(f.iter().all(|x| !x["path"].as_str().unwrap().contains('!')));
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn plain_eml_is_scanned_as_the_file_it_is() {
    let dir = TempDir::new().unwrap();
    let raw = "From: Ava Jones <ava.jones@corp-mail.net>\nSubject: hi\n\
               Content-Type: text/plain; charset=utf-8\n\nCall me.\n";
    std::fs::write(dir.path().join("plain.eml"), raw).unwrap();
    let out = run(
        dir.path(),
        &["scan", "--format", "jsonl", "--no-config", "plain.eml"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Offsets into the file itself.
    assert!(
        text.contains(
            "\"path\":\"plain.eml\",\"line\":1,\"column\":18,\"start\":17"
        ),
        "{text}"
    );
    // And it is redacted like any text file.
    let out = run(dir.path(), &["redact", "--in-place", "plain.eml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(dir.path().join("plain.eml")).unwrap();
    assert!(after.starts_with("From: [PERSON_NAME] <[EMAIL]>\n"), "{after}");
}

#[test]
fn gz_that_is_not_a_tar_stays_a_stream() {
    let dir = TempDir::new().unwrap();
    let line = b"login user=emma.scott@corp-mail.net\n";
    std::fs::write(dir.path().join("app.log.gz"), gzip(line)).unwrap();
    std::fs::write(dir.path().join("fake.tar.gz"), gzip(line)).unwrap();
    let out =
        run(dir.path(), &["scan", "--format", "jsonl", "--no-config", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"path\":\"./app.log.gz\""), "{text}");
    assert!(text.contains("\"path\":\"./fake.tar.gz\""), "{text}");
    assert!(!text.contains('!'));
}

#[test]
fn tar_zst_members() {
    let dir = TempDir::new().unwrap();
    let mut builder = tar::Builder::new(Vec::new());
    let body = b"name,email\nAva Jones,ava.jones@corp-mail.net\n";
    let mut header = tar::Header::new_ustar();
    header.set_size(body.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    builder.append_data(&mut header, "export/people.csv", &body[..]).unwrap();
    let tar = builder.into_inner().unwrap();
    let zst = zstd::encode_all(&tar[..], 3).unwrap();
    std::fs::write(dir.path().join("backup.tar.zst"), zst).unwrap();
    let out = run(
        dir.path(),
        &["scan", "--format", "jsonl", "--no-config", "backup.tar.zst"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"path\":\"backup.tar.zst!export/people.csv\""),
        "{text}"
    );
}

#[test]
fn total_extracted_size_is_capped() {
    let (out, _) = scan(&["--max-decompressed", "100", "nested.tar.gz"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("partial: extracted size cap of 100 bytes reached"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn baseline_covers_member_paths() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    std::fs::copy(data().join("nested.tar.gz"), d.join("nested.tar.gz"))
        .unwrap();
    std::fs::copy(data().join("contacts.xlsx"), d.join("contacts.xlsx"))
        .unwrap();
    let out = run(d, &["baseline"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text =
        std::fs::read_to_string(d.join(".piiscan-baseline.json")).unwrap();
    assert!(
        text.contains("nested.tar.gz!exports/2025.zip!customers/list.csv"),
        "{text}"
    );
    let out = run(d, &["scan", "--baseline", ".piiscan-baseline.json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stderr(&out),
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Copy fixtures into a fresh directory.
fn copies(names: &[&str]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for n in names {
        std::fs::copy(data().join(n), dir.path().join(n)).unwrap();
    }
    dir
}

/// Every XML part of a zip parses; returns the concatenated text nodes.
fn reparse_office(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("still a zip");
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut reader = quick_xml::Reader::from_reader(&bytes[..]);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => {
                    text.push_str(&String::from_utf8_lossy(&t));
                    text.push(' ');
                }
                Ok(_) => {}
                Err(e) => panic!("{}!{name}: {e}", path.display()),
            }
        }
    }
    text
}

#[test]
fn redacted_office_files_reopen_and_contain_no_finding() {
    let names = [
        "customers.docx",
        "contacts.xlsx",
        "slides.pptx",
        "visitors.odt",
        "people.ods",
    ];
    let dir = copies(&names);
    let d = dir.path();
    let out = run(d, &["redact", "--in-place", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "redacted ./customers.docx: email 1, person_name 1, us_ssn 1"
        ),
        "{err}"
    );
    for n in names {
        let text = reparse_office(&d.join(n));
        assert!(!text.contains("corp-mail.net"), "{n}: {text}");
        assert!(!text.contains("8471"), "{n}");
    }
    let docx = reparse_office(&d.join("customers.docx"));
    assert!(docx.contains("Customer record"), "untouched text stays");
    assert!(
        docx.contains("[US_SSN]") && docx.contains("[PERSON_NAME]"),
        "{docx}"
    );
    let xlsx = reparse_office(&d.join("contacts.xlsx"));
    assert!(xlsx.contains("[EMAIL]"), "{xlsx}");
    // Scanned again: nothing left.
    let out = run(d, &["scan", "--format", "jsonl", "--no-config", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Redacting again changes nothing.
    let before = std::fs::read(d.join("customers.docx")).unwrap();
    let out = run(d, &["redact", "--in-place", "."]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(d.join("customers.docx")).unwrap(), before);
}

#[test]
fn redacted_tar_gz_keeps_members_and_nested_zip() {
    let dir = copies(&["nested.tar.gz", "evil.tar"]);
    let d = dir.path();
    let out = run(d, &["redact", "--in-place", "nested.tar.gz", "evil.tar"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let gz = std::fs::File::open(d.join("nested.tar.gz")).unwrap();
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(gz));
    let mut names = Vec::new();
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        names.push(e.path().unwrap().to_string_lossy().into_owned());
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut body).unwrap();
        if names.last().unwrap() == "logs/app.log" {
            assert_eq!(body, b"2025-01-01 login ok user=[EMAIL]\n");
        }
    }
    assert_eq!(names, ["logs/app.log", "exports/2025.zip"]);
    let out = run(d, &["scan", "--format", "jsonl", "--no-config", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn redact_into_a_directory_leaves_the_original() {
    let dir = copies(&["contacts.xlsx"]);
    let d = dir.path();
    let before = std::fs::read(d.join("contacts.xlsx")).unwrap();
    let out = run(d, &["redact", "contacts.xlsx", "-o", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(d.join("contacts.xlsx")).unwrap(), before);
    assert!(reparse_office(&d.join("out/contacts.xlsx")).contains("[EMAIL]"));
}

#[test]
fn pdf_and_capped_archives_are_refused_untouched() {
    let names = ["report.pdf", "bomb.zip", "deep.zip"];
    let dir = copies(&names);
    let d = dir.path();
    let out = run(d, &["redact", "--in-place", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("./report.pdf: PDF cannot be redacted in place"),
        "{err}"
    );
    assert!(
        err.contains(
            "bomb.zip!zeros.txt: partial: compression ratio over 100:1"
        ),
        "{err}"
    );
    assert!(err.contains("not rewritten"), "{err}");
    for n in names {
        assert_eq!(
            std::fs::read(d.join(n)).unwrap(),
            std::fs::read(data().join(n)).unwrap(),
            "{n}"
        );
    }
}

#[test]
fn pdf_findings_per_page_and_unscanned_pdfs_reported() {
    let (out, f) = scan(&["report.pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(has(&f, "report.pdf!page-2", "email"), "{:?}", found(&f));
    assert!(has(&f, "report.pdf!page-3", "us_ssn"));
    let (out, f) = scan(&["encrypted.pdf", "scanned.pdf", "report.pdf"]);
    assert_eq!(out.status.code(), Some(2), "unscanned is not clean");
    let err = stderr(&out);
    assert!(err.contains("encrypted.pdf: unscanned: encrypted PDF"), "{err}");
    assert!(err.contains("scanned.pdf: unscanned: no text layer"), "{err}");
    assert!(has(&f, "report.pdf!page-3", "us_ssn"), "the run goes on");
}

#[test]
fn redacted_emails_keep_their_structure_and_contain_no_finding() {
    let dir = copies(&["letter.eml", "records.eml", "inbox.mbox"]);
    let d = dir.path();
    let out = run(d, &["redact", "--in-place", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "redacted ./letter.eml: email 5, person_name 3, us_ssn 3"
        ),
        "{err}"
    );
    let letter = std::fs::read(d.join("letter.eml")).unwrap();
    let text = String::from_utf8_lossy(&letter);
    // The sender's name is an encoded word again; the ISO-8859-1 text is
    // quoted-printable again (umlauts kept), the boundaries untouched.
    assert!(text.contains("From: =?utf-8?B?"), "{text}");
    assert!(
        text.contains("Gr=FC=DFe, bitte an [EMAIL] antworten. SSN [US_SSN]"),
        "{text}"
    );
    assert_eq!(
        text.matches("--==fixture-boundary-letter==").count(),
        3,
        "{text}"
    );
    // Parsed again: the attachment decodes to the redacted CSV.
    let msg =
        mail_parser::MessageParser::default().parse(&letter[..]).unwrap();
    let csv = msg.attachments().next().unwrap().contents().to_vec();
    assert!(String::from_utf8(csv)
        .unwrap()
        .starts_with("name,email,ssn\n[PERSON_NAME],[EMAIL],[US_SSN]\n"));
    // Every message of the mailbox, its From lines kept.
    let mbox = std::fs::read_to_string(d.join("inbox.mbox")).unwrap();
    assert_eq!(
        mbox.matches("From sender@corp-mail.net Wed Jan  1").count(),
        3
    );
    // The attached .docx of records.eml was redacted in turn; nothing is
    // found in any message any more.
    let out = run(d, &["scan", "--format", "jsonl", "--no-config", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Damaged documents (every fixture cut short at many points, and with
/// bytes flipped) are reported, never crash the run.
#[test]
fn truncated_and_garbled_documents_never_crash() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let mut n = 0;
    for entry in std::fs::read_dir(data()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".py") || name.ends_with(".md") || name == "bomb.zip"
        {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for k in 1..8 {
            let cut = bytes.len() * k / 8;
            std::fs::write(d.join(format!("cut{k}-{name}")), &bytes[..cut])
                .unwrap();
            let mut garbled = bytes.clone();
            for i in (k * 97..garbled.len()).step_by(211) {
                garbled[i] ^= 0x55;
            }
            std::fs::write(d.join(format!("flip{k}-{name}")), &garbled)
                .unwrap();
            n += 2;
        }
    }
    let out = run(d, &["scan", "--format", "jsonl", "--no-config", "."]);
    let code = out.status.code();
    assert!(matches!(code, Some(0..=2)), "{code:?}: {}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\x1b'), "messages are escaped");
    // Redaction of the same files: failures are reported per file.
    let out = run(d, &["redact", "--in-place", "."]);
    assert!(matches!(out.status.code(), Some(0..=2)), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(n > 100);
}

#[test]
fn pdf_into_a_directory_becomes_a_redacted_text_rendition() {
    let dir = copies(&["report.pdf"]);
    let d = dir.path();
    let out = run(d, &["redact", "report.pdf", "-o", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!d.join("out/report.pdf").exists(), "the PDF is not copied");
    let text = std::fs::read_to_string(d.join("out/report.pdf.txt")).unwrap();
    assert!(text.contains("[EMAIL]") && text.contains("[US_SSN]"), "{text}");
    assert!(!text.contains("corp-mail.net"), "{text}");
    assert!(text.contains("Quarterly report"), "{text}");
}

#[test]
fn a_zip_by_another_name_is_still_expanded() {
    let dir = copies(&["customers.docx"]);
    let d = dir.path();
    std::fs::rename(d.join("customers.docx"), d.join("blob.bin")).unwrap();
    let out = run(d, &["scan", "--format", "jsonl", "--no-config", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"path\":\"./blob.bin!word/document.xml\""),
        "{text}"
    );
}

#[test]
fn dry_run_and_check_report_documents_and_write_nothing() {
    let dir = copies(&["contacts.xlsx", "letter.eml"]);
    let d = dir.path();
    let out = run(d, &["redact", "--check", "--in-place", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("would redact ./contacts.xlsx: email 3, person_name 2"),
        "{err}"
    );
    assert!(err.contains("would redact ./letter.eml:"), "{err}");
    for n in ["contacts.xlsx", "letter.eml"] {
        assert_eq!(
            std::fs::read(d.join(n)).unwrap(),
            std::fs::read(data().join(n)).unwrap()
        );
    }
}

#[test]
fn latin1_quoted_printable_text_and_encoded_sender_are_decoded() {
    let (out, f) = scan(&["letter.eml", "--reveal"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let values: Vec<(&str, &str)> = f
        .iter()
        .map(|x| (x["path"].as_str().unwrap(), x["value"].as_str().unwrap()))
        .collect();
    assert!(
        values.contains(&("letter.eml!message", "Jürgen Müller")),
        "{values:?}"
    );
    assert!(values
        .contains(&("letter.eml!message", "sophia.turner@corp-mail.net")));
    assert!(values.contains(&("letter.eml!message", "536-22-8471")));
    assert!(values.contains(&(
        "letter.eml!customers.csv",
        "james.walker@corp-mail.net"
    )));
}

/// A large plain member of a tar is streamed in chunks instead of held
/// whole; the findings are the same either way (paths, lines, offsets).
#[test]
fn large_tar_members_stream_with_the_same_findings() {
    use piiscan::catalog::{Catalog, DEFAULT_MIN_CONFIDENCE};
    use piiscan::engine::{Engine, EngineOptions};
    use piiscan::input::Input;
    use piiscan::pipeline::{self, Event, PipelineOptions, Sink};

    struct Collect(Vec<String>);
    impl Sink for Collect {
        fn event(&mut self, input: &Input, e: Event) -> std::io::Result<()> {
            match e {
                Event::Findings(f) => self.0.extend(f.iter().map(|f| {
                    format!(
                        "{} {}:{} {}..{} {}",
                        f.path, f.line, f.column, f.start, f.end, f.kind
                    )
                })),
                Event::Done { bytes, member } => self
                    .0
                    .push(format!("done {} {bytes} {member}", input.display)),
                Event::Error(e) => self.0.push(format!("error {e}")),
                Event::Partial(m) => self.0.push(format!("partial {m}")),
                Event::Skipped(r) => self.0.push(format!("skipped {r}")),
            }
            Ok(())
        }
    }

    let dir = TempDir::new().unwrap();
    let mut csv = String::from("id,name,email\n");
    for i in 0..200_000 {
        csv.push_str(&format!("{i},Ava Jones,user{i}@corp-mail.net\n"));
    }
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_ustar();
    header.set_size(csv.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    builder
        .append_data(&mut header, "big/people.csv", csv.as_bytes())
        .unwrap();
    let path = dir.path().join("export.tar.gz");
    std::fs::write(&path, gzip(&builder.into_inner().unwrap())).unwrap();

    let catalog = Catalog::builtin().unwrap();
    let engine = Engine::new(
        &catalog,
        &EngineOptions {
            only: vec!["email".into()],
            exclude: vec![],
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        },
    )
    .unwrap();
    let run = |stream_member: u64| {
        let mut options = PipelineOptions {
            open: Default::default(),
            reveal: false,
            threads: 2,
            documents: Default::default(),
        };
        options.documents.limits.stream_member = stream_member;
        let mut sink = Collect(Vec::new());
        pipeline::run(&engine, &[Input::path(&path)], &options, &mut sink)
            .unwrap();
        sink.0
    };
    let streamed = run(1 << 20);
    let whole = run(u64::MAX);
    // The findings, the member's end and the archive's end.
    assert_eq!(streamed.len(), 200_002, "{:?}", &streamed[..3]);
    assert!(streamed[200_000].ends_with(" true"), "{}", streamed[200_000]);
    assert!(streamed[200_001].ends_with(" 0 false"), "{}", streamed[200_001]);
    assert_eq!(streamed, whole);
    let last = format!("{}!big/people.csv 200001:", path.display());
    assert!(streamed[199_999].starts_with(&last), "{}", streamed[199_999]);
}

#[test]
fn stats_count_a_document_once_and_its_members_apart() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in
        [("a.csv", "id,email\n1,ann@corp-mail.net\n"), ("b.txt", "hi\n")]
    {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    std::fs::write(d.join("pack.zip"), zip.finish().unwrap().into_inner())
        .unwrap();
    std::fs::write(d.join("plain.log"), "nothing here\n").unwrap();
    let out = run(d, &["scan", "--stats", "--no-config", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("files scanned: 2\n"), "{err}");
    assert!(
        err.contains("members scanned (inside documents and archives): 2\n"),
        "{err}"
    );
    let out = run(d, &["scan", "--format", "json", "--no-config", "."]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["files_scanned"], 2);
    assert_eq!(doc["summary"]["members_scanned"], 2);
}

#[test]
fn yaml_and_json_members_keep_their_values_typed_after_redaction() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let members = [
        ("conf/seed.yaml", "users:\n  - email: ann@corp-mail.net\n"),
        ("data/n.json", "{\"ssn\": 536228741}\n"),
        ("notes.txt", "mail ann@corp-mail.net\n"),
    ];
    for (name, text) in members {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    std::fs::write(d.join("pack.zip"), zip.finish().unwrap().into_inner())
        .unwrap();
    let out = run(d, &["redact", "--in-place", "pack.zip"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(d.join("pack.zip")).unwrap())
            .unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s)
            .unwrap();
        s
    };
    assert_eq!(read("conf/seed.yaml"), "users:\n  - email: \"[EMAIL]\"\n");
    assert_eq!(read("data/n.json"), "{\"ssn\": \"[US_SSN]\"}\n");
    assert_eq!(read("notes.txt"), "mail [EMAIL]\n");
}
