//! Field-aware context: the name of the field a value sits in.
//!
//! In structured text the field name is evidence: a value in an `ssn`
//! column is an SSN even without dashes, a bare `Wanjiru Kamau` under
//! `customer_name` is a person. This module answers one question for a
//! candidate span: which field holds it? It reads
//!
//! - the key just before the value in JSON (`"key": "v"`), JSON lines,
//!   `key=value` / `key="value"` logs (logfmt) and YAML (`key: v`); for
//!   a JSON name/value pair's `value`, the qualifier of its object
//!   (`"system": ".../nhs-number"`); the key of a JSON array holding the
//!   value; the XML element (or its `Name` attribute) the value is the
//!   text of; a printed form's label (`Surname   NGUYEN`);
//! - the column of a CSV/TSV cell, from the file's header row
//!   ([`CsvHeader::parse`]; the pipeline hands the engine the first line
//!   of a streamed file with every later chunk), or a W3C log's
//!   `#Fields:` directive;
//! - the column of a SQL dump's row or of a PostgreSQL log's parameter
//!   ([`SqlCells`]);
//! - whether the file is an HL7 v2 feed, a vCard/iCalendar file, an X12
//!   or an EDIFACT interchange, an ACH file, SWIFT messages, an IRS FIRE
//!   file, a Spanish direct-debit file, a Brazilian CNAB 240 or DIRF file, an
//!   Indian EPFO upload, an xDT file, a CESP transaction file or a chat
//!   export, whose fields
//!   [`super::hl7`], [`super::vcard`], [`super::x12`],
//!   [`super::edifact`], [`super::nacha`], [`super::swift`],
//!   [`super::fire`], [`super::n19`], [`super::modelo190`],
//!   [`super::cnab240`], [`super::dirf`],
//!   [`super::epfo`], [`super::xdt`], [`super::cesp`] and
//!   [`super::chat`] read.
//!
//! It looks back a bounded way (a line, a JSON object of at most 512
//! bytes, a few array elements), never allocates per lookup, and knows
//! nothing about kinds: callers
//! match the field name against their own words (a rule's context words,
//! the name detector's field classes).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::{meta, Anchored, Input};

use super::hl7;
use super::sql::SqlCells;
use super::Match;
use crate::catalog::Rule;

/// Longest key or header cell considered a field name.
const MAX_KEY: usize = 48;
/// Longest column name a header may have: form exports name columns by
/// their questions (`What's your first name?`); only the first
/// [`MAX_KEY`] bytes are compared with known names.
const MAX_COLUMN_NAME: usize = 128;
/// Longest header line read.
const MAX_HEADER: usize = 4096;
/// Columns read from a header.
const MAX_COLUMNS: usize = 64;
/// Record types read from an import's descriptions.
const MAX_RECORD_TYPES: usize = 32;

/// What a haystack tells about the fields its values sit in: the CSV
/// header of its file, the columns of its SQL rows.
#[derive(Debug, Default)]
pub(crate) struct FieldMap {
    pub(crate) csv: Option<CsvHeader>,
    pub(crate) sql: Option<SqlCells>,
    /// The file is an HL7 v2 feed with these delimiters.
    pub(crate) hl7: Option<hl7::Delimiters>,
    /// The file is a vCard address book or an iCalendar file.
    pub(crate) vcard: bool,
    /// The file is a GEDCOM family tree.
    pub(crate) gedcom: bool,
    /// The file is an X12 EDI interchange with these delimiters.
    pub(crate) x12: Option<super::x12::Delimiters>,
    /// The file is a UN/EDIFACT interchange with these separators.
    pub(crate) edifact: Option<super::edifact::Delimiters>,
    /// The file is a NACHA ACH file.
    pub(crate) nacha: bool,
    /// The file holds SWIFT FIN messages.
    pub(crate) swift: bool,
    /// The file is an IRS FIRE information-return file.
    pub(crate) fire: bool,
    /// The file is a Spanish Cuaderno 19 direct-debit file.
    pub(crate) n19: bool,
    /// The file is a Spanish Modelo 190 withholding return.
    pub(crate) modelo190: bool,
    /// The file is a Brazilian CNAB 240 bank file.
    pub(crate) cnab240: bool,
    /// The file is a Brazilian DIRF return.
    pub(crate) dirf: bool,
    /// The file is an Indian EPFO upload with this many fields a line.
    pub(crate) epfo: Option<usize>,
    /// The file is a German xDT file (BDT, GDT, LDT).
    pub(crate) xdt: bool,
    /// The file is a CESP transaction file (RESP promoters to ESDC).
    pub(crate) cesp: bool,
    /// The file is fixed-width records with no header, laid out so.
    pub(crate) fixed_records: Option<super::fixed_records::Layout>,
    /// The file is a chat export (WhatsApp's text export).
    pub(crate) chat: bool,
    /// The file is a Telegram Desktop export (`result.json`).
    pub(crate) telegram: bool,
    /// The file's head is written in Chinese.
    pub(crate) chinese: bool,
    /// The file's head is written mostly in capitals: a mainframe's print
    /// (see [`super::report_authors::sniff_capitals`]).
    pub(crate) capitals: bool,
    /// The file is a pretty-printed JSON document (one key per line or
    /// a few).
    pub(crate) json: bool,
    /// The file is an indented document of `key: value` lines (YAML,
    /// protocol buffers' text format).
    pub(crate) keyed: bool,
    /// The file is an XML document.
    pub(crate) xml: bool,
    /// The haystack holds a query result printed as text, its header
    /// underlined with dashes ([`underlined_column_above`]).
    pub(crate) underlined: bool,
    /// The haystack holds MyBatis's bound parameters
    /// ([`super::mybatis`]).
    pub(crate) mybatis: bool,
    /// The haystack holds a table drawn in a box of `|` and `+---+`, or
    /// of box-drawing characters ([`boxed_column_above`]).
    pub(crate) boxed: bool,
    /// The header rows of the HTML tables in an XML or HTML haystack.
    pub(crate) tables: Option<super::html_tables::TableHeaders>,
    /// The file is an import whose record types a schema section names
    /// (DATEV ASCII import).
    pub(crate) records: Option<RecordHeaders>,
}

impl FieldMap {
    /// The fields of `hay`, whose matches start in `body`, in `file`.
    pub(crate) fn new(
        file: &super::FileStart<'_>,
        hay: &[u8],
        body: Range<usize>,
    ) -> FieldMap {
        let body_start = body.start;
        // Headers below the body name nothing in it (and a mapped file's
        // chunk may see the whole file).
        let above = &hay[..body.end.min(hay.len())];
        let xml = super::xml_elements::sniff(file.head);
        let csv = CsvHeader::parse(file.head, file.at_hay);
        let cesp = super::cesp::sniff(file.head);
        let fire = super::fire::sniff(file.head);
        let nacha = super::nacha::sniff(file.head);
        let n19 = super::n19::sniff(file.head);
        let modelo190 = super::modelo190::sniff(file.head);
        let cnab240 = super::cnab240::sniff(file.head);
        let dirf = super::dirf::sniff(file.head);
        let epfo = super::epfo::sniff(file.head);
        // A layout read off the records, where no format says it.
        let known_format = csv.is_some()
            || cesp
            || fire
            || nacha
            || n19
            || modelo190
            || cnab240
            || dirf
            || epfo.is_some();
        let underlined = csv.is_none()
            && !xml
            && holds_underlined_table(
                &hay[body_start.saturating_sub(UNDERLINE_LOOKBACK)
                    ..above.len()],
            );
        let boxed = csv.is_none()
            && !xml
            && holds_box_border(
                &hay[body_start.saturating_sub(UNDERLINE_LOOKBACK)
                    ..above.len()],
            );
        // A MyBatis log says so early: its statements come every few
        // lines (the file's head, or the chunk's first bytes).
        let mybatis = !xml && {
            let window = &hay[body_start..above.len()];
            let marker = b"==> Parameters: ";
            let early = |t: &[u8]| {
                memchr::memmem::find(&t[..t.len().min(MYBATIS_WINDOW)], marker)
                    .is_some()
            };
            early(window) || early(file.head)
        };
        FieldMap {
            underlined,
            boxed,
            mybatis,
            fixed_records: (!xml && !known_format)
                .then(|| super::fixed_records::Layout::sniff(file.head))
                .flatten(),
            csv,
            sql: SqlCells::parse(hay, body_start, file.sql),
            hl7: hl7::Delimiters::sniff(file.head),
            vcard: super::vcard::sniff(file.head),
            gedcom: super::gedcom::sniff(file.head),
            x12: super::x12::Delimiters::sniff(file.head),
            edifact: super::edifact::Delimiters::sniff(file.head),
            nacha,
            swift: super::swift::sniff(file.head),
            fire,
            n19,
            modelo190,
            cnab240,
            dirf,
            epfo,
            xdt: super::xdt::sniff(file.head),
            cesp,
            chat: super::chat::sniff(file.head),
            telegram: super::chat::sniff_telegram(file.head),
            chinese: super::chinese_text::sniff(file.head),
            capitals: super::report_authors::sniff_capitals(file.head),
            json: super::json_pairs::sniff(file.head),
            keyed: !xml && super::keyed_lines::sniff(file.head),
            xml,
            tables: xml
                .then(|| {
                    let head = (!file.at_hay).then_some(file.head);
                    super::html_tables::TableHeaders::parse(above, head)
                })
                .flatten(),
            records: RecordHeaders::parse(file.head, above),
        }
    }

    /// The CSV columns describe a person (see [`CsvHeader::names_people`]).
    pub(crate) fn names_people(&self) -> bool {
        self.csv.as_ref().is_some_and(CsvHeader::names_people)
    }

    /// The file is a fixed-width report (see [`CsvHeader::fixed_width`]).
    pub(crate) fn fixed_width(&self) -> bool {
        self.csv.as_ref().is_some_and(|h| h.fixed)
    }
}

/// The columns of each record type of an import file that describes its
/// records before them: DATEV's ASCII import (LODAS, Lohn und Gehalt)
/// starts with `[Allgemein]`, names each record's fields in a
/// `[Satzbeschreibung]` line (`10;u_lod_psd_mitarbeiter;pnr#psd;
/// duevo_familienname#psd;...`), and starts each data row with its
/// record number (`10;1001;"Bauer";...`).
/// QuickBooks' IIF lists do the same with a tab-separated `!` line before
/// each section (`!CUST\tNAME\tBADDR1...`, then `CUST\t"Whitaker,
/// Dale"\t...`).
#[derive(Debug, Clone, Default)]
pub(crate) struct RecordHeaders {
    delim: u8,
    records: Vec<(Vec<u8>, CsvHeader)>,
}

impl RecordHeaders {
    /// The record descriptions of the file starting with `head`, if it is
    /// such an import: DATEV's in `head`, IIF's wherever they are in
    /// `hay` (a section's header is above its rows).
    pub(crate) fn parse(head: &[u8], hay: &[u8]) -> Option<RecordHeaders> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        if head.starts_with(b"!") {
            return RecordHeaders::parse_iif(hay);
        }
        if !head.starts_with(b"[Allgemein]") {
            return None;
        }
        let section = memchr::memmem::find(head, b"[Satzbeschreibung]")?;
        let mut records = Vec::new();
        let lines = head[section..].split(|&b| b == b'\n').skip(1);
        for line in lines.take_while(|l| !l.starts_with(b"[")) {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let mut cells = line.split(|&b| b == b';');
            let Some(id) = cells
                .next()
                .filter(|c| !c.is_empty() && c.iter().all(u8::is_ascii_digit))
            else {
                continue;
            };
            // The table's name, then `field#area` names.
            let names: Vec<&[u8]> = cells
                .skip(1)
                .map(|c| c.split(|&b| b == b'#').next().unwrap_or(c))
                .filter(|c| !c.is_empty())
                .collect();
            let mut columns = b"satz".to_vec();
            for name in names {
                columns.push(b';');
                columns.extend_from_slice(name);
            }
            if let Some(header) = CsvHeader::from_line(&columns, b';', false) {
                records.push((id.to_vec(), header));
            }
        }
        (!records.is_empty()).then_some(RecordHeaders { delim: b';', records })
    }

    /// The `!TYPE` header lines of an IIF file in `hay`, each naming the
    /// columns of the rows that start with `TYPE`.
    fn parse_iif(hay: &[u8]) -> Option<RecordHeaders> {
        let mut records: Vec<(Vec<u8>, CsvHeader)> = Vec::new();
        let mut at = 0;
        while at < hay.len() {
            let end = memchr::memchr(b'\n', &hay[at..])
                .map_or(hay.len(), |i| at + i);
            let line = &hay[at..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            at = end + 1;
            let Some(rest) = line.strip_prefix(b"!") else { continue };
            let Some(tab) = memchr::memchr(b'\t', rest) else { continue };
            let id = &rest[..tab];
            if id.is_empty()
                || !id.iter().all(u8::is_ascii_uppercase)
                || records.iter().any(|(known, _)| known == id)
                || records.len() == MAX_RECORD_TYPES
            {
                continue;
            }
            // The first column holds the record type.
            let mut columns = b"type".to_vec();
            columns.extend_from_slice(&rest[tab..]);
            if let Some(header) = CsvHeader::from_line(&columns, b'\t', false)
            {
                records.push((id.to_vec(), header));
            }
        }
        (!records.is_empty())
            .then_some(RecordHeaders { delim: b'\t', records })
    }

    /// Which record type the data row `row` (its bytes from the line
    /// start) is: the index of its header.
    fn index_of(&self, row: &[u8]) -> Option<usize> {
        let id = row.split(|&b| b == self.delim).next()?;
        self.records.iter().position(|(i, _)| i.as_slice() == id)
    }

    /// The header of the data row `row`.
    fn header_of(&self, row: &[u8]) -> Option<&CsvHeader> {
        self.index_of(row).map(|k| &self.records[k].1)
    }
}

/// The header row of a CSV or TSV file: a copy of the line (at most
/// [`MAX_HEADER`] bytes) and its column names.
#[derive(Debug, Clone, Default)]
pub(crate) struct CsvHeader {
    delim: u8,
    line: Vec<u8>,
    columns: Vec<Range<usize>>,
    /// The header is the first line of the haystack being scanned (not
    /// of a file whose later chunk is being scanned).
    in_hay: bool,
    /// Other columns hold contact data (`email`, `phone`, `address`,
    /// `dob`, ...), so a plain `name` column names a person, not a
    /// product.
    person_record: bool,
    /// A fixed-width report: cells sit under their column's name, not
    /// between delimiters ([`split_fixed`]).
    fixed: bool,
    /// A fixed-width report's column starts, in characters.
    fixed_starts: Vec<usize>,
    /// What a plain `name` column of this table holds, worked out once
    /// ([`CsvHeader::plain_name_reads_as`]).
    plain_name: OnceLock<PlainName>,
    /// Where the data rows start in a haystack that starts the file
    /// (`in_hay`): after the header's row, which follows a report's
    /// preamble ([`preamble_header`]) or is the first line (0: the first
    /// line's end).
    data_start: usize,
}

impl CsvHeader {
    /// The header of the file starting with `head` if its first line is
    /// one: at least two cells separated by `,`, `;` or a tab, each a
    /// short identifier (letters, digits, `_`, `-`, `.`, spaces;
    /// optionally quoted) that starts with a letter. A data row has values
    /// (digits first, `@`, long text) and fails this check. `in_hay`: the
    /// haystack scanned starts with this same line.
    pub(crate) fn parse(head: &[u8], in_hay: bool) -> Option<CsvHeader> {
        let scan = &head[..head.len().min(MAX_HEADER)];
        if let Some((fields, delim)) = w3c_fields(scan) {
            return CsvHeader::from_line(fields, delim, in_hay);
        }
        if let Some((header, _)) = crate::input::fixed_width_header(scan) {
            return CsvHeader::fixed_width(&scan[header]);
        }
        // Excel and many exporters start a UTF-8 CSV with a byte-order
        // mark.
        let bom = if scan.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let scan = &scan[bom..];
        let end = memchr::memchr(b'\n', scan)?;
        let line = &scan[..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let first = delimiter_of(line)
            .and_then(|delim| CsvHeader::from_line(line, delim, in_hay));
        let below = || {
            let (row, mut header) = preamble_header(scan)?;
            header.in_hay = in_hay;
            header.data_start = bom + row.end + 1;
            Some(header)
        };
        match first {
            // A title of two cells (`Hausverwaltung GmbH;Eigentümerliste
            // 2024`) above a wider table: the table's header names the
            // columns.
            Some(header) if header.columns.len() < 3 => {
                below().or(Some(header))
            }
            Some(header) => Some(header),
            None => below(),
        }
    }

    /// The header whose names are the cells of `line`, split as RFC 4180
    /// reads a row: a form export's quoted question may hold the
    /// delimiter (`"Tell us about each dependent (name, date of birth)"`).
    fn from_line(line: &[u8], delim: u8, in_hay: bool) -> Option<CsvHeader> {
        let mut cells = Vec::new();
        if split_row(line, 0..line.len(), delim, &mut cells) != Row::Complete {
            return None;
        }
        // A Markdown table (`| # | Name | PIN |`) opens and closes its rows
        // with the delimiter: an empty column at each end.
        let markdown = delim == b'|'
            && cells.len() >= 3
            && cells.first().is_some_and(|c| c.is_empty())
            && cells.last().is_some_and(|c| c.is_empty());
        let last = cells.len().saturating_sub(1);
        let mut columns = Vec::with_capacity(cells.len());
        for (i, mut cell) in cells.into_iter().enumerate() {
            if markdown && (i == 0 || i == last || line[cell.clone()] == *b"#")
            {
                columns.push(cell);
                continue;
            }
            // MYOB and other accounting exports name a group's later
            // columns `           - City`: the dash says "same group".
            let lead =
                line[cell.clone()].iter().take_while(|&&b| b == b' ').count();
            if lead > 0 && line[cell.start + lead..cell.end].starts_with(b"- ")
            {
                cell.start += lead + 2;
            }
            // Import templates mark required columns with `*` (`*姓名`).
            if line[cell.clone()].starts_with(b"*") {
                cell.start += 1;
            }
            let name = &line[cell.clone()];
            // pandas writes its index column with an empty name, form
            // exports (Typeform) theirs as `#`.
            let index_column =
                (name.is_empty() || name == b"#") && columns.is_empty();
            if !(index_column || is_column_name(name)) {
                return None;
            }
            columns.push(cell);
        }
        if columns.len() < 2 {
            return None;
        }
        Some(CsvHeader::with_columns(line, delim, columns, in_hay))
    }

    /// The header of a fixed-width report: the names in `line`, each
    /// column running from its name's first character to the next name's.
    /// A name of several words one space apart (`Nazwisko i imię`) is
    /// read as that many columns; a row's value may run over them
    /// ([`fixed_cells`]).
    fn fixed_width(line: &[u8]) -> Option<CsvHeader> {
        let mut columns: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < line.len() {
            if line[i] == b' ' {
                i += 1;
                continue;
            }
            let end =
                memchr::memchr(b' ', &line[i..]).map_or(line.len(), |n| i + n);
            if !is_fixed_name_word(&line[i..end])
                || columns.len() == MAX_COLUMNS
            {
                return None;
            }
            columns.push(i..end);
            i = end;
        }
        // Rows are aligned in characters, not bytes (`imię`).
        let fixed_starts = columns
            .iter()
            .map(|c| {
                line[..c.start].iter().filter(|&&b| b & 0xC0 != 0x80).count()
            })
            .collect();
        let mut header = CsvHeader::with_columns(line, b' ', columns, false);
        header.fixed = true;
        header.fixed_starts = fixed_starts;
        Some(header)
    }

    /// The header of a query result printed as text: `header` (a range
    /// of `hay`) names the columns `underline` marks with its runs of
    /// dashes ([`underlined_columns`]).
    fn underlined(
        hay: &[u8],
        header: Range<usize>,
        underline: &[u8],
    ) -> Option<CsvHeader> {
        let line = &hay[header.clone()];
        let (fixed_starts, columns): (Vec<usize>, Vec<Range<usize>>) =
            underlined_columns(hay, header.clone(), underline)
                .take(MAX_COLUMNS)
                .map(|(run, name)| {
                    (
                        run.start,
                        name.start - header.start..name.end - header.start,
                    )
                })
                .unzip();
        if columns.len() < 3 || !line.is_ascii() {
            return None;
        }
        let mut header = CsvHeader::with_columns(line, b' ', columns, false);
        header.fixed = true;
        header.fixed_starts = fixed_starts;
        Some(header)
    }

    fn with_columns(
        line: &[u8],
        delim: u8,
        columns: Vec<Range<usize>>,
        in_hay: bool,
    ) -> CsvHeader {
        let any_of = |names: &[&str]| {
            columns.iter().any(|c| {
                let mut buf = [0u8; MAX_KEY];
                let norm = normalize_key(&line[c.clone()], &mut buf);
                names.iter().any(|k| k.as_bytes() == norm)
            })
        };
        CsvHeader {
            delim,
            line: line.to_vec(),
            person_record: any_of(PERSON_COLUMNS),
            columns,
            in_hay,
            fixed: false,
            fixed_starts: Vec::new(),
            plain_name: OnceLock::new(),
            data_start: 0,
        }
    }

    /// The line starting at `line` of the haystack is the header row or
    /// above it.
    fn above_data(&self, line: usize) -> bool {
        self.in_hay && (line == 0 || line < self.data_start)
    }

    /// The cell separator: `,`, `;` or a tab (`None` for a fixed-width
    /// report, whose cells no separator delimits).
    pub(crate) fn delimiter(&self) -> Option<u8> {
        (!self.fixed).then_some(self.delim)
    }

    /// Name of column `i`.
    fn column(&self, i: usize) -> Option<&[u8]> {
        self.columns.get(i).map(|r| &self.line[r.clone()])
    }

    /// The names of columns `spanned`, as the header writes them (`i`
    /// and `imię` after `Nazwisko` give `Nazwisko i imię`).
    fn columns_named(&self, spanned: Range<usize>) -> Option<&[u8]> {
        let first = self.columns.get(spanned.start)?;
        let last = self.columns.get(spanned.end.checked_sub(1)?)?;
        Some(&self.line[first.start..last.end])
    }

    /// Column `i` of a fixed-width report is one space after the column
    /// before it: its name goes on from that column's.
    fn name_goes_on(&self, i: usize) -> bool {
        let at = self.columns[i].start;
        i > 0
            && at >= 2
            && self.line[at - 1] == b' '
            && self.line[at - 2] != b' '
    }

    /// What a plain name column (`Nombre`, `Name`, `Nom`) holds beside
    /// the others: the given name beside a surname column (`Primer
    /// apellido`, `Last Name`), the surname beside a given-name column
    /// (`Prénom`), else whatever the name says.
    pub(crate) fn plain_name_reads_as(&self) -> PlainName {
        *self.plain_name.get_or_init(|| {
            PlainName::beside(
                self.columns.iter().map(|c| &self.line[c.clone()]),
            )
        })
    }

    /// True if the header describes people (see `person_record`).
    pub(crate) fn names_people(&self) -> bool {
        self.person_record
    }
}

/// What a table's plain name column holds (see
/// [`CsvHeader::plain_name_reads_as`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlainName {
    Given,
    Surname,
    AsNamed,
}

/// Words of a surname's field name, normalized (`Primer apellido`,
/// `last_name`, `Nachname`).
const SURNAME_KEY_WORDS: &[&str] = &[
    "apellido",
    "surname",
    "lastname",
    "familyname",
    "nachname",
    "achternaam",
    "nazwisko",
    "cognome",
    "sobrenome",
];

/// Words of a given name's field name, normalized (`Prénom`,
/// `first_name`, `Vorname`).
const GIVEN_KEY_WORDS: &[&str] = &[
    "prenom",
    "prnom",
    "vorname",
    "firstname",
    "givenname",
    "forename",
    "voornaam",
];

impl PlainName {
    /// What a plain name field holds beside fields named `others`: the
    /// given name beside a surname's, the surname beside a given name's,
    /// else whatever it says (beside both, or neither).
    pub(crate) fn beside<'a>(
        others: impl Iterator<Item = &'a [u8]>,
    ) -> PlainName {
        let (mut surname, mut given) = (false, false);
        for name in others {
            let mut buf = [0u8; MAX_KEY];
            let norm = normalize_key(name, &mut buf);
            let has = |words: &[&str]| holds_any(norm, words);
            surname |= has(SURNAME_KEY_WORDS);
            given |= has(GIVEN_KEY_WORDS);
        }
        match (surname, given) {
            (true, false) => PlainName::Given,
            (false, true) => PlainName::Surname,
            _ => PlainName::AsNamed,
        }
    }
}

/// The cell separator of a header line: whichever of `,`, tab, `;` and
/// `|` it holds most of.
fn delimiter_of(line: &[u8]) -> Option<u8> {
    [b',', b'\t', b';', b'|']
        .into_iter()
        .filter(|d| memchr::memchr(*d, line).is_some())
        .max_by_key(|d| memchr::memchr_iter(*d, line).count())
}

/// Lines of a report's preamble (title, filters, who exported it, a blank
/// line) looked over for the header of the table below it.
const MAX_PREAMBLE_LINES: usize = 8;

/// The header row of a CSV export that starts with a preamble, in `head`,
/// and the header it reads as: the first of its first lines that reads as
/// a header of three columns or more and is followed by a row of as many
/// cells.
pub(crate) fn preamble_header(
    head: &[u8],
) -> Option<(Range<usize>, CsvHeader)> {
    let mut lines = Vec::with_capacity(MAX_PREAMBLE_LINES + 2);
    let mut start = 0;
    while lines.len() < MAX_PREAMBLE_LINES + 2 && start < head.len() {
        let end = memchr::memchr(b'\n', &head[start..])
            .map_or(head.len(), |i| start + i);
        lines.push(trim_cr(head, start..end));
        start = end + 1;
    }
    let mut cells = Vec::new();
    lines.windows(2).skip(1).find_map(|pair| {
        let (line, row) = (pair[0].clone(), pair[1].clone());
        let delim = delimiter_of(&head[line.clone()])?;
        let header = CsvHeader::from_line(&head[line.clone()], delim, false)?;
        let columns = header.columns.len();
        let complete =
            split_row(head, row, delim, &mut cells) == Row::Complete;
        (columns >= 3 && complete && cells.len() == columns)
            .then_some((line, header))
    })
}

/// A short identifier naming a column: letters (any script), digits and
/// the punctuation of column names (`Zip/Postal`, `F.NAC`, `Lifetime
/// Value (EUR)`, `重量(kg)`), starting with a letter.
pub(crate) fn is_column_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name.len() <= MAX_COLUMN_NAME
        && (name[0].is_ascii_alphabetic() || name[0] >= 0x80)
        && name.iter().all(|&c| {
            c.is_ascii_alphanumeric()
                || c >= 0x80
                || matches!(
                    c,
                    b'_' | b'-'
                        | b'.'
                        | b' '
                        | b'('
                        | b')'
                        | b'/'
                        | b'#'
                        | b'%'
                        | b'&'
                        | b'?'
                        | b'\''
                        | b'+'
                        | b':'
                        // Only inside a quoted name.
                        | b','
                        | b';'
                )
        })
}

/// A word of a fixed-width report's column name (`Nazwisko`, `Dz.[h]`,
/// `zł`): letters first, or a `#`, then no cell separator.
fn is_fixed_name_word(word: &[u8]) -> bool {
    word.first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80 || b == b'#')
        && word.len() <= MAX_COLUMN_NAME
        && word.iter().all(|&c| {
            c.is_ascii_alphanumeric()
                || c >= 0x80
                || b"_-./()#%&?'+:[]*".contains(&c)
        })
}

/// The column names of a W3C extended log (IIS, some CDNs), from its
/// `#Fields:` directive among the `#` lines at the top of the file:
/// `#Fields: date time c-ip cs-username ...`, cells separated by spaces;
/// or of a Zeek log, with its delimiter.
fn w3c_fields(head: &[u8]) -> Option<(&[u8], u8)> {
    let w3c =
        head.starts_with(b"#Software:") || head.starts_with(b"#Version:");
    // Zeek's logs open with `#separator \x09` (an analyst's extract may
    // put a comment line above it) and name their tab-separated columns
    // in a `#fields` line: `#fields\tts\tuid\tid.orig_h\t...`.
    let zeek = head.starts_with(b"#separator \\x09")
        || memchr::memmem::find(head, b"\n#separator \\x09").is_some();
    if !(w3c || zeek) {
        return None;
    }
    let mut at = 0;
    while head[at..].starts_with(b"#") {
        let end = memchr::memchr(b'\n', &head[at..]).map(|i| at + i)?;
        let line = &head[at..end];
        let names = if w3c {
            line.strip_prefix(b"#Fields: ")
        } else {
            line.strip_prefix(b"#fields\t")
        };
        if let Some(names) = names {
            let delim = if w3c { b' ' } else { b'\t' };
            return Some((names.strip_suffix(b"\r").unwrap_or(names), delim));
        }
        at = end + 1;
    }
    None
}

/// The name of the field holding a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    /// The key or column name as written.
    pub(crate) name: &'a [u8],
    /// It is a CSV column name (not a key right before the value).
    pub(crate) column: bool,
    /// The column's other columns describe a person
    /// ([`CsvHeader::names_people`]).
    pub(crate) people: bool,
}

/// Columns that make a CSV a table of people.
const PERSON_COLUMNS: &[&str] = &[
    "email",
    "emailaddress",
    "mail",
    "phone",
    "phonenumber",
    "mobile",
    "tel",
    "address",
    "street",
    "streetaddress",
    "address1",
    "addressline1",
    "dob",
    "dateofbirth",
    "birthdate",
    "birthday",
    "ssn",
    "firstname",
    "lastname",
    "surname",
    "username",
    "login",
    "customerid",
    "contactid",
    "employeeid",
    "patientid",
];

/// What a column holds, by its normalized name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    /// `zip`, `postal_code`, `PLZ`, `CEP`, ...
    Postal,
    /// `username`, `login`, `handle`, ...
    Username,
    /// `lat`, `latitude`, ...
    Latitude,
    /// `lon`, `lng`, `longitude`, ...
    Longitude,
    /// `coordinates`, `latlng`, `经纬度`: both in one cell.
    Coordinates,
    /// `session_key`, `session_id`, ... (a web framework's session table)
    Session,
    /// `street`, `address_line_1`, `domicilio`, ...
    Street,
    /// `phone`, `mobile`, `telefono`, ...
    Phone,
    /// `dob`, `date_of_birth`, `Geburtsdatum`, `出生日期`, ...
    BirthDate,
    /// `strassenname`, `street_name`: a street without its number.
    StreetName,
    /// `unit`, `apt`, `suite`: the flat or unit of a street line
    /// (`Apt 1203`, `Unit B`, `Lot 37`).
    Unit,
    /// `hostname`, `device_name`: a device named after its owner
    /// (`iPhone-de-Socorro`, `Jessicas-MacBook-Pro`) gives the owner.
    DeviceOwner,
}

/// Columns naming a device (a router's host table, DHCP leases, an MDM).
const DEVICE_COLUMNS: &[&str] = &[
    "hostname",
    "devicename",
    "dhcphostname",
    "clienthostname",
    "dhcpclientname",
];

/// Words of device names (`iPhone-de-Ana`, `Galaxy-A54-de-Jessica`).
const DEVICE_WORDS: &[&str] = &[
    "iphone", "ipad", "ipod", "imac", "macbook", "galaxy", "android", "pixel",
    "redmi", "xiaomi", "huawei", "moto", "notebook", "laptop", "watch",
    "kindle", "surface", "tablet", "pc",
];

/// Particles between a device and its owner: Spanish and Portuguese
/// `de`/`do`/`da`, German `von`, Italian `di`, Dutch `van`.
const OWNER_PARTICLES: &[&str] = &["de", "do", "da", "von", "di", "van"];

/// The owner's name in a device's name: the word after `<device>-de-`
/// (`iPhone-de-Socorro`, `Galaxy-A54-de-Jessica`), a known given name
/// ending it (`Notebook-Wellington`), or the word before `s-<device>`
/// (`Jessicas-iPhone`, `Johns-MacBook-Pro`); a capitalized word of
/// letters.
pub(crate) fn device_owner(
    hay: &[u8],
    cell: Range<usize>,
) -> Option<Range<usize>> {
    let bytes = &hay[cell.clone()];
    let parts: Vec<Range<usize>> = {
        let mut parts = Vec::new();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'-' | b' ' | b'_') {
                parts.push(start..i);
                start = i + 1;
            }
        }
        parts.push(start..bytes.len());
        parts
    };
    let word = |r: &Range<usize>| &bytes[r.clone()];
    let is = |r: &Range<usize>, list: &[&str]| {
        list.iter().any(|w| word(r).eq_ignore_ascii_case(w.as_bytes()))
    };
    let device = |r: &Range<usize>| {
        DEVICE_WORDS.iter().any(|w| {
            let d = word(r);
            d.len() >= w.len()
                && d[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        })
    };
    let named = |r: &Range<usize>| {
        let w = word(r);
        w.len() >= 3
            && (w[0].is_ascii_uppercase() || w[0] >= 0xC3)
            && std::str::from_utf8(w)
                .is_ok_and(|t| t.chars().all(char::is_alphabetic))
    };
    // `<device> ... de <Owner>`, the owner last; without the particle
    // only a known given name (`Moto-g84-Larissa`, not `Intelbras-Mibo`).
    let last = &parts[parts.len() - 1];
    let before = &parts[..parts.len() - 1];
    if before.iter().any(&device) && named(last) {
        let particle = before.last().is_some_and(|p| is(p, OWNER_PARTICLES));
        let given = super::gazetteer::Gazetteer::builtin().flags(word(last))
            & super::gazetteer::GIVEN
            != 0;
        if particle || given {
            return Some(cell.start + last.start..cell.start + last.end);
        }
    }
    // `<Owner>s-<device>` or `<Owner>'s <device>`, the owner first.
    if parts.len() >= 2 && device(&parts[1]) {
        let first = &parts[0];
        let w = word(first);
        let cut = if w.ends_with(b"'s") {
            2
        } else if w.ends_with(b"s") {
            1
        } else {
            return None;
        };
        let owner = first.start..first.end - cut;
        if named(&owner) && !device(&owner) {
            return Some(cell.start + owner.start..cell.start + owner.end);
        }
    }
    None
}

const POSTAL_COLUMNS: &[&str] = &[
    // Polish registers write `Kod` beside `Miejscowość` (the rule's shape
    // keeps out other codes).
    "kod",
    "zip",
    // Salesforce: `Mailing Zip/Postal Code`.
    "zippostalcode",
    "zippostal",
    "zipcode",
    // IRS AIR filings' `<irs:USZIPCd>`.
    "uszipcd",
    "postal",
    "postalcode",
    "postcode",
    "plz",
    "postleitzahl",
    "codepostal",
    "cp",
    "cap",
    "cep",
    "codigopostal",
    "cdigopostal",
    "pincode",
    "pin",
    "kodpocztowy",
    "postnummer",
    "postnr",
    // Ireland's postcode.
    "eircode",
];

/// Words that make a column a login by themselves, first in its name
/// (`Login CAS`, `username_ldap`); `User Agent` is no login.
const LOGIN_WORDS: &[&str] = &["login", "username"];

/// Last words of a column opened by a login word that holds something
/// else about the login (a password manager's `login_password`,
/// `login_totp`, `login_uri`; `Login Time`).
const NOT_LOGIN_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pass",
    "totp",
    "otp",
    "secret",
    "hash",
    "uri",
    "url",
    "time",
    "date",
    "timestamp",
    "count",
    "attempts",
    "status",
    "ip",
    "method",
    "type",
    "source",
];

/// A key that says its value is a login, not who did something
/// (`reviewer_login`, `cas_username`; not `agent`, `author`).
fn names_a_login(name: &[u8]) -> bool {
    let mut buf = [0u8; MAX_KEY];
    let norm = normalize_key(name, &mut buf);
    [
        "login",
        "username",
        "loginname",
        "loginid",
        "analista",
        "gebruiker",
        "gebruikersnaam",
        "benutzername",
        // The word for user in other languages (`"benutzer": "mwagner"`).
        "benutzer",
        "usuario",
        "utilisateur",
        "utente",
        // An Office document's properties: the login of whoever saved
        // it last (`<LastAuthor>tmeissner</LastAuthor>`), or a name,
        // which the rule's shape keeps out. A bare `author` is as often
        // an API's client or object.
        "lastauthor",
        // FreeSWITCH's call-centre agent is a login (`cc_agent`).
        "ccagent",
    ]
    .iter()
    .any(|w| norm.ends_with(w.as_bytes()))
}

/// A column named for who did something (`consent_taken_by`, `Checked
/// By`, `generatedBy`): its value is a login when it has a login's shape
/// (the rule's regex keeps out `Jane Roe`), a full name when it has a
/// name's.
pub(crate) fn names_who_did(name: &[u8]) -> bool {
    let n = name.len();
    n > 3
        && (name[n - 2..].eq_ignore_ascii_case(b"by")
            && matches!(name[n - 3], b'_' | b' ' | b'-' | b'.')
            || (&name[n - 2..] == b"By" && name[n - 3].is_ascii_lowercase()))
}

/// The parts of a cell that joins an address's parts with runs of two or
/// more spaces, if it does (three parts at least).
fn joined_address(
    hay: &[u8],
    cell: Range<usize>,
) -> Option<Vec<Range<usize>>> {
    let bytes = &hay[cell.clone()];
    memchr::memmem::find(bytes, b"  ")?;
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
            if i > start {
                parts.push(cell.start + start..cell.start + i);
            }
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        parts.push(cell.start + start..cell.end);
    }
    (parts.len() >= 3).then_some(parts)
}

/// A host or service name (`cloudtrail.amazonaws.com`): two dots or
/// more, where a login has one at most (`j.verbeek`).
fn host_name(value: &[u8]) -> bool {
    memchr::memchr_iter(b'.', value).count() >= 2
}

/// A capitalized word (`Success`, `Failure`): what an event's login
/// key holds (CloudTrail's `"ConsoleLogin": "Success"`), not a login.
fn status_word(value: &[u8]) -> bool {
    value.len() >= 2
        && value[0].is_ascii_uppercase()
        && value[1..].iter().all(u8::is_ascii_lowercase)
}

const USERNAME_COLUMNS: &[&str] = &[
    "username",
    "user",
    "login",
    "loginname",
    "loginid",
    "userlogin",
    "handle",
    "screenname",
    "nickname",
    "uname",
    "accountname",
    "remoteuser",
    // Who did or owns something: a login, when the value is one (the
    // rule's shape keeps out `Jane Roe`).
    "owner",
    "assignee",
    "assignedto",
    "agent",
    "agente",
    // FreeSWITCH's call-centre agent (`cc_agent`).
    "ccagent",
    "author",
    "reporter",
    "requester",
    "createdby",
    "updatedby",
    "approvedby",
    "modifiedby",
    "lastmodifiedby",
    "closedby",
    "processedby",
    "handledby",
    "operator",
    "operatore",
    "operador",
    "officer",
    "clerk",
    "adjuster",
    "caseworker",
    // The customer service representative who keyed a record, the
    // analyst who reviewed a case (Portuguese and Spanish `analista`).
    "csr",
    "analyst",
    "analista",
    // W3C extended logs (IIS): the authenticated user.
    "csusername",
    // Who entered or changed a record, in French and Spanish exports
    // (`USER_SAISIE`, `Modificado por`; `modifié par` -> `modifipar`).
    "usersaisie",
    "saisiepar",
    "utilisateur",
    "modifipar",
    "modificadopor",
    "creadopor",
    // Polish `Zarejestrował` (who booked it; `ł` dropped).
    "zarejestrowa",
    "zarejestrowal",
    // `Zapisał(a)`: who signed the reader up (`(a)` and `ł` dropped).
    "zapisa",
    "zapisal",
    // The user, in Dutch, German, Spanish, Italian.
    "gebruiker",
    "gebruikersnaam",
    "benutzer",
    "benutzername",
    "usuario",
    "utente",
    // Active Directory's pre-Windows 2000 logon name.
    "samaccountname",
];

/// Prefixes naming whose (or which) address a column holds.
const COLUMN_OWNERS: &[&str] = &[
    // `adresse_plz`, `address_zip`: the group a field belongs to.
    "adresse",
    "address",
    "shipping",
    "ship",
    "billing",
    "bill",
    "delivery",
    "invoice",
    "mailing",
    // A utility's service and mailing addresses (`SvcZIP`, `MailZIP`).
    "mail",
    "service",
    "svc",
    "home",
    "work",
    "office",
    "customer",
    "cust",
    "contact",
    "primary",
    "residence",
    "residential",
    // A student's or applicant's home, as against term-time (`PERMANENT_
    // POSTAL_CODE__C`).
    "permanent",
    "user",
    "patient",
    "member",
    "employee",
    "default",
    // Which of a person's addresses (`Property Address`, `Previous
    // Postcode`, `Premises Address`).
    "property",
    "previous",
    "premises",
    // Who pays (`payer_msisdn`: a mobile-money payer's number).
    "payer",
    // Households and joint applications (`Carer1NHSNumber`,
    // `applicant2_dob`, `spouse_mobile`).
    "carer",
    "applicant",
    "spouse",
    "partner",
    "child",
    // A tenant's or a student's family, whom to call (`Guardian mobile`,
    // `Parent Phone`, `Emergency contact phone`).
    "guardian",
    "parent",
    "father",
    "mother",
    "emergency",
    // Whose record it is, in Italian service registers (the deceased,
    // the client who commissioned the service).
    "defunto",
    "committente",
    // Spanish transfers and applications: the buyer's, seller's, holder's
    // or applicant's (`Comprador_Telefono`, `Titular_CP`).
    "comprador",
    "vendedor",
    "titular",
    "solicitante",
    // NIEM-style element names: of a person (`IndividualBirthDateText`).
    // (Not `Raw`: FinCEN's `RawZIPCode` is a reporting firm's as often as
    // a person's.)
    "individual",
    // `Private Adresse` (listed before the prefix `privat`).
    "private",
    "privat",
];

/// Columns of a street line (normalized; non-ASCII letters dropped:
/// `dirección` -> `direccin`, `straße` -> `strae`).
const STREET_COLUMNS: &[&str] = &[
    "street",
    // Galician.
    "enderezo",
    "streetaddress",
    "streetline",
    "address",
    "address1",
    "addressline1",
    // Address objects of payment and app APIs (Stripe, Crashlytics keys);
    // their `line2` holds a flat or a unit as often as a street.
    "line1",
    // STAR (automotive retail) address blocks: `<LineOne>`.
    "lineone",
    "addr",
    "addr1",
    // QuickBooks' IIF lists: the first line of an address block holds
    // the name, the second the street (bill-to `BADDR`, ship-to `SADDR`).
    "addr2",
    "baddr2",
    "saddr2",
    "domicilio",
    "direccion",
    "direccin",
    "calle",
    "adresse",
    "strasse",
    "strae",
    "anschrift",
    "indirizzo",
    "via",
    "adres",
    // Polish registers: the address of residence, of registration.
    "adreszamieszkania",
    "adreszameldowania",
    "straat",
    "morada",
    "endereco",
    "endereo",
    "logradouro",
    "ulica",
];

/// Columns of a phone number (normalized; `teléfono` -> `telfono`).
const PHONE_COLUMNS: &[&str] = &[
    "phone",
    "phonenumber",
    "phoneno",
    "telephone",
    "tel",
    "telno",
    "mobile",
    "mobilephone",
    "mobileno",
    "cell",
    "cellphone",
    "msisdn",
    "telefono",
    "telfono",
    "movil",
    "mvil",
    "telefon",
    "telefonnummer",
    "handy",
    "mobil",
    "tlphone",
    "portable",
    "telefoon",
    "telefoonnummer",
    "cellulare",
    "telefone",
    "celular",
    "telefonkomrkowy",
    // Polish `Kontakt`: a phone or an e-mail (the rule takes phones).
    "kontakt",
    // Telephony: the calling party's number (FreeSWITCH and Asterisk
    // records, SIP and SS7 traces); the called number is a business's.
    "calleridnumber",
    "effectivecalleridnumber",
    "callerid",
    "callernumber",
    "callingnumber",
    "callingpartynumber",
    "callbacknumber",
    "ani",
    "cli",
    "clid",
];

/// Words after a column's name that say whose it is or how it is
/// written.
const COLUMN_QUALIFIERS: &[&str] = &[
    "privat", "private", "home", "work", "mobil", "ttmmjjjj", "ttmmjj",
    "ddmmyyyy", "yyyymmdd", "jjjjmmtt",
    // Whose it is, after the field (`CP référent`).
    "rfrent",
    // NIEM-style element names end with their representation
    // (`IndividualBirthDateText`).
    "text",
];

/// Columns of a house number (the street's name is in a column of its
/// own).
const HOUSE_NUMBER_COLUMNS: &[&str] = &[
    "housenumber",
    "houseno",
    "huisnummer",
    "hausnummer",
    "hausnr",
    "numerocivico",
    "numero",
    "nmero",
    "numeroexterior",
    // Polish tax forms (`NrDomu`).
    "nrdomu",
];

/// Columns of a street's name alone (the house number has a column of its
/// own).
const STREET_NAME_COLUMNS: &[&str] =
    &["strassenname", "streetname", "straatnaam", "nomevia", "nombrecalle"];

/// Columns of the flat or unit of a street line (US utility and lease
/// exports: `SvcUnit`, `Apt/Unit`).
const UNIT_COLUMNS: &[&str] = &[
    "unit",
    "unitno",
    "unitnumber",
    "apt",
    "aptno",
    "aptnumber",
    "aptunit",
    "aptsuite",
    "apartment",
    "suite",
    // Italian: the flat's number (`int. 11`).
    "interno",
];

/// Columns of a birth date (normalized: `fecha de nacimiento` ->
/// `fechadenacimiento`).
const BIRTH_COLUMNS: &[&str] = &[
    "dob",
    // Galician (`Data nacemento`).
    "nacemento",
    "dateofbirth",
    "birthdate",
    "birthday",
    "birthdt",
    "geburtsdatum",
    "gebdatum",
    "fechanacimiento",
    "fechadenacimiento",
    "datanascita",
    "datadinascita",
    "datenaissance",
    "datedenaissance",
    // French forms' `DDN` (date de naissance).
    "ddn",
    "geboortedatum",
    "dataurodzenia",
    "datanascimento",
    "datadenascimento",
];

const SESSION_COLUMNS: &[&str] =
    &["sessionkey", "sessionid", "sessiontoken", "sessioncookie"];

const LATITUDE_COLUMNS: &[&str] = &[
    "lat",
    "latitude",
    "gpslat",
    "gpslatitude",
    "geolat",
    "locationlat",
    "latitud",
    "latitudine",
    "breitengrad",
];

/// Latitude and longitude in a column's first word, before what the
/// reading is of (`Latitud entrada`, `Longitude check-in`): only the
/// full words, as `Long description` says nothing about coordinates.
/// Abbreviated they count only last (`from_lat`, `pickup_lng`).
const LATITUDE_WORDS: &[&str] =
    &["latitude", "latitud", "latitudine", "breitengrad"];
const LONGITUDE_WORDS: &[&str] =
    &["longitude", "longitud", "longitudine", "laengengrad", "lngengrad"];

/// Columns holding a latitude and a longitude together, in either order.
const COORDINATE_COLUMNS: &[&str] = &[
    "coordinates",
    "coords",
    "gps",
    "gpscoordinates",
    "geo",
    "geolocation",
    "latlng",
    "latlon",
    "latlong",
    "lnglat",
    "lonlat",
    "location",
    "position",
];

const LONGITUDE_COLUMNS: &[&str] = &[
    "lon",
    "lng",
    "long",
    "longitude",
    "gpslon",
    "gpslng",
    "gpslongitude",
    "geolon",
    "geolng",
    "locationlon",
    "locationlng",
    "longitud",
    "longitudine",
    "laengengrad",
    "lngengrad",
];

/// `key` without the owner it starts with (`billing`, `home`), if any.
fn strip_owner(key: &[u8]) -> Option<&[u8]> {
    COLUMN_OWNERS
        .iter()
        .find_map(|p| key.strip_prefix(p.as_bytes()))
        // Numbered owners (`Carer1DOB`, `applicant2_phone`).
        .map(|rest| {
            let digits =
                rest.iter().take_while(|b| b.is_ascii_digit()).count();
            &rest[digits..]
        })
        .filter(|rest| !rest.is_empty())
}

/// Abbreviated parties a German payroll export writes before its
/// columns: the employer's (`AG Straße`, Arbeitgeber) and the
/// employee's (`AN PLZ`, Arbeitnehmer).
const PARTY_PREFIXES: &[&[u8]] = &[b"AG ", b"AN ", b"AG_", b"AN_"];

/// `name` without a party's abbreviation before it (`AG Name` gives
/// `Name`): whose field it is does not change what it holds.
pub(crate) fn without_party(name: &[u8]) -> &[u8] {
    PARTY_PREFIXES
        .iter()
        .find_map(|p| name.strip_prefix(*p))
        .filter(|rest| rest.len() > 1)
        .unwrap_or(name)
}

/// The kind of values a column named `name` holds, if it is one this
/// module detects on the column name alone.
pub(crate) fn column_kind(name: &[u8]) -> Option<ColumnKind> {
    let name = without_party(name);
    // `Address (Street Name and Number)`, `Date of Birth (mm/dd/yyyy)`:
    // what a form's note in parentheses says the column holds, the name
    // before it says already.
    let name = match memchr::memchr(b'(', name) {
        Some(i) if name[..i].iter().any(u8::is_ascii_alphabetic) => &name[..i],
        _ => name,
    };
    let mut buf = [0u8; MAX_KEY];
    let norm = normalize_key(name, &mut buf);
    // `ship_zip`, `billing_postcode`, `home_lat`: whose address it is
    // does not change what the column holds (nor does a second owner:
    // Shopify's `Default Address Zip`).
    let bare = strip_owner(norm);
    let bare_twice = bare.and_then(strip_owner);
    // `telefon_privat`, `phone_home`, `geburtsdatum_ttmmjjjj`: whose it is
    // or how it is written does not change what the column holds either.
    let plain = COLUMN_QUALIFIERS
        .iter()
        .find_map(|q| norm.strip_suffix(q.as_bytes()))
        .filter(|rest| !rest.is_empty());
    // Both (FinCEN's `IndividualBirthDateText`).
    let plain_bare = plain.and_then(strip_owner);
    let is = |list: &[&str]| {
        list.iter().any(|k| {
            let k = k.as_bytes();
            k == norm
                || Some(k) == bare
                || Some(k) == bare_twice
                || Some(k) == plain
                || Some(k) == plain_bare
        })
    };
    if is(POSTAL_COLUMNS) || ends_with_postal(norm) {
        Some(ColumnKind::Postal)
    } else if is(USERNAME_COLUMNS)
        || (first_word_is(name, LOGIN_WORDS)
            && !last_word_is(name, NOT_LOGIN_WORDS))
        || names_who_did(name)
    {
        Some(ColumnKind::Username)
    } else if is(LATITUDE_COLUMNS)
        || first_word_is(name, LATITUDE_WORDS)
        || last_word_is(name, LATITUDE_WORDS)
        || last_word_is(name, &["lat"])
    {
        Some(ColumnKind::Latitude)
    } else if is(LONGITUDE_COLUMNS)
        || first_word_is(name, LONGITUDE_WORDS)
        || last_word_is(name, LONGITUDE_WORDS)
        || last_word_is(name, &["lng", "lon"])
    {
        Some(ColumnKind::Longitude)
    } else if is(COORDINATE_COLUMNS)
        || cjk_key_ends_with(norm, CJK_COORDINATES)
    {
        Some(ColumnKind::Coordinates)
    } else if is(SESSION_COLUMNS) {
        Some(ColumnKind::Session)
    } else if is(STREET_COLUMNS) {
        Some(ColumnKind::Street)
    } else if is(STREET_NAME_COLUMNS) {
        Some(ColumnKind::StreetName)
    } else if is(UNIT_COLUMNS) {
        Some(ColumnKind::Unit)
    } else if is(DEVICE_COLUMNS) {
        Some(ColumnKind::DeviceOwner)
    } else if is(PHONE_COLUMNS)
        || cjk_key_ends_with(norm, CJK_PHONE)
        || first_word_is(name, PHONE_COLUMNS)
        // Whose number it is first, run together (Tally's
        // `LEDGERMOBILE`, `ownerphone`).
        || (norm.len() > 8 && (norm.ends_with(b"mobile") || norm.ends_with(b"phone")))
    {
        Some(ColumnKind::Phone)
    } else if is(BIRTH_COLUMNS)
        || cjk_key_ends_with(norm, CJK_BIRTH)
        // Whose birth it is first (`rider_birth`, `member_birth`, the
        // child's `Kind geb.datum`); a place of birth fails the date's
        // shape.
        || (norm.len() > 5 && norm.ends_with(b"birth"))
        || BIRTH_COLUMNS
            .iter()
            .any(|k| k.len() >= 8 && norm.len() > k.len() && norm.ends_with(k.as_bytes()))
    {
        Some(ColumnKind::BirthDate)
    } else if cjk_key_ends_with(norm, CJK_POSTAL) {
        Some(ColumnKind::Postal)
    } else if cjk_key_ends_with(norm, CJK_STREET) {
        Some(ColumnKind::Street)
    } else {
        None
    }
}

/// A column named `name` holds a kind of personal data piiscan reads by
/// its column ([`column_kind`]) or a person's name.
pub(crate) fn known_column(name: &[u8]) -> bool {
    column_kind(name).is_some() || super::names::person_field(name)
}

/// Field `name` is one [`column_kind`] knows to hold findings of kind
/// `kind` (`DDN`, `datenaissance`: birth dates), so it vouches for them
/// as a context word in it would. Only birth dates: their field names
/// are many more than a rule's context words.
pub(crate) fn names_kind(name: &[u8], kind: &str) -> bool {
    kind == "date_of_birth" && column_kind(name) == Some(ColumnKind::BirthDate)
}

/// A normalized column name ends with a postal code's word, whatever
/// comes before (`loan_pmt_card_zip`, `partner_postcode`); not an
/// archive format's `gzip`. FinCEN's `RawZIPCode` is left out: its
/// filings give a business's and a person's alike.
fn ends_with_postal(norm: &[u8]) -> bool {
    norm.len() > 4
        && (["postalcode", "postcode", "eircode"]
            .iter()
            .any(|w| norm.ends_with(w.as_bytes()))
            || (norm.ends_with(b"zip")
                && !norm.ends_with(b"gzip")
                && !norm.ends_with(b"unzip")))
}

/// The first word of column `name` (`Telefon kupującego`,
/// `telefono_contacto`, `msisdn_portado`: whose number it is comes
/// after) is one of `list`.
fn first_word_is(name: &[u8], list: &[&str]) -> bool {
    let end = name
        .iter()
        .position(|&b| matches!(b, b' ' | b'_' | b'-' | b'.' | b'('))
        .unwrap_or(name.len());
    if end == name.len() {
        return false;
    }
    let mut buf = [0u8; MAX_KEY];
    let word = normalize_key(&name[..end], &mut buf);
    list.iter().any(|k| k.as_bytes() == word)
}

/// The last word of column `name` is one of `list`: whose or which
/// position it is comes first (`Recogida Latitud`, `Pickup Longitude`).
fn last_word_is(name: &[u8], list: &[&str]) -> bool {
    let Some(start) = name
        .iter()
        .rposition(|&b| matches!(b, b' ' | b'_' | b'-' | b'.'))
        .map(|i| i + 1)
    else {
        return false;
    };
    let mut buf = [0u8; MAX_KEY];
    let word = normalize_key(&name[start..], &mut buf);
    list.iter().any(|k| k.as_bytes() == word)
}

/// Chinese (and Japanese) column names, by their last words: mobile,
/// telephone, contact number; postal code; address, detailed address,
/// residence.
const CJK_PHONE: &[&str] = &[
    "手机",
    "手机号",
    "手机号码",
    "电话",
    "电话号码",
    "联系方式",
    // Korean: telephone, mobile, contact.
    "전화번호",
    "휴대폰",
    "휴대전화",
    "핸드폰",
    "연락처",
];
const CJK_POSTAL: &[&str] = &["邮编", "邮政编码", "郵便番号", "우편번호"];
const CJK_BIRTH: &[&str] = &["出生日期", "生年月日", "생년월일"];
/// Japanese forms split the address: prefecture, city, then the block
/// number and building (`町名番地・建物`, `番地`).
const CJK_STREET: &[&str] = &[
    "地址",
    "详细地址",
    "住址",
    "住所",
    "주소",
    "番地",
    "番地・建物",
    "建物",
];
/// Longitude and latitude, coordinates.
const CJK_COORDINATES: &[&str] = &["经纬度", "坐标"];

/// A detector rule whose values are read whole from a field (a column,
/// an HL7 component): the rule's regex is the shape a value must have,
/// its validator must not reject it, its `confidence` is the score.
pub(crate) struct FieldRule {
    rule: usize,
    pub(crate) confidence: f64,
    shape: WholeShape,
    validator: Option<crate::catalog::Validator>,
}

impl FieldRule {
    /// Rule `index` of the catalog.
    pub(crate) fn new(index: usize, rule: &Rule) -> FieldRule {
        FieldRule {
            rule: index,
            confidence: rule.confidence,
            shape: WholeShape::new(&rule.regex),
            validator: rule.validator.as_ref().map(|(_, f)| *f),
        }
    }

    /// `value` is one this rule reports: its shape whole, its validator.
    pub(crate) fn accepts(&self, value: &[u8]) -> bool {
        self.accepts_as(value, value)
    }

    /// [`FieldRule::accepts`] with `checked` standing in for the value's
    /// bytes before the validator (a number split over components).
    pub(crate) fn accepts_as(&self, value: &[u8], checked: &[u8]) -> bool {
        !value.is_empty()
            && self.shape.fits(value)
            && !matches!(
                self.validator,
                Some(v) if v(checked) == crate::catalog::Verdict::Invalid
            )
    }

    /// The finding this rule reports for `span`.
    pub(crate) fn finding(&self, span: Range<usize>) -> Match {
        Match {
            span,
            rule: self.rule,
            confidence: self.confidence,
            synthetic: false,
        }
    }
}

/// One rule the column detector reports under.
struct ColumnRule {
    kind: ColumnKind,
    field: FieldRule,
}

impl ColumnRule {
    /// Report what this rule finds in `cell`: the cell, or for a
    /// coordinates column each of its two numbers (`"116.481028,
    /// 39.989643"`, `48.8584 2.2945`).
    fn report(&self, hay: &[u8], cell: Range<usize>, out: &mut Vec<Match>) {
        if self.kind == ColumnKind::DeviceOwner {
            if let Some(owner) = device_owner(hay, cell) {
                out.extend(self.finding(hay, owner));
            }
            return;
        }
        if self.kind != ColumnKind::Coordinates {
            out.extend(self.finding(hay, cell));
            return;
        }
        let bytes = &hay[cell.clone()];
        let Some(sep) =
            bytes.iter().position(|&b| matches!(b, b',' | b';' | b' '))
        else {
            return;
        };
        let first = cell.start..cell.start + sep;
        let mut second = cell.start + sep + 1;
        while hay.get(second) == Some(&b' ') {
            second += 1;
        }
        let both = [first, second..cell.end];
        let found: Vec<Match> = both
            .iter()
            .filter_map(|part| self.finding(hay, part.clone()))
            .collect();
        if found.len() == 2 {
            out.extend(found);
        }
    }

    /// The finding this rule makes of `cell`, if any.
    fn finding(&self, hay: &[u8], cell: Range<usize>) -> Option<Match> {
        let value = self.value_of(hay, cell);
        let bytes = &hay[value.clone()];
        // A street line has a space between its name and number (unless
        // it is written in Chinese or Japanese); a host name under
        // `address` has none.
        let shaped = match self.kind {
            ColumnKind::Street => {
                bytes.iter().any(|&b| b == b' ' || b >= 0x80)
            }
            // `Collected By: Self`, `Husband`: a capitalized word says who
            // in words, not by login.
            ColumnKind::Username => !status_word(bytes),
            _ => true,
        };
        (shaped && self.field.accepts(bytes))
            .then(|| self.field.finding(value))
    }

    /// The part of a cell this rule reads: a login without its Windows
    /// domain (`EWZ\hmueller`), otherwise the whole cell.
    fn value_of(&self, hay: &[u8], cell: Range<usize>) -> Range<usize> {
        if self.kind == ColumnKind::Street {
            return street_before_postal_code(hay, cell);
        }
        if self.kind != ColumnKind::Username {
            return cell;
        }
        match memchr::memchr(b'\\', &hay[cell.clone()]) {
            Some(i) if i > 0 => cell.start + i + 1..cell.end,
            _ => cell,
        }
    }
}

/// An address cell's street line: the part before `, ` and a postal code
/// and town (`Krzywaczka 412, 32-440 Sułkowice`, `Am Wall 142, 28195
/// Bremen`, `D.No. 21-7-11, Governorpet, Vijayawada - 520002`, `Flat 4,
/// 62 Manningham Lane, Bradford BD1 3EZ`); the whole cell if it has none.
fn street_before_postal_code(hay: &[u8], cell: Range<usize>) -> Range<usize> {
    let bytes = &hay[cell.clone()];
    for comma in memchr::memmem::find_iter(bytes, b", ") {
        let rest = &bytes[comma + 2..];
        let digits =
            |r: &[u8]| r.iter().take_while(|b| b.is_ascii_digit()).count();
        // The town, then its code: India's `, Vijayawada - 520010`, the
        // UK's `, Bradford BD1 3EZ` (the code ending the cell).
        let town = rest
            .iter()
            .take_while(|b| b.is_ascii_alphabetic() || **b == b' ')
            .count();
        let indian =
            rest[town..].starts_with(b"- ") && digits(&rest[town + 2..]) == 6;
        let british = memchr::memrchr(b' ', &rest[..town])
            .is_some_and(|sp| sp > 0 && is_uk_postcode(&rest[sp + 1..]));
        if town > 1 && rest[0].is_ascii_uppercase() && (indian || british) {
            return cell.start..cell.start + comma;
        }
        let code = match digits(rest) {
            2 if rest.get(2) == Some(&b'-') && digits(&rest[3..]) == 3 => 6,
            n @ 4..=5 => n,
            _ => continue,
        };
        if rest.get(code) == Some(&b' ')
            && rest
                .get(code + 1)
                .is_some_and(|b| b.is_ascii_uppercase() || *b >= 0xC3)
        {
            return cell.start..cell.start + comma;
        }
    }
    cell
}

/// `code` is a whole UK postcode: `BD1 3EZ`, `SW1A 1AA`, `M1 1AE`.
fn is_uk_postcode(code: &[u8]) -> bool {
    let Some(space) = memchr::memchr(b' ', code) else { return false };
    let (outward, inward) = (&code[..space], &code[space + 1..]);
    let letters =
        outward.iter().take_while(|b| b.is_ascii_uppercase()).count();
    (1..=2).contains(&letters)
        && (letters + 1..=letters + 2).contains(&outward.len())
        && outward[letters].is_ascii_digit()
        && outward[letters..]
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        && inward.len() == 3
        && inward[0].is_ascii_digit()
        && inward[1..].iter().all(u8::is_ascii_uppercase)
}

/// Values in CSV columns whose name vouches for them, which no pattern
/// finds alone: a bare `62704` under `zip`, `jsmith` under `username`.
/// Each cell of such a column is a finding when it matches its rule's
/// regex whole; the rule's `confidence` is its score (the column name is
/// the context). The keys of a pretty-printed JSON document and the
/// names of an XML document's elements count as column names
/// ([`super::json_pairs`], [`super::xml_elements`]), and so do the keys
/// of a YAML or protocol-buffer text document ([`super::keyed_lines`]).
/// Other key-value text (JSON lines of events, logfmt) is left to regex
/// rules, which can require the key right before the value.
pub(crate) struct ColumnDetector {
    rules: Vec<ColumnRule>,
}

impl ColumnDetector {
    /// A detector with no rules (add them with [`ColumnDetector::add`]).
    pub(crate) fn new() -> ColumnDetector {
        ColumnDetector { rules: Vec::new() }
    }

    /// Report `kind` columns under rule `index`.
    pub(crate) fn add(&mut self, kind: ColumnKind, index: usize, rule: &Rule) {
        self.rules
            .push(ColumnRule { kind, field: FieldRule::new(index, rule) });
    }

    /// Append the column values starting in `body` to `out` (the caller
    /// sorts them).
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        if let Some(sql) = &fields.sql {
            self.scan_sql(hay, body.clone(), sql, min_confidence, out);
        }
        if let Some(header) = &fields.csv {
            self.scan_csv(hay, body, header, min_confidence, out);
        } else if let Some(records) = &fields.records {
            self.scan_records(hay, body, records, min_confidence, out);
        } else if fields.json || fields.xml || fields.keyed {
            self.scan_document(hay, body, fields, min_confidence, out);
        } else {
            if fields.underlined {
                self.scan_underlined(hay, body.clone(), min_confidence, out);
            }
            if fields.boxed {
                self.scan_boxed(hay, body.clone(), min_confidence, out);
            }
            self.scan_form(hay, body, fields, min_confidence, out);
        }
    }

    /// The cells of query results printed as text in `hay` (SQL*Plus,
    /// sqlcmd: [`underlined_column_above`]) under columns that name a
    /// kind: each table's rows run from its underline to a blank line.
    fn scan_underlined(
        &self,
        hay: &[u8],
        body: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let mut cells = Vec::new();
        let from = body.start.saturating_sub(UNDERLINE_LOOKBACK);
        let mut done = from;
        for nl in memchr::memmem::find_iter(&hay[from..body.end], b"\n-") {
            let start = from + nl + 1;
            if start < done {
                continue;
            }
            let end = line_end(hay, start);
            let underline = trim_cr(hay, start..end);
            let Some(header) = underlined_header(hay, underline.clone())
                .and_then(|h| CsvHeader::underlined(hay, h, &hay[underline]))
            else {
                continue;
            };
            let wanted = self.wanted(&header, min_confidence);
            if wanted.iter().all(Option::is_none) {
                continue;
            }
            let mut line = end + 1;
            while line < body.end {
                let end = line_end(hay, line);
                if trim_cr(hay, line..end).is_empty() {
                    break;
                }
                if line >= body.start
                    && split_fixed(hay, line..end, &header, &mut cells)
                {
                    self.report_row(hay, &cells, &wanted, out);
                }
                line = end + 1;
            }
            done = line;
        }
    }

    /// The cells of tables drawn in boxes in `hay` (the MySQL client,
    /// Spark's `show()`: [`boxed_column_above`]) under columns that name
    /// a kind: each table's rows run from the border under its header to
    /// the next border. Then those of tables drawn with box-drawing
    /// characters ([`drawn_header`]), whose rows run from the top border
    /// to the bottom one (`└`).
    fn scan_boxed(
        &self,
        hay: &[u8],
        body: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let from = body.start.saturating_sub(UNDERLINE_LOOKBACK);
        let window = &hay[from..body.end];
        let tops =
            memchr::memmem::find_iter(window, b"\n+-").map(|nl| from + nl + 1);
        let header_at = |top: usize| {
            boxed_header(hay, top).map(|(header, _, rows)| (header, rows))
        };
        let row_cells = |line: Range<usize>, cells: &mut Vec<Range<usize>>| {
            if hay[line.start] != b'|' {
                return false;
            }
            if split_row(hay, trim_cr(hay, line), b'|', cells) != Row::Complete
            {
                cells.clear();
            }
            true
        };
        self.scan_table_rows(
            hay,
            &body,
            min_confidence,
            out,
            tops,
            header_at,
            row_cells,
        );
        let tops =
            memchr::memmem::find_iter(window, DRAWN_TOP).map(|corner| {
                memchr::memrchr(b'\n', &hay[..from + corner])
                    .map_or(0, |i| i + 1)
            });
        let header_at = |top: usize| {
            let top_end = line_end(hay, top);
            let names = drawn_header(&hay[top..top_end])?;
            let header =
                CsvHeader::from_line(&names.join(&b'|'), b'|', false)?;
            Some((header, top_end + 1))
        };
        let row_cells = |line: Range<usize>, cells: &mut Vec<Range<usize>>| {
            let is_row =
                memchr::memmem::find(&hay[line.clone()], DRAWN_BAR).is_some();
            if is_row {
                drawn_cells(hay, line, cells);
            }
            is_row
        };
        self.scan_table_rows(
            hay,
            &body,
            min_confidence,
            out,
            tops,
            header_at,
            row_cells,
        );
    }

    /// The rows of the tables whose top lines start at `tops`: each
    /// table's header and first row from `header_at`, its rows' cells
    /// from `row_cells` (false once a line is no row), reported under the
    /// columns that name a kind.
    #[allow(clippy::too_many_arguments)]
    fn scan_table_rows(
        &self,
        hay: &[u8],
        body: &Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
        tops: impl Iterator<Item = usize>,
        header_at: impl Fn(usize) -> Option<(CsvHeader, usize)>,
        row_cells: impl Fn(Range<usize>, &mut Vec<Range<usize>>) -> bool,
    ) {
        let mut cells = Vec::new();
        let mut done = 0;
        for top in tops {
            if top < done {
                continue;
            }
            let Some((header, rows)) = header_at(top) else { continue };
            let wanted = self.wanted(&header, min_confidence);
            if wanted.iter().all(Option::is_none) {
                continue;
            }
            let mut line = rows;
            while line < body.end.min(hay.len()) {
                let end = line_end(hay, line);
                if !row_cells(line..end, &mut cells) {
                    break;
                }
                if line >= body.start && cells.len() == header.columns.len() {
                    self.report_row(hay, &cells, &wanted, out);
                }
                line = end + 1;
            }
            done = line;
        }
    }

    /// The values of a printed form's lines in plain text (`  MOBILE   :
    /// 98480 21763   EMAIL ...`) under labels that name a column kind.
    /// Logins are left to the regex rules: `User: admin` in a log says
    /// less than a login column does.
    fn scan_form(
        &self,
        hay: &[u8],
        body: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let mut kinds = KeyKinds::default();
        for line in super::records::lines_starting_in(hay, body) {
            if let Some(pairs) = embedded_json_line(hay, line.clone()) {
                super::json_pairs::pairs(hay, pairs, |key, value| {
                    self.report_pair(
                        hay,
                        &hay[key],
                        value,
                        false,
                        true,
                        &mut kinds,
                        min_confidence,
                        out,
                    )
                });
                continue;
            }
            // MyBatis's bound parameters, named by their statement's
            // columns.
            if fields.mybatis {
                let mut bound = false;
                for (value, column) in
                    super::mybatis::bound_values(hay, line.clone())
                {
                    bound = true;
                    if let Some((name, _)) = column {
                        self.report_pair(
                            hay,
                            &hay[name],
                            value,
                            true,
                            false,
                            &mut kinds,
                            min_confidence,
                            out,
                        );
                    }
                }
                if bound {
                    continue;
                }
            }
            // XML pasted into text (a tax form under the review notes
            // of its batch, a SOAP body in a log): its one-line elements
            // are read as an XML file's are.
            let text = &hay[line.clone()];
            let indent = text.iter().take_while(|&&b| b == b' ').count();
            if text.get(indent) == Some(&b'<')
                && text.get(indent + 1).is_some_and(u8::is_ascii_alphabetic)
            {
                super::xml_elements::elements(hay, line, |name, text| {
                    let name = xml_value_name(hay, name, &text);
                    self.report_pair(
                        hay,
                        name,
                        text,
                        false,
                        true,
                        &mut kinds,
                        min_confidence,
                        out,
                    )
                });
                continue;
            }
            let Some((label, value)) = form_pair(hay, line) else { continue };
            match column_kind(&hay[label]) {
                None
                | Some(ColumnKind::Username | ColumnKind::DeviceOwner) => {}
                Some(kind) => {
                    self.report_kind(hay, kind, value, min_confidence, out)
                }
            }
        }
    }

    /// Report `value` if its key or column `name` names a kind a rule
    /// reports, or a login (`"login"`, and who did something: `"by"`,
    /// `"closed_by"`); `column`: a table's cell (HTML, FileMaker), named
    /// by its column as a CSV cell is, where a key is a document's. In
    /// JSON logged inside a text file (`embedded`) only who did something
    /// names a login: its `UserName` is as often a service account's.
    #[allow(clippy::too_many_arguments)]
    fn report_pair(
        &self,
        hay: &[u8],
        name: &[u8],
        value: Range<usize>,
        column: bool,
        embedded: bool,
        kinds: &mut KeyKinds,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let (kind, login) = match kinds.get(name) {
            Some(&known) => known,
            None => {
                // `"by"`, `"generatedBy"`: who did it, by login.
                let login = (!embedded && names_a_login(name))
                    || name.eq_ignore_ascii_case(b"by")
                    || names_who_did(name);
                let known = (column_kind(name), login);
                kinds.insert(name.to_vec(), known);
                known
            }
        };
        // Who did something (`agent`, `userAgent`, `author`) is an object
        // or a client in an API's JSON more often than a login: logins are
        // left to the keyed regex rules.
        match kind {
            Some(ColumnKind::Username) | None
                if (login || (column && kind.is_some()))
                    && !status_word(&hay[value.clone()])
                    && !host_name(&hay[value.clone()]) =>
            {
                self.report_kind(
                    hay,
                    ColumnKind::Username,
                    value,
                    min_confidence,
                    out,
                )
            }
            Some(ColumnKind::Username) | None => {}
            Some(kind) => {
                self.report_kind(hay, kind, value, min_confidence, out)
            }
        }
    }

    /// The values of a pretty-printed JSON document (`json`) or an XML
    /// document under keys or one-line elements that name a column kind:
    /// `"telefono": "612 448 903"`, `<cap>00179</cap>`.
    fn scan_document(
        &self,
        hay: &[u8],
        body: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let json = fields.json;
        let tables = fields.tables.as_ref();
        let mut kinds = KeyKinds::default();
        let mut each = |name: &[u8], value: Range<usize>, column: bool| {
            self.report_pair(
                hay,
                name,
                value,
                column,
                false,
                &mut kinds,
                min_confidence,
                out,
            )
        };
        for line in super::records::lines_starting_in(hay, body) {
            if json {
                let text = &hay[line.clone()];
                let indent = text
                    .iter()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                if text.get(indent) == Some(&b'[') {
                    // A row of an array of rows under its first row.
                    if let Some(names) = json_row_header(hay, line.start) {
                        let open = line.start + indent + 1;
                        let cells = json_cells(&hay[open..line.end])
                            .map(|c| open + c.start..open + c.end);
                        for (name, cell) in names.zip(cells) {
                            if is_column_name(&hay[name.clone()]) {
                                each(&hay[name], cell, true);
                            }
                        }
                        continue;
                    }
                }
                if !super::json_pairs::may_hold_pairs(&hay[line.clone()]) {
                    continue;
                }
                super::json_pairs::pairs(hay, line, |key, value| {
                    // A wrapper's `"_value"` is named by its qualifier or
                    // the key above it, as in `field_of`.
                    each(&hay[qualified(hay, key)], value, false)
                });
            } else if fields.keyed {
                let at = line.start;
                if let Some((key, value)) =
                    super::keyed_lines::pair(&hay[line], at)
                {
                    each(&hay[form_field_name(hay, key)], value, false);
                }
            } else {
                super::xml_elements::elements(hay, line, |name, text| {
                    // A table cell is named by its column's header.
                    let tables = tables.filter(|t| t.holds_cells(name));
                    match tables {
                        Some(t) => {
                            if let Some(header) = t
                                .cell_tag_before(hay, text.start)
                                .and_then(|tag| t.column_of(hay, tag))
                            {
                                each(header, text, true);
                            }
                        }
                        None => {
                            each(xml_value_name(hay, name, &text), text, false)
                        }
                    }
                });
            }
        }
    }

    /// Report `cell` if its column or key `name` names a kind a rule
    /// reports and the cell passes that rule.
    fn report_cell(
        &self,
        hay: &[u8],
        name: &[u8],
        cell: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        if let Some(kind) = column_kind(name) {
            self.report_kind(hay, kind, cell, min_confidence, out);
        }
    }

    /// Report `cell` if a rule reports `kind` and the cell passes it.
    fn report_kind(
        &self,
        hay: &[u8],
        kind: ColumnKind,
        cell: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        if let Some(rule) = self.rules.iter().find(|r| r.kind == kind) {
            if rule.field.confidence >= min_confidence {
                rule.report(hay, cell, out);
            }
        }
    }

    /// Which rule, if any, reports each column of `header`.
    fn wanted(
        &self,
        header: &CsvHeader,
        min_confidence: f64,
    ) -> [Option<usize>; MAX_COLUMNS] {
        let mut wanted = [None; MAX_COLUMNS];
        // A street column beside a house-number column holds the
        // street's name alone (HiX `Straat;Huisnummer`).
        let numbered = header.columns.iter().any(|col| {
            let mut buf = [0u8; MAX_KEY];
            let norm = normalize_key(&header.line[col.clone()], &mut buf);
            HOUSE_NUMBER_COLUMNS.iter().any(|k| k.as_bytes() == norm)
        });
        for (i, col) in header.columns.iter().enumerate() {
            let kind = match column_kind(&header.line[col.clone()]) {
                Some(ColumnKind::Street) if numbered => ColumnKind::StreetName,
                Some(kind) => kind,
                None => continue,
            };
            if let Some(r) = self.rules.iter().position(|r| r.kind == kind) {
                if self.rules[r].field.confidence >= min_confidence {
                    wanted[i] = Some(r);
                }
            }
        }
        wanted
    }

    /// Report the cells of one row whose columns `wanted` maps to rules.
    fn report_row(
        &self,
        hay: &[u8],
        cells: &[Range<usize>],
        wanted: &[Option<usize>; MAX_COLUMNS],
        out: &mut Vec<Match>,
    ) {
        for (col, cell) in cells.iter().enumerate() {
            let Some(r) = wanted.get(col).copied().flatten() else { continue };
            if self.rules[r].kind == ColumnKind::Street {
                if let Some(parts) = joined_address(hay, cell.clone()) {
                    self.report_address_parts(hay, r, &parts, out);
                    continue;
                }
            }
            self.rules[r].report(hay, cell.clone(), out);
        }
    }

    /// A whole address joined by runs of spaces (Mailchimp's `Address`:
    /// `Gollierstraße 41  München  BY  80339  DE`): its first part is the
    /// street line, and a later part that passes the postal-code rule is
    /// the postal code.
    fn report_address_parts(
        &self,
        hay: &[u8],
        street: usize,
        parts: &[Range<usize>],
        out: &mut Vec<Match>,
    ) {
        self.rules[street].report(hay, parts[0].clone(), out);
        let Some(postal) =
            self.rules.iter().find(|r| r.kind == ColumnKind::Postal)
        else {
            return;
        };
        if let Some(found) =
            parts[1..].iter().find_map(|p| postal.finding(hay, p.clone()))
        {
            out.push(found);
        }
    }

    /// The cells of an import's data rows, each under the columns its
    /// record number's description names.
    fn scan_records(
        &self,
        hay: &[u8],
        body: Range<usize>,
        records: &RecordHeaders,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let wanted: Vec<_> = records
            .records
            .iter()
            .map(|(_, h)| self.wanted(h, min_confidence))
            .collect();
        let mut cells = Vec::new();
        for line in super::records::lines_starting_in(hay, body) {
            let Some(k) = records.index_of(&hay[line.clone()]) else {
                continue;
            };
            let columns = records.records[k].1.columns.len();
            // DATEV's rows end with a `;`: one empty cell more.
            if split_row(hay, line, records.delim, &mut cells) == Row::Complete
                && (cells.len() == columns
                    || (cells.len() == columns + 1
                        && cells.last().is_some_and(|c| c.is_empty())))
            {
                self.report_row(hay, &cells, &wanted[k], out);
            }
        }
    }

    /// The cells of CSV rows under `header`'s columns.
    fn scan_csv(
        &self,
        hay: &[u8],
        body: Range<usize>,
        header: &CsvHeader,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let wanted = self.wanted(header, min_confidence);
        if wanted.iter().all(Option::is_none) {
            return;
        }
        let mut cells: Vec<Range<usize>> =
            Vec::with_capacity(header.columns.len());
        let mut line = body.start;
        while line < body.end {
            let next_line = |from: usize| {
                memchr::memchr(b'\n', &hay[from..])
                    .map_or(hay.len(), |i| from + i)
            };
            let mut end = next_line(line);
            if header.fixed {
                if split_fixed(hay, line..end, header, &mut cells) {
                    self.report_row(hay, &cells, &wanted, out);
                }
                line = end + 1;
                continue;
            }
            // A quoted cell may hold line breaks (a ticket's notes): the
            // row goes on over the next lines, within reason.
            let mut row = split_row(hay, line..end, header.delim, &mut cells);
            while row == Row::Open && end < hay.len() && end - line < MAX_ROW {
                end = next_line(end + 1);
                row = split_row(hay, line..end, header.delim, &mut cells);
            }
            if row != Row::Complete {
                // Not a row (or a row cut off at the haystack's end): go
                // on with the next line.
                end = next_line(line);
            }
            // The haystack's first line may be the header. A row counts
            // only when it parses into exactly the header's columns: a
            // line continuing a quoted cell of a row that started before
            // the haystack does not.
            if !header.above_data(line)
                && row == Row::Complete
                && cells.len() == header.columns.len()
            {
                self.report_row(hay, &cells, &wanted, out);
            }
            line = end + 1;
        }
    }

    /// [`ColumnDetector::scan`] over the cells of SQL rows: a bare
    /// `'62704'` in a `zip` column of a dump.
    fn scan_sql(
        &self,
        hay: &[u8],
        body: Range<usize>,
        sql: &SqlCells,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        for (cell, name) in sql.cells_in(body) {
            self.report_cell(hay, name, cell, min_confidence, out);
        }
    }
}

/// Longest CSV row (over several lines) the column detector reads.
const MAX_ROW: usize = 64 << 10;

/// What [`split_row`] made of a span of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Complete,
    /// A quoted cell is still open at the span's end.
    Open,
    Malformed,
}

/// Split one CSV row into cell values (quotes stripped) as RFC 4180
/// reads it.
fn split_row(
    hay: &[u8],
    row: Range<usize>,
    delim: u8,
    cells: &mut Vec<Range<usize>>,
) -> Row {
    cells.clear();
    let mut i = row.start;
    loop {
        if cells.len() == MAX_COLUMNS {
            return Row::Malformed;
        }
        let (value, next) = if hay.get(i) == Some(&b'"') && i < row.end {
            let mut j = i + 1;
            loop {
                match memchr::memchr(b'"', &hay[j..row.end]) {
                    Some(q) if hay.get(j + q + 1) == Some(&b'"') => {
                        j += q + 2;
                    }
                    Some(q) => break (i + 1..j + q, j + q + 1),
                    None => return Row::Open,
                }
            }
        } else {
            let e = memchr::memchr(delim, &hay[i..row.end])
                .map_or(row.end, |d| i + d);
            if hay[i..e].contains(&b'"') {
                return Row::Malformed;
            }
            (i..e, e)
        };
        let value = trim_cr(hay, value);
        // A Markdown table pads its cells with spaces.
        let value =
            if delim == b'|' { trim_spaces(hay, value) } else { value };
        cells.push(value);
        if next >= row.end || (next + 1 == row.end && hay[next] == b'\r') {
            return Row::Complete;
        }
        if hay[next] != delim {
            return Row::Malformed;
        }
        i = next + 1;
    }
}

/// Split one row of a fixed-width report into its cells (spaces
/// trimmed), one per column of `header`; false if the line is no row: the
/// header itself, a rule, a line too short to reach the third column, or
/// a line with no space before a column's first character (free text,
/// totals). Columns count characters, not bytes.
fn split_fixed(
    hay: &[u8],
    line: Range<usize>,
    header: &CsvHeader,
    cells: &mut Vec<Range<usize>>,
) -> bool {
    cells.clear();
    let row = fixed_cells(hay, line, header, |cell, _| cells.push(cell));
    if !row {
        cells.clear();
    }
    row
}

/// [`split_fixed`] handing each cell to `each` as it goes, with the
/// columns it lies under (a row that fails part-way has handed some): no
/// cells are kept. A value may run over the start of a column whose name
/// goes on from the one before it (`Banaś Tomasz` under `Nazwisko i
/// imię`): that column gets an empty cell, so cells and columns stay in
/// step.
fn fixed_cells(
    hay: &[u8],
    line: Range<usize>,
    header: &CsvHeader,
    mut each: impl FnMut(Range<usize>, Range<usize>),
) -> bool {
    let line = trim_cr(hay, line);
    let bytes = &hay[line.clone()];
    if bytes == header.line.as_slice() || header.columns.len() < 3 {
        return false;
    }
    // Byte offset of each column's first character.
    let mut starts = [0usize; MAX_COLUMNS];
    let columns = &header.fixed_starts;
    if bytes.is_ascii() {
        for (s, &c) in starts.iter_mut().zip(columns) {
            *s = c.min(bytes.len());
        }
    } else {
        let mut chars = bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b & 0xC0 != 0x80)
            .map(|(i, _)| i)
            .chain(std::iter::repeat(bytes.len()));
        let mut at = 0;
        let mut offset = 0;
        for (s, &c) in starts.iter_mut().zip(columns) {
            while at <= c {
                offset = chars.next().unwrap_or(bytes.len());
                at += 1;
            }
            *s = offset;
        }
    }
    let n = columns.len();
    if bytes.len() <= starts[2] {
        return false;
    }
    // Whether each column opens a cell of its own.
    let mut opens = [true; MAX_COLUMNS];
    for i in 1..n {
        let start = starts[i];
        if start < bytes.len() && bytes[start - 1] != b' ' {
            if !header.name_goes_on(i) {
                return false;
            }
            opens[i] = false;
        }
    }
    // Each cell as (first column, end column, bytes of the row).
    let mut cells: [(usize, usize, Range<usize>); MAX_COLUMNS] =
        std::array::from_fn(|_| (0, 0, 0..0));
    let (mut count, mut filled) = (0, 0);
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && !opens[j] {
            j += 1;
        }
        let end = if j < n { starts[j] } else { bytes.len() };
        let cell = &bytes[starts[i]..end];
        let lead = cell.iter().take_while(|&&b| b == b' ').count();
        let trail =
            cell[lead..].iter().rev().take_while(|&&b| b == b' ').count();
        cells[count] = (i, j, starts[i] + lead..end - trail);
        count += 1;
        filled += usize::from(lead < cell.len());
        i = j;
    }
    // A row fills most of its cells: a section's title or a subtotal
    // between the rows does not.
    if 2 * filled < count {
        return false;
    }
    for (i, j, cell) in cells[..count].iter().cloned() {
        let at = line.start + cell.start..line.start + cell.end;
        each(at.clone(), i..j);
        for k in i + 1..j {
            each(at.end..at.end, k..k + 1);
        }
    }
    true
}

/// `r` without the spaces at either end.
fn trim_spaces(hay: &[u8], mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end && hay[r.start] == b' ' {
        r.start += 1;
    }
    while r.end > r.start && hay[r.end - 1] == b' ' {
        r.end -= 1;
    }
    r
}

fn trim_cr(hay: &[u8], r: Range<usize>) -> Range<usize> {
    if r.end > r.start && hay[r.end - 1] == b'\r' {
        r.start..r.end - 1
    } else {
        r
    }
}

/// A rule's regex as the shape a whole value must have: anchored at the
/// start by the search and at the end by `\z` (so `\d{5}|\d{6}` accepts a
/// six-digit value although its first branch matches a prefix). Compiled
/// on first use: most detectors never see a file of their format, and
/// compiling all their shapes was a quarter of start-up.
pub(crate) struct WholeShape {
    regex: String,
    compiled: OnceLock<Option<meta::Regex>>,
}

impl WholeShape {
    pub(crate) fn new(regex: &str) -> WholeShape {
        WholeShape {
            regex: format!("(?:{regex})\\z"),
            compiled: OnceLock::new(),
        }
    }

    /// `value` matches the shape whole (a shape that does not compile
    /// accepts anything; the catalog's own tests compile every one).
    pub(crate) fn fits(&self, value: &[u8]) -> bool {
        let compiled = self
            .compiled
            .get_or_init(|| crate::catalog::compile_single(&self.regex).ok());
        let Some(re) = compiled else { return true };
        let input = Input::new(value).anchored(Anchored::Yes);
        re.search(&input).is_some_and(|m| m.end() == value.len())
    }
}

/// The field holding the value that starts at `start` in `hay`, if any:
/// the key right before it, or its CSV column in `header`.
pub(crate) fn field_of<'a>(
    hay: &'a [u8],
    start: usize,
    fields: &'a FieldMap,
) -> Option<Field<'a>> {
    if let Some(tables) = &fields.tables {
        if let Some(tag) = tables.cell_tag_before(hay, start) {
            let (name, header) = tables.column_and_header(hay, tag)?;
            let people = table_of_people(header.iter().map(|n| &n[..]));
            return Some(Field { name, column: true, people });
        }
    }
    // Before `key: value` pairs: the first parameter follows
    // `Parameters: `.
    if let Some((name, people)) =
        fields.mybatis.then(|| super::mybatis::column_of(hay, start)).flatten()
    {
        return Some(Field { name: &hay[name], column: true, people });
    }
    if let Some(key) = key_before(hay, start)
        .map(|key| qualified(hay, key))
        .or_else(|| element_before(hay, start))
        .or_else(|| json_row_column(hay, start))
        .or_else(|| array_key_before(hay, start))
        .or_else(|| form_label_before(hay, start))
    {
        return Some(Field { name: &hay[key], column: false, people: false });
    }
    if let Some(name) = fields.sql.as_ref().and_then(|s| s.column_at(start)) {
        return Some(Field {
            name,
            column: true,
            people: fields.names_people(),
        });
    }
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    // A table laid out with spaces in a document (`Last name  First name
    // DOB` above its rows, or a query result's header over dashes).
    let document_table = || {
        if let Some((name, people)) = fields
            .underlined
            .then(|| underlined_column_above(hay, start))
            .flatten()
        {
            return Some(Field { name, column: true, people });
        }
        if let Some((name, people)) =
            fields.boxed.then(|| boxed_column_above(hay, start)).flatten()
        {
            return Some(Field { name, column: true, people });
        }
        aligned_column_above(hay, start).map(|name| Field {
            name,
            column: true,
            people: false,
        })
    };
    let header = match (&fields.csv, &fields.records) {
        (Some(header), _) => header,
        (None, Some(records)) => records.header_of(&hay[line_start..start])?,
        (None, None) => return document_table(),
    };
    if header.above_data(line_start) {
        // The header row itself, or a preamble above it.
        return None;
    }
    let name = if header.fixed {
        let line_end = memchr::memchr(b'\n', &hay[start..])
            .map_or(hay.len(), |i| start + i);
        let mut spanned = None;
        let row =
            fixed_cells(hay, line_start..line_end, header, |cell, cols| {
                if cell.start == start && !cell.is_empty() {
                    spanned.get_or_insert(cols);
                }
            });
        if !row {
            // A row of another table than the report's own.
            return document_table();
        }
        header.columns_named(spanned?)
    } else {
        column_at(&hay[line_start..start], header.delim)
            .and_then(|i| header.column(i))
    };
    match name {
        Some(name) => {
            Some(Field { name, column: true, people: header.names_people() })
        }
        // Inside a cell: a box drawn with `|` around a table laid out
        // with spaces (Stata's `list`) reads as a one-column CSV.
        None => document_table(),
    }
}

/// A normalized field name holds one of `words` somewhere in it
/// (`primerapellido` holds `apellido`).
fn holds_any(norm: &[u8], words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| norm.windows(w.len()).any(|part| part == w.as_bytes()))
}

/// A table whose columns are `names` lists people: it has a column of
/// their contact details, a given name or a surname (`Prénom`).
pub(crate) fn table_of_people<'a>(
    mut names: impl Iterator<Item = &'a [u8]>,
) -> bool {
    names.any(|name| {
        let mut buf = [0u8; MAX_KEY];
        let norm = normalize_key(name, &mut buf);
        PERSON_COLUMNS.iter().any(|k| k.as_bytes() == norm)
            || holds_any(norm, SURNAME_KEY_WORDS)
            || holds_any(norm, GIVEN_KEY_WORDS)
    })
}

/// What a plain name column of an HTML or spreadsheet table holding
/// `start` reads as beside its header row's other columns (see
/// [`PlainName::beside`]); `None` outside such a table.
pub(crate) fn table_plain_name(
    hay: &[u8],
    start: usize,
    fields: &FieldMap,
) -> Option<PlainName> {
    let tables = fields.tables.as_ref()?;
    let tag = tables.cell_tag_before(hay, start)?;
    let (_, header) = tables.column_and_header(hay, tag)?;
    Some(PlainName::beside(header.iter().map(|n| &n[..])))
}

/// The name of the CSV column whose cell holds `start` somewhere inside
/// it: a form's composite question (`"Each dependent (name, date of
/// birth, SSN)"`) names what its free-text answers hold. Context only:
/// unlike [`field_of`], the value need not start the cell.
pub(crate) fn column_containing<'a>(
    hay: &'a [u8],
    start: usize,
    fields: &'a FieldMap,
) -> Option<&'a [u8]> {
    let header = fields.csv.as_ref().filter(|h| !h.fixed)?;
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    if header.above_data(line_start) {
        return None;
    }
    let (col, _) = cell_position(&hay[line_start..start], header.delim)?;
    header.column(col)
}

/// Lines read upward from a row for the header of its table.
const MAX_ROWS_ABOVE: usize = 16;

/// Bytes before a haystack's body searched for a query result's
/// underlined header (a chunk of a mapped file may see all the file
/// before it).
const UNDERLINE_LOOKBACK: usize = 16 << 10;

/// The name of the column, in a table laid out with spaces inside a
/// document (minutes, a printed list), whose cell starts at `start`: a
/// header line above the row (rows between, no blank line) of three or
/// more names parted by two or more spaces, one of them starting where
/// the cell does (`TFN` over `418 703 290`). Only for a cell that two
/// spaces set apart from the text before it.
pub(crate) fn aligned_column_above(hay: &[u8], start: usize) -> Option<&[u8]> {
    if start < 2 || hay[start - 1] != b' ' || hay[start - 2] != b' ' {
        return None;
    }
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    let chars = |r: &[u8]| r.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let column = chars(&hay[line_start..start]);
    let mut end = line_start.checked_sub(1)?;
    for _ in 0..MAX_ROWS_ABOVE {
        let begin = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |i| i + 1);
        let line = trim_cr(hay, begin..end);
        if line.is_empty() {
            return None;
        }
        if let Some(name) = header_name_at(hay, line, column) {
            return Some(name);
        }
        end = begin.checked_sub(1)?;
    }
    None
}

/// Elements that say what type a value is, not what it is: their
/// enclosing element names it.
const WRAPPER_ELEMENTS: &[&[u8]] =
    &[b"text", b"datetime", b"number", b"value", b"string"];

/// An XML element's name without its namespace prefix (`etd:NrDomu`
/// gives `NrDomu`).
pub(crate) fn local_name(name: &[u8]) -> &[u8] {
    name.iter().rposition(|&b| b == b':').map_or(name, |i| &name[i + 1..])
}

/// The field the text of a one-line XML element named `name` belongs
/// to: a value wrapped in its type is named by the element around it
/// (Lotus Notes DXL: `<item name='CAP'><text>36061</text>`), and a street
/// element beside a house number's (`<etd:Ulica>` above `<etd:NrDomu>`,
/// PIT-11) holds the street's name alone.
fn xml_value_name<'a>(
    hay: &'a [u8],
    name: &'a [u8],
    text: &Range<usize>,
) -> &'a [u8] {
    if WRAPPER_ELEMENTS.contains(&name) && hay[..text.start].ends_with(b">") {
        return element_before(hay, text.start).map_or(name, |r| &hay[r]);
    }
    if column_kind(name) == Some(ColumnKind::Street)
        && house_number_element_after(hay, text.end)
    {
        return b"streetname";
    }
    name
}

/// An element named as a house number's column opens within the two
/// lines after `at` (`<etd:NrDomu>87</etd:NrDomu>`).
fn house_number_element_after(hay: &[u8], at: usize) -> bool {
    let after = &hay[at..hay.len().min(at + 160)];
    let mut lines = after.split(|&b| b == b'\n').skip(1).take(2);
    lines.any(|line| {
        let line = line.trim_ascii_start();
        let Some(tag) = line.strip_prefix(b"<") else { return false };
        let end = tag
            .iter()
            .position(|&b| b == b'>' || b == b' ')
            .unwrap_or(tag.len());
        let mut buf = [0u8; MAX_KEY];
        let norm = normalize_key(local_name(&tag[..end]), &mut buf);
        HOUSE_NUMBER_COLUMNS.iter().any(|k| k.as_bytes() == norm)
    })
}

/// Bytes of a haystack (and of a file's head) searched for MyBatis's
/// parameters.
const MYBATIS_WINDOW: usize = 64 << 10;

/// `hay` has a line starting with a box's border (`+--`). Looked for
/// from the `+`, rarer in text than the line breaks and dashes around it.
fn holds_box_border(hay: &[u8]) -> bool {
    memchr::memchr_iter(b'+', hay).any(|i| {
        (i == 0 || hay[i - 1] == b'\n') && hay.get(i + 1..i + 3) == Some(b"--")
    }) || memchr::memmem::find(hay, DRAWN_TOP).is_some()
}

/// The top left corner of a table drawn with box-drawing characters
/// (ClickHouse's `PrettyCompact`: `┌─order_no─┬─mother_name─┐`), then a
/// horizontal line.
const DRAWN_TOP: &[u8] = "┌─".as_bytes();

/// A drawn table's cell separator (`│`).
const DRAWN_BAR: &[u8] = "│".as_bytes();

/// The column names of a drawn table's top border on `line`
/// (`   ┌─order_no─────┬─mother_name─┐`): the names sit in the border,
/// between runs of `─`, columns parted by `┬`.
fn drawn_header(line: &[u8]) -> Option<Vec<&[u8]>> {
    let start = memchr::memmem::find(line, DRAWN_TOP)? + "┌".len();
    let end = memchr::memmem::find(&line[start..], "┐".as_bytes())? + start;
    let rule = "─".as_bytes();
    let names: Vec<&[u8]> = memchr::memmem::find_iter(&line[start..end], "┬")
        .chain(std::iter::once(end - start))
        .scan(start, |from, cut| {
            let mut cell = &line[*from..start + cut];
            *from = start + cut + "┬".len();
            while let Some(rest) = cell.strip_prefix(rule) {
                cell = rest;
            }
            while let Some(rest) = cell.strip_suffix(rule) {
                cell = rest;
            }
            Some(cell)
        })
        .collect();
    names.iter().all(|n| !n.is_empty()).then_some(names)
}

/// The cells of a drawn table's row on `line` (`1. │ YN2024 │ 陈思琪 │`):
/// the text between each `│` and the next, spaces trimmed.
fn drawn_cells(hay: &[u8], line: Range<usize>, cells: &mut Vec<Range<usize>>) {
    cells.clear();
    let bars: Vec<usize> =
        memchr::memmem::find_iter(&hay[line.clone()], DRAWN_BAR)
            .map(|i| line.start + i)
            .collect();
    for pair in bars.windows(2) {
        cells.push(trim_spaces(hay, pair[0] + DRAWN_BAR.len()..pair[1]));
    }
}

/// The column name above a value in a drawn table: the count of `│`
/// before it on its line, then the names of the top border above the
/// rows. With the name, whether the table's columns name people.
fn drawn_column_above(hay: &[u8], start: usize) -> Option<(&[u8], bool)> {
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    let column = memchr::memmem::find_iter(&hay[line_start..start], DRAWN_BAR)
        .count()
        .checked_sub(1)?;
    let mut at = line_start;
    for _ in 0..MAX_ROWS_ABOVE {
        at = line_before(hay, at)?;
        let end =
            memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |i| at + i);
        let line = &hay[at..end];
        if let Some(names) = drawn_header(line) {
            let name = *names.get(column)?;
            return Some((name, table_of_people(names.into_iter())));
        }
        memchr::memmem::find(line, DRAWN_BAR)?;
    }
    None
}

/// The header of a table drawn in a box whose top border starts at
/// `top` (`+----+----+`, then `|id  |cpf |`, then a border): its columns
/// (ranges from `header_start`), where the header line starts and where
/// the table's rows start.
fn boxed_header(hay: &[u8], top: usize) -> Option<(CsvHeader, usize, usize)> {
    let next = |at: usize| {
        let end = memchr::memchr(b'\n', &hay[at..]).map(|i| at + i)?;
        Some((trim_cr(hay, at..end), end + 1))
    };
    let (border, at) = next(top)?;
    let (header, at) = next(at)?;
    let (under, rows) = next(at)?;
    let is_border = |r: &Range<usize>| {
        hay[r.clone()].starts_with(b"+-")
            && hay[r.clone()].iter().all(|b| matches!(b, b'+' | b'-'))
    };
    if !(is_border(&border) && is_border(&under) && hay[header.start] == b'|')
        || rows >= hay.len()
    {
        return None;
    }
    let start = header.start;
    let header = CsvHeader::from_line(&hay[header], b'|', false)?;
    Some((header, start, rows))
}

/// Where the line holding `at` ends (its `\n`, or the haystack's end).
fn line_end(hay: &[u8], at: usize) -> usize {
    memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |i| at + i)
}

/// The start of the line before the line starting at `line_start`.
fn line_before(hay: &[u8], line_start: usize) -> Option<usize> {
    let end = line_start.checked_sub(1)?;
    Some(memchr::memrchr(b'\n', &hay[..end]).map_or(0, |i| i + 1))
}

/// The column name above a value in a table drawn in a box, as the MySQL
/// client and Spark's `show()` print a result: rows of `|`-separated
/// cells between `+---+---+` borders, the header between the top two
/// (`|id_proposta  |cpf        |`). Cells are counted by their `|`, so
/// a value may be padded on either side. With the name, whether the
/// table's columns name people.
pub(crate) fn boxed_column_above(
    hay: &[u8],
    start: usize,
) -> Option<(&[u8], bool)> {
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    if hay.get(line_start) != Some(&b'|') {
        return drawn_column_above(hay, start);
    }
    // The header's first column is the empty one before its first `|`.
    let column = memchr::memchr_iter(b'|', &hay[line_start..start]).count();
    // Up over the rows to the border under the header.
    let mut at = line_start;
    for _ in 0..MAX_ROWS_ABOVE {
        at = line_before(hay, at)?;
        if hay[at..].starts_with(b"+-") {
            let top = line_before(hay, line_before(hay, at)?)?;
            let (header, header_start, _) = boxed_header(hay, top)?;
            let names = || {
                header.columns.iter().map(|c| {
                    &hay[header_start + c.start..header_start + c.end]
                })
            };
            let name = names().nth(column)?;
            let people = table_of_people(names());
            return (!name.is_empty()).then_some((name, people));
        }
        if hay[at] != b'|' {
            return None;
        }
    }
    None
}

/// The column name above a value in a query tool's result printed as
/// text (SQL*Plus, sqlcmd, isql): a header line underlined by a run of
/// dashes per column, one space apart, the value's first character under
/// a run (`COGNOME` above `--------------------` above `BARBERIS`). The
/// header's names may stand one space apart, so only the dashes tell the
/// columns. With the name, whether the table's columns name people.
pub(crate) fn underlined_column_above(
    hay: &[u8],
    start: usize,
) -> Option<(&[u8], bool)> {
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    let chars = |r: &[u8]| r.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let column = chars(&hay[line_start..start]);
    let mut end = line_start.checked_sub(1)?;
    for _ in 0..MAX_ROWS_ABOVE {
        let begin = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |i| i + 1);
        let line = trim_cr(hay, begin..end);
        if line.is_empty() {
            return None;
        }
        if let Some(header) = underlined_header(hay, line.clone()) {
            let underline = &hay[line];
            let columns =
                || underlined_columns(hay, header.clone(), underline);
            let (_, name) =
                columns().find(|(run, _)| run.contains(&column))?;
            let people = table_of_people(columns().map(|(_, n)| &hay[n]));
            return (!name.is_empty()).then(|| (&hay[name], people));
        }
        end = begin.checked_sub(1)?;
    }
    None
}

/// `hay` has a line underlining a header ([`underlined_header`]).
fn holds_underlined_table(hay: &[u8]) -> bool {
    memchr::memmem::find_iter(hay, b"\n-").any(|nl| {
        let start = nl + 1;
        let end = memchr::memchr(b'\n', &hay[start..])
            .map_or(hay.len(), |i| start + i);
        underlined_header(hay, trim_cr(hay, start..end)).is_some()
    })
}

/// Each key's kind, worked out once per haystack: JSON lines repeat their
/// keys on every line (`column_kind` reads a dozen lists).
type KeyKinds =
    HashMap<Vec<u8>, (Option<ColumnKind>, bool), foldhash::fast::FixedState>;

/// The part of `line` that is JSON inside a text document: a line of
/// pretty-printed JSON, indented and opening with a key (`  "postCode":
/// "3068",`), perhaps after a dump's offset (`013d:   "surname": ...`,
/// curl's `--trace-ascii`), or an object logged after a line's prefix. A
/// request body or a payload logged in a text file is read by its keys as
/// a JSON file is.
fn embedded_json_line(hay: &[u8], line: Range<usize>) -> Option<Range<usize>> {
    let bytes = &hay[line.clone()];
    let offset = match bytes {
        [a, b, c, d, b':', b' ', ..]
            if [a, b, c, d].iter().all(|x| x.is_ascii_hexdigit()) =>
        {
            6
        }
        _ => 0,
    };
    let rest = &bytes[offset..];
    let indent = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    // Byte searches, not substring ones: this runs on every line of a
    // text file, and a substring searcher costs its setup each time.
    let quoted_key = |text: &[u8]| {
        memchr::memchr_iter(b':', text).any(|i| i > 0 && text[i - 1] == b'"')
    };
    if indent > 0 && rest.get(indent) == Some(&b'"') && quoted_key(rest) {
        return Some(line.start + offset..line.end);
    }
    // An object logged on a line after its time and topic (`06:48:20
    // alarm/ack/ZA-20417 {"ack_by":"w.dekker",...}`). A line that is a
    // JSON object from its start is a JSON log's record: its keys are
    // left to the regex rules.
    let open = memchr::memchr_iter(b'{', bytes)
        .find(|&i| bytes.get(i + 1) == Some(&b'"'))
        .filter(|&i| i > 0)?;
    quoted_key(&bytes[open..]).then(|| line.start + open..line.end)
}

/// The header line above `underline` if `underline` is two or more runs
/// of dashes one space apart and nothing else, under a header line
/// naming at least the first column.
fn underlined_header(
    hay: &[u8],
    underline: Range<usize>,
) -> Option<Range<usize>> {
    let line = &hay[underline.clone()];
    let shaped = line.first() == Some(&b'-')
        && line.iter().all(|&b| b == b'-' || b == b' ')
        && !line.windows(2).any(|w| w == b"  ")
        && memchr::memchr(b' ', line.trim_ascii_end()).is_some();
    if !shaped {
        return None;
    }
    let end = underline.start.checked_sub(1)?;
    let begin = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |i| i + 1);
    let header = trim_cr(hay, begin..end);
    let named = hay[header.clone()]
        .iter()
        .find(|&&b| b != b' ')
        .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80);
    named.then_some(header)
}

/// The columns of an underlined header: each run of dashes of
/// `underline` (an ASCII header: runs count bytes), and the header's text
/// above it, trimmed.
fn underlined_columns<'a>(
    hay: &'a [u8],
    header: Range<usize>,
    underline: &'a [u8],
) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let run = at + underline.get(at..)?.iter().position(|&b| b == b'-')?;
        let end = underline[run..]
            .iter()
            .position(|&b| b != b'-')
            .map_or(underline.len(), |i| run + i);
        at = end;
        let from = (header.start + run).min(header.end);
        let to = (header.start + end).min(header.end);
        Some((run..end, trim_spaces(hay, from..to)))
    })
}

/// The header name of `line` starting at character `column`, if `line`
/// reads as a header of names parted by two or more spaces.
fn header_name_at(
    hay: &[u8],
    line: Range<usize>,
    column: usize,
) -> Option<&[u8]> {
    let bytes = &hay[line.clone()];
    let mut names = 0;
    let mut found = None;
    let mut chars = 0;
    let mut i = 0;
    while i < bytes.len() {
        // A box's border around the header (Stata's `list`: `|  id  name
        // |`) stands where spaces would.
        let border = bytes[i] == b'|'
            && (i == 0 || bytes[i - 1] == b' ')
            && bytes.get(i + 1).map_or(true, |&b| b == b' ');
        if bytes[i] == b' ' || border {
            i += 1;
            chars += 1;
            continue;
        }
        // A name runs to two spaces or the line's end.
        let name_start = i;
        let name_chars = chars;
        while i < bytes.len()
            && !(bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' '))
        {
            if bytes[i] & 0xC0 != 0x80 {
                chars += 1;
            }
            i += 1;
        }
        let name = &bytes[name_start..i];
        let word_like = name.len() <= MAX_COLUMN_NAME
            && (name[0].is_ascii_alphabetic() || name[0] >= 0x80)
            && !name.iter().any(u8::is_ascii_digit);
        if !word_like {
            return None;
        }
        names += 1;
        if name_chars == column {
            found = Some(line.start + name_start..line.start + i);
        }
    }
    if names < 3 {
        return None;
    }
    found.map(|r| &hay[r])
}

/// Longest start tag read back from an attribute's value.
const MAX_TAG: usize = 256;

/// The start tag holding the attribute whose value starts at `start`,
/// from its `<` to the value (`<Credential type="US_PASSPORT_BOOK"
/// issuer="..." number="`), if the value is an attribute's.
pub(crate) fn tag_before(hay: &[u8], start: usize) -> Option<Range<usize>> {
    if start < 2
        || !matches!(hay[start - 1], b'"' | b'\'')
        || hay[start - 2] != b'='
    {
        return None;
    }
    let from = start.saturating_sub(MAX_TAG);
    let open = from + memchr::memrchr(b'<', &hay[from..start])?;
    let inside = &hay[open..start];
    (memchr::memchr2(b'>', b'\n', inside).is_none()
        && inside.get(1).is_some_and(u8::is_ascii_alphabetic))
    .then_some(open..start)
}

/// The key of a `key: value`, `key=value` or `"key": "value"` pair whose
/// value starts at `start`.
fn key_before(hay: &[u8], start: usize) -> Option<Range<usize>> {
    // JSON inside a JSON string (a payload logged as text) escapes its
    // quotes: `{\"ssn\": \"078051120\"}` reads like `{"ssn": "..."}`.
    let escaped = |i: usize| i > 1 && hay[i - 2] == b'\\';
    // JSON inside an XML or HTML value escapes its quotes as entities
    // (`{&quot;addr&quot;:&quot;...`: Android's shared preferences).
    let entity = |i: usize| hay[..i].ends_with(b"&quot;");
    // JSON in a CSV cell doubles its quotes (`""last_name"": ""Brennan""`).
    let doubled = |i: usize| i > 1 && hay[i - 1] == b'"' && hay[i - 2] == b'"';
    let mut i = start;
    // Opening quote of the value.
    if entity(i) {
        i -= 6;
    } else if i > 0 && matches!(hay[i - 1], b'"' | b'\'') {
        i -= 1;
        if hay[i] == b'"' && (escaped(i + 1) || doubled(i + 1)) {
            i -= 1;
        }
    }
    // `key: value` and `"key" : "value"` allow spaces around the separator;
    // logfmt's `key=value` does not need them.
    let mut spaces = 0;
    while i > 0 && hay[i - 1] == b' ' && spaces < 4 {
        i -= 1;
        spaces += 1;
    }
    // Ruby's and PHP's `"key" => "value"` too, and the full-width colon
    // of Chinese and Japanese text (`导出人：周雅婷`).
    let arrow = i > 1 && hay[i - 1] == b'>' && hay[i - 2] == b'=';
    if arrow {
        i -= 2;
    } else if i > 0 && matches!(hay[i - 1], b':' | b'=') {
        i -= 1;
    } else if hay[..i].ends_with("：".as_bytes()) {
        i -= "：".len();
    } else {
        return None;
    }
    while i > 0 && hay[i - 1] == b' ' {
        i -= 1;
    }
    // A printed form's dot leader (`Achternaam .........: Kaya`).
    if hay[..i].ends_with(b"...") {
        while i > 0 && hay[i - 1] == b'.' {
            i -= 1;
        }
        while i > 0 && hay[i - 1] == b' ' {
            i -= 1;
        }
    }
    // PHP's `print_r` brackets its keys (`[first_name] => Lena`).
    if arrow && i > 1 && hay[i - 1] == b']' {
        let end = i - 1;
        let open = hay[end.saturating_sub(MAX_KEY)..end]
            .iter()
            .rposition(|&b| b == b'[')
            .map(|k| end.saturating_sub(MAX_KEY) + k + 1)?;
        let key = &hay[open..end];
        return (!key.is_empty()
            && key[0].is_ascii_alphabetic()
            && key.iter().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
            }))
        .then_some(open..end);
    }
    let entity_quoted = entity(i);
    let quote =
        (!entity_quoted && i > 0 && matches!(hay[i - 1], b'"' | b'\''))
            .then(|| hay[i - 1]);
    let quoted = quote.is_some();
    if entity_quoted {
        i -= 6;
    } else if quoted {
        i -= 1;
        if escaped(i + 1) || (quote == Some(b'"') && doubled(i + 1)) {
            i -= 1;
        }
    }
    let end = i;
    // Keys may be written in any script (`prénom=`, `"姓名":`).
    while i > 0 && end - i < MAX_KEY {
        let c = hay[i - 1];
        if c.is_ascii_alphanumeric()
            || c >= 0x80
            || matches!(c, b'_' | b'-' | b'.')
        {
            i -= 1;
        } else {
            break;
        }
    }
    // A key opens with a letter, perhaps after underscores (MongoDB's
    // `_id`, a TR-069 server's `_value`).
    let letter = i + hay[i..end].iter().take_while(|&&b| b == b'_').count();
    if letter == end
        || !(hay[letter].is_ascii_alphabetic() || hay[letter] >= 0xC0)
    {
        return None;
    }
    if quoted && (i == 0 || Some(hay[i - 1]) != quote)
        || entity_quoted && !entity(i)
    {
        return None;
    }
    if namespaced_attribute(hay, i) {
        return None;
    }
    Some(i..end)
}

/// The key starting at `key` is an XML attribute with a namespace prefix
/// (`<Font x:Family="Swiss">`, `ss:Name="Applications"`): a document
/// format's own vocabulary, not a data field.
fn namespaced_attribute(hay: &[u8], key: usize) -> bool {
    if key < 2 || hay[key - 1] != b':' || !hay[key - 2].is_ascii_alphabetic() {
        return false;
    }
    let from = key.saturating_sub(256);
    let tag = memchr::memrchr(b'<', &hay[from..key]);
    let closed = memchr::memrchr(b'>', &hay[from..key]);
    matches!((tag, closed), (Some(t), c) if c.map_or(true, |c| c < t))
}

/// Keys that only say "the value" of a name/value pair
/// (`{"system": ".../nhs-number", "value": "..."}`, FHIR's `valueString`)
/// or of a typed wrapper (GenieACS's and other TR-069 servers'
/// `"cep": {"_value": ..., "_type": "xsd:string"}`).
const VALUE_KEYS: &[&[u8]] = &[
    b"value",
    b"Value",
    b"_value",
    b"$value",
    b"valueString",
    b"valueDecimal",
    b"valueInteger",
    b"valueCode",
    b"valueIdentifier",
    // A number's object says whose or what number it is (`"tessera":
    // {"numero": ...}`, `"passport": {"number": ...}`).
    b"number",
    b"numero",
    b"nummer",
    b"numer",
];

/// Keys naming what the `value` of the same object is.
const QUALIFIER_KEYS: &[&[u8]] =
    &[b"system", b"url", b"name", b"Name", b"key", b"Key"];

/// How far back the object holding a `value` key is looked for.
const MAX_OBJECT: usize = 512;

/// For a `value` key, the qualifier of its object if it has one
/// before it (`"system": "https://fhir.nhs.uk/Id/nhs-number"` gives
/// `nhs-number`, `{"Key": "Owner", "Value": ...}` gives `Owner`); else,
/// when it opens its object, the key that object is the value of
/// (`"telefone": {"_value": ...}` gives `telefone`); otherwise `key`
/// itself.
fn qualified(hay: &[u8], key: Range<usize>) -> Range<usize> {
    if &hay[key.clone()] == b"FieldValue" {
        return form_field_name(hay, key);
    }
    if !VALUE_KEYS.contains(&&hay[key.clone()]) {
        return key;
    }
    let Some(open) = object_open(hay, key.start) else { return key };
    // Its qualifier key at the object's own level, with a string value.
    let mut depth = 0usize;
    let mut i = open + 1;
    // Keys before the value other than its type (kintone's records:
    // `"氏名_姓": {"type": "SINGLE_LINE_TEXT", "value": "佐々木"}`).
    let mut others = false;
    let mut in_value = false;
    while i < key.start {
        match hay[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' if depth == 0 => {
                let Some(len) = memchr::memchr(b'"', &hay[i + 1..key.start])
                else {
                    break;
                };
                let name = &hay[i + 1..i + 1 + len];
                let after = i + len + 2;
                if in_value {
                    // A string value: skipped.
                    in_value = false;
                    i = after;
                    continue;
                }
                if QUALIFIER_KEYS.contains(&name) {
                    if let Some(v) = string_value(hay, after, key.start) {
                        return last_segment(hay, v);
                    }
                }
                others |= name != b"type";
                in_value = hay[after..key.start]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    == Some(&b':');
                i = after;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if !others {
        if let Some(parent) = key_before(hay, open) {
            return parent;
        }
    }
    key
}

/// For the `FieldValue` key of `pdftk dump_data_fields` output, the name
/// of its form field; otherwise `key` itself. The field's block (lines
/// since `---`) names it twice, `FieldName: applicant.last_name` and a
/// tooltip, `FieldNameAlt: Last name (as on passport)`. The first piiscan
/// knows as a column wins: the name (`passport.number` says more than a
/// tooltip `Number`), the tooltip (generated names like
/// `topmostSubform[0].Page1[0].f1_01[0]` say nothing), the name's last
/// part (`applicant.zip`); else both lines (what context words read).
fn form_field_name(hay: &[u8], key: Range<usize>) -> Range<usize> {
    let value = key.start;
    if &hay[key.clone()] != b"FieldValue"
        || value > 0 && hay[value - 1] != b'\n'
    {
        return key;
    }
    let (mut name, mut alt) = (None, None);
    let mut end = value;
    for _ in 0..8 {
        if end == 0 {
            break;
        }
        let start =
            memchr::memrchr(b'\n', &hay[..end - 1]).map_or(0, |i| i + 1);
        let line = trim_cr(hay, start..end - 1);
        let text = &hay[line.clone()];
        if text == b"---" {
            break;
        }
        let after = |label: &[u8]| {
            text.starts_with(label)
                .then(|| trim_spaces(hay, line.start + label.len()..line.end))
        };
        alt = alt.or_else(|| after(b"FieldNameAlt:"));
        name = name.or_else(|| after(b"FieldName:"));
        end = start;
    }
    let last = name.clone().map(|n| {
        let v = &hay[n.clone()];
        match memchr::memrchr(b'.', v) {
            Some(i) if i + 1 < v.len() => n.start + i + 1..n.end,
            _ => n,
        }
    });
    [name.clone(), alt.clone(), last]
        .into_iter()
        .flatten()
        .find(|r| {
            // `Last name (as on passport)`: the note says how.
            let v = &hay[r.clone()];
            let v = memchr::memchr(b'(', v).map_or(v, |i| v[..i].trim_ascii());
            known_column(v)
        })
        .or_else(|| match (name, alt) {
            // Both lines, for the context words either may hold.
            (Some(n), Some(a)) => Some(n.start.min(a.start)..n.end.max(a.end)),
            (n, a) => n.or(a),
        })
        .unwrap_or(key)
}

/// The opening brace of the JSON object holding `at`, skipping nested
/// objects and arrays; none inside an array or past [`MAX_OBJECT`].
fn object_open(hay: &[u8], at: usize) -> Option<usize> {
    let from = at.saturating_sub(MAX_OBJECT);
    let mut depth = 0usize;
    for i in (from..at).rev() {
        match hay[i] {
            b'}' | b']' => depth += 1,
            b'{' | b'[' if depth > 0 => depth -= 1,
            b'{' => return Some(i),
            b'[' => return None,
            _ => {}
        }
    }
    None
}

/// The key whose value is the JSON object holding `at`
/// (`"name": {"first": "Harpreet"}` gives `name` for `Harpreet`).
pub(crate) fn parent_key(hay: &[u8], at: usize) -> Option<&[u8]> {
    let open = object_open(hay, at)?;
    key_before(hay, open).map(|key| &hay[key])
}

/// The string after `: ` at `at` (before `limit`), without its quotes.
fn string_value(hay: &[u8], at: usize, limit: usize) -> Option<Range<usize>> {
    let mut i = at;
    while i < limit && matches!(hay[i], b' ' | b'\t') {
        i += 1;
    }
    if hay.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    while i < limit && matches!(hay[i], b' ' | b'\t') {
        i += 1;
    }
    if hay.get(i) != Some(&b'"') {
        return None;
    }
    let len = memchr::memchr(b'"', &hay[i + 1..limit])?;
    (len > 0).then_some(i + 1..i + 1 + len)
}

/// The part of a URL or path after its last `/` (the whole if none).
fn last_segment(hay: &[u8], r: Range<usize>) -> Range<usize> {
    let v = &hay[r.clone()];
    let v = v.strip_suffix(b"/").unwrap_or(v);
    match memchr::memrchr(b'/', v) {
        Some(i) if i + 1 < v.len() => r.start + i + 1..r.start + v.len(),
        _ => r,
    }
}

/// The element a value is the text of: `<Nome>Marco</Nome>` gives `Nome`
/// (a namespace prefix dropped), `<Data Name="TargetUserName">` its
/// `Name` attribute.
fn element_before(hay: &[u8], start: usize) -> Option<Range<usize>> {
    if start == 0 || hay[start - 1] != b'>' {
        return None;
    }
    let gt = start - 1;
    let from = gt.saturating_sub(MAX_KEY * 3);
    let lt = from + memchr::memrchr(b'<', &hay[from..gt])?;
    let tag = &hay[lt + 1..gt];
    if tag.is_empty()
        || !tag[0].is_ascii_alphabetic()
        || tag.ends_with(b"/")
        || tag.contains(&b'\n')
    {
        return None;
    }
    let name_len =
        tag.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(tag.len());
    if let Some(named) = name_attribute(hay, lt, gt, name_len) {
        return Some(named);
    }
    // A value wrapped in its type (`<item name='Cognome'><text>Bordignon`,
    // Lotus Notes DXL; `<textlist><text>` one level more): the enclosing
    // element's name says what it is.
    let mut outer_gt = lt;
    for _ in 0..2 {
        if outer_gt == 0 || hay[outer_gt - 1] != b'>' {
            break;
        }
        outer_gt -= 1;
        let from = outer_gt.saturating_sub(MAX_KEY * 3);
        let Some(outer_lt) =
            memchr::memrchr(b'<', &hay[from..outer_gt]).map(|i| from + i)
        else {
            break;
        };
        let outer = &hay[outer_lt + 1..outer_gt];
        if outer.first().is_some_and(|b| !b.is_ascii_alphabetic())
            || outer.contains(&b'\n')
        {
            break;
        }
        let len = outer
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(outer.len());
        if let Some(named) = name_attribute(hay, outer_lt, outer_gt, len) {
            return Some(named);
        }
        outer_gt = outer_lt;
    }
    let name = lt + 1..lt + 1 + name_len;
    let local = memchr::memrchr(b':', &hay[name.clone()])
        .map_or(name.start, |i| name.start + i + 1);
    (local < name.end).then_some(local..name.end)
}

/// The value of the `Name`, `name` or `key` attribute of the start tag
/// from `lt` to `gt` (its element's name `name_len` bytes long), in
/// double or single quotes.
fn name_attribute(
    hay: &[u8],
    lt: usize,
    gt: usize,
    name_len: usize,
) -> Option<Range<usize>> {
    let attrs = &hay[lt + 1 + name_len..gt];
    for attr in [&b" Name="[..], b" name=", b" key="] {
        if let Some(p) = memchr::memmem::find(attrs, attr) {
            let quote = *attrs.get(p + attr.len())?;
            if !matches!(quote, b'"' | b'\'') {
                continue;
            }
            let v = lt + 1 + name_len + p + attr.len() + 1;
            let len = memchr::memchr(quote, &hay[v..gt])?;
            return (len > 0).then_some(v..v + len);
        }
    }
    None
}

/// The label of a printed or scanned form's line (`Surname or family
/// name   NGUYEN`): words at the start of the line, then two or more
/// spaces, then the value.
fn form_label_before(hay: &[u8], start: usize) -> Option<Range<usize>> {
    let mut i = start;
    while i > 0 && hay[i - 1] == b' ' && start - i < MAX_KEY {
        i -= 1;
    }
    if start - i < 2 {
        return None;
    }
    let end = i;
    let line_start = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |n| n + 1);
    let label = &hay[line_start..end];
    let first = label.iter().position(|&b| b != b' ')?;
    let words = &label[first..];
    let ok = words.len() <= MAX_KEY * 2
        && words[0].is_ascii_alphabetic()
        && !words.windows(2).any(|w| w == b"  ")
        && words.iter().all(|&b| {
            b.is_ascii_alphabetic() || matches!(b, b' ' | b'\'' | b'-' | b'/')
        });
    ok.then_some(line_start + first..end)
}

/// Longest label of a printed form's line read.
const MAX_FORM_LABEL: usize = 32;

/// The label and value of a printed form's `line`: indentation, a label
/// of words (`MOBILE`, `Date of Birth`), spaces, a colon, spaces, then
/// the value up to two spaces or the line's end. The line must be
/// indented or its label padded to the colon.
fn form_pair(
    hay: &[u8],
    line: Range<usize>,
) -> Option<(Range<usize>, Range<usize>)> {
    let text = &hay[line.clone()];
    let indent = text.iter().take_while(|&&b| b == b' ').count();
    let first = *text.get(indent)?;
    if !(first.is_ascii_alphabetic() || first >= 0xC0) {
        return None;
    }
    // Labels in any script (`우편번호        : 01690`). Most lines hold no
    // colon near their start: a byte search rules them out first.
    let limit = text.len().min(indent + MAX_FORM_LABEL + 1);
    let colon = indent + memchr::memchr(b':', &text[indent..limit])?;
    let label_byte =
        |b: &u8| b.is_ascii_alphabetic() || *b >= 0x80 || b" ./-".contains(b);
    if !text[indent..colon].iter().all(label_byte)
        || text.get(colon + 1) != Some(&b' ')
    {
        return None;
    }
    let label = indent..indent + text[indent..colon].trim_ascii_end().len();
    // Laid out as a form: indented, or the label padded to the colon
    // (`Tel: 020 7946 0958` is the regex rules' to read).
    if indent < 2 && colon - label.end < 2 {
        return None;
    }
    let start = colon
        + 1
        + text[colon + 1..].iter().take_while(|&&b| b == b' ').count();
    let rest = &text[start..];
    let len = memchr::memmem::find(rest, b"  ").unwrap_or(rest.len());
    let value = &rest[..len];
    let value_len = value.trim_ascii_end().len();
    if value_len == 0 {
        return None;
    }
    let at = line.start;
    Some((
        at + label.start..at + label.end,
        at + start..at + start + value_len,
    ))
}

/// The key of a JSON array a string value is an element of:
/// `"given": ["Chidinma", "Grace"]` gives `given` for either name.
fn array_key_before(hay: &[u8], start: usize) -> Option<Range<usize>> {
    if start == 0 || hay[start - 1] != b'"' {
        return None;
    }
    let mut i = start - 1;
    for _ in 0..MAX_ELEMENTS {
        // Back over white space (arrays are often pretty-printed).
        while i > 0 && hay[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        match hay.get(i.checked_sub(1)?)? {
            b'[' => return key_before(hay, i - 1),
            // The element before: a string without escapes.
            b',' => {
                i -= 1;
                while i > 0 && hay[i - 1].is_ascii_whitespace() {
                    i -= 1;
                }
                if i == 0 || hay[i - 1] != b'"' {
                    return None;
                }
                let from = (i - 1).saturating_sub(MAX_ELEMENT);
                let open = from + memchr::memrchr(b'"', &hay[from..i - 1])?;
                if hay[open + 1..i - 1].contains(&b'\\') {
                    return None;
                }
                i = open;
            }
            _ => return None,
        }
    }
    None
}

/// Rows read upward from a JSON array's row for its first row.
const MAX_JSON_ROWS: usize = 64;

/// The column name of the string cell starting at `start` in a JSON array
/// of arrays whose first row names the columns, one row a line (Google
/// Sheets' `"values": [["Nr", "BSN", ...], ["B01", "174308528", ...]]`,
/// pandas' `split` orient).
fn json_row_column(hay: &[u8], start: usize) -> Option<Range<usize>> {
    if start == 0 || hay[start - 1] != b'"' {
        return None;
    }
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    let row = &hay[line_start..start - 1];
    let indent = row.iter().take_while(|b| b.is_ascii_whitespace()).count();
    if row.get(indent) != Some(&b'[') {
        return None;
    }
    // The cells before this one.
    let index = json_cells(&row[indent + 1..]).count();
    json_row_header(hay, line_start)?
        .nth(index)
        .filter(|name| is_column_name(&hay[name.clone()]))
}

/// The cells (ranges of `hay`) of the first row of the JSON array of rows
/// whose row starts the line at `line_start`: the rows above it, up to the
/// line opening the array.
fn json_row_header(
    hay: &[u8],
    line_start: usize,
) -> Option<impl Iterator<Item = Range<usize>> + '_> {
    let mut header = None;
    let mut end = line_start.checked_sub(1)?;
    for _ in 0..MAX_JSON_ROWS {
        let begin = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |i| i + 1);
        let text = hay[begin..end].trim_ascii();
        if text.starts_with(b"[") {
            header = Some(begin..end);
        } else if text.ends_with(b"[") {
            break;
        } else {
            return None;
        }
        end = begin.checked_sub(1)?;
    }
    let header = header?;
    let open = header.start + memchr::memchr(b'[', &hay[header.clone()])? + 1;
    Some(
        json_cells(&hay[open..header.end])
            .map(move |c| open + c.start..open + c.end),
    )
}

/// The string cells of a JSON array's row from after its `[` (`"a", "b",
/// "c"]`), as ranges of their text; the last may be unterminated (the
/// cell being read). Stops at anything but strings and commas.
fn json_cells(row: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < row.len() && matches!(row[i], b' ' | b',' | b'\t') {
            i += 1;
        }
        if row.get(i) != Some(&b'"') {
            return None;
        }
        let text = i + 1;
        let mut j = text;
        while j < row.len() && row[j] != b'"' {
            j += if row[j] == b'\\' { 2 } else { 1 };
        }
        let cell = text..j.min(row.len());
        i = j + 1;
        Some(cell)
    })
}

/// Array elements and their length looked back over.
const MAX_ELEMENTS: usize = 8;
const MAX_ELEMENT: usize = 128;

/// The 0-based column a cell starting at the end of `row` (a row's bytes
/// from its line start up to the value) belongs to, reading quotes as
/// RFC 4180 does. `None` if the row is malformed before that point (a
/// quote inside an unquoted cell: the line continues a quoted cell of the
/// row above, so its columns are unknown).
fn column_at(row: &[u8], delim: u8) -> Option<usize> {
    let (col, at_cell_start) = cell_position(row, delim)?;
    at_cell_start.then_some(col)
}

/// The column the end of `row` (a row's bytes up to a position) lies in,
/// and whether the position starts its cell (right after a delimiter or
/// an opening quote, not in the middle of free text); `None` for a quote
/// inside an unquoted cell.
fn cell_position(row: &[u8], delim: u8) -> Option<(usize, bool)> {
    let mut col = 0;
    let mut i = 0;
    let mut cell_start = true;
    let mut in_quotes = false;
    while i < row.len() {
        let b = row[i];
        if in_quotes {
            if b == b'"' {
                if row.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == delim {
            col += 1;
            cell_start = true;
            i += 1;
            continue;
        } else if b == b' ' && cell_start && delim == b'|' {
            // A Markdown table's padding.
            i += 1;
            continue;
        } else if b == b'"' {
            if !cell_start {
                return None;
            }
            in_quotes = true;
        }
        cell_start = false;
        i += 1;
    }
    let at_cell_start = cell_start || (in_quotes && row.last() == Some(&b'"'));
    Some((col, at_cell_start))
}

/// `key` lowercased without separators (`customer_Name` -> `customername`)
/// into `buf`. Non-ASCII letters are dropped (`prénom` -> `prnom`), except
/// in a key written without ASCII letters (`收件人电话`, `住所1`), which is
/// kept whole, separators aside.
pub(crate) fn normalize_key<'a>(
    key: &[u8],
    buf: &'a mut [u8; MAX_KEY],
) -> &'a [u8] {
    let key = without_custom_suffix(&key[..key.len().min(MAX_KEY)]);
    let keep_non_ascii = !key.iter().any(u8::is_ascii_alphabetic);
    let mut n = 0;
    for &c in key {
        if c.is_ascii_alphanumeric() || (keep_non_ascii && c >= 0x80) {
            buf[n] = c.to_ascii_lowercase();
            n += 1;
        }
    }
    &buf[..n]
}

/// `key` without Salesforce's custom-field suffix (`LEGAL_FIRST_NAME__C`,
/// `Donor_Name__c`): the field is named by what comes before it.
pub(crate) fn without_custom_suffix(key: &[u8]) -> &[u8] {
    match key {
        [rest @ .., b'_', b'_', b'c' | b'C'] if !rest.is_empty() => rest,
        _ => key,
    }
}

/// A key written in Chinese or Japanese ([`normalize_key`] kept it whole)
/// ending with one of `suffixes` (`寄件人手机` ends with `手机`).
pub(crate) fn cjk_key_ends_with(norm: &[u8], suffixes: &[&str]) -> bool {
    // Numbered (`住所1`, `連名2`).
    let norm = norm.trim_ascii_end();
    let end =
        norm.iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |i| i + 1);
    let norm = &norm[..end];
    norm.first().is_some_and(|&b| b >= 0x80)
        && suffixes.iter().any(|s| norm.ends_with(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(hay: &str, value: &str) -> Option<String> {
        let start = hay.find(value).unwrap();
        let file = super::super::FileStart::whole(hay.as_bytes());
        let fields = FieldMap::new(&file, hay.as_bytes(), 0..hay.len());
        field_of(hay.as_bytes(), start, &fields)
            .map(|f| String::from_utf8_lossy(f.name).into_owned())
    }

    #[test]
    fn columns_of_a_table_drawn_with_box_characters() {
        let table = "Query id: 57\n\n   ┌─order_no─┬─mother_name─┬─mobile──────┐\n1. │ YN20241  │ Wanda       │ 13857163208 │\n2. │ YN20242  │ 王梦瑶      │ 18768120547 │\n   └──────────┴─────────────┴─────────────┘\n";
        assert_eq!(field(table, "Wanda"), Some("mother_name".into()));
        assert_eq!(field(table, "王梦瑶"), Some("mother_name".into()));
        assert_eq!(field(table, "18768120547"), Some("mobile".into()));
        assert_eq!(field(table, "YN20241"), Some("order_no".into()));
    }

    #[test]
    fn grouped_columns_of_an_accounting_export() {
        let csv = "Co./Last Name\tFirst Name\tAddr 1 - Line 1\t           - Postcode\nTran\tBao Ngoc\t6/22 Hay St\t6008\n";
        assert_eq!(field(csv, "6008"), Some("Postcode".into()));
        assert_eq!(field(csv, "Tran"), Some("Co./Last Name".into()));
        let template =
            "工号,*姓名,*证件号码\nSZ0008,陈志强,445202198406179634\n";
        assert_eq!(field(template, "陈志强"), Some("姓名".into()));
    }

    #[test]
    fn columns_of_a_datev_import() {
        let import = "[Allgemein]\nZiel=LODAS\nFeldtrennzeichen=;\n\n[Satzbeschreibung]\n10;u_lod_psd_mitarbeiter;pnr#psd;duevo_familienname#psd;adresse_plz#psd;\n15;u_lod_psd_kommunikation;pnr#psd;telefon_privat#psd;\n\n[Stammdaten]\n10;1001;\"Bauer\";\"93049\";\n15;1001;\"0171 4482913\";\n";
        assert_eq!(field(import, "Bauer"), Some("duevo_familienname".into()));
        assert_eq!(field(import, "93049"), Some("adresse_plz".into()));
        assert_eq!(field(import, "0171"), Some("telefon_privat".into()));
        assert_eq!(field(import, "Ziel"), None);
        assert_eq!(column_kind(b"adresse_plz"), Some(ColumnKind::Postal));
        assert_eq!(column_kind(b"Committente_CAP"), Some(ColumnKind::Postal));
        assert_eq!(
            column_kind(b"Previous Postcode"),
            Some(ColumnKind::Postal)
        );
        assert_eq!(
            column_kind(b"consent_taken_by"),
            Some(ColumnKind::Username)
        );
        assert_eq!(column_kind(b"generatedBy"), Some(ColumnKind::Username));
        assert_eq!(column_kind(b"hobby"), None);
        assert_eq!(column_kind(b"telefon_privat"), Some(ColumnKind::Phone));
        assert_eq!(
            column_kind("Telefon kupującego".as_bytes()),
            Some(ColumnKind::Phone)
        );
        assert_eq!(column_kind(b"msisdn_portado"), Some(ColumnKind::Phone));
        assert_eq!(column_kind(b"telephone"), Some(ColumnKind::Phone));
        assert_eq!(column_kind(b"telescope_id"), None);
        assert_eq!(
            column_kind(b"geburtsdatum_ttmmjjjj"),
            Some(ColumnKind::BirthDate)
        );
    }

    #[test]
    fn coordinate_columns_in_several_languages() {
        for (name, kind) in [
            ("Latitud entrada", Some(ColumnKind::Latitude)),
            ("Longitud entrada", Some(ColumnKind::Longitude)),
            ("latitudine", Some(ColumnKind::Latitude)),
            ("Längengrad", Some(ColumnKind::Longitude)),
            ("home_lat", Some(ColumnKind::Latitude)),
            ("Default Address Zip", Some(ColumnKind::Postal)),
            ("Default Address Address1", Some(ColumnKind::Street)),
            ("ship_address1", Some(ColumnKind::Street)),
            ("Long description", None),
            ("Lat entrada", None),
        ] {
            assert_eq!(column_kind(name.as_bytes()), kind, "{name}");
        }
    }

    #[test]
    fn pdftk_form_fields_are_named_by_their_block() {
        let dump = "---\nFieldType: Text\nFieldName: topmostSubform[0].Page1[0].f1_01[0]\nFieldNameAlt: Last name (as on passport)\nFieldFlags: 0\nFieldValue: Whitacre\nFieldJustification: Left\n---\nFieldType: Text\nFieldName: passport.number\nFieldNameAlt: Number\nFieldValue: 567203418\n---\nFieldType: Text\nFieldName: misc.note\nFieldValue: Sulfa\n";
        assert_eq!(
            field(dump, "Whitacre"),
            Some("Last name (as on passport)".into())
        );
        // Nothing known: both lines, else the one there is.
        assert_eq!(
            field(dump, "567203418"),
            Some("passport.number\nFieldNameAlt: Number".into())
        );
        assert_eq!(field(dump, "Sulfa"), Some("misc.note".into()));
    }

    #[test]
    fn columns_of_a_query_result_underlined_with_dashes() {
        let spool = "SQL*Plus: Release 19.0.0.0.0 - Production\n\nConnected to:\nOracle Database 19c\n1\n2\n3\n4\n5\n6\n7\nSQL> select * from x;\n\n ID_INVITO COGNOME              NOME            CAP\n---------- -------------------- --------------- -----\n   7704118 BARBERIS             GRAZIELLA       10034\n   7704125 CAVALLERO            MARIA TERESA    10088\n";
        assert_eq!(field(spool, "CAVALLERO"), Some("COGNOME".into()));
        assert_eq!(field(spool, "10088"), Some("CAP".into()));
        assert_eq!(field(spool, "MARIA"), Some("NOME".into()));
        // Not under a run of dashes: between two columns.
        let gap = "AAA BBB\n--- ---\n   x\n";
        assert_eq!(field(gap, "x"), None);
    }

    #[test]
    fn columns_of_a_json_array_of_rows() {
        // Google Sheets' values: the first row names the columns.
        let sheet = "{\n  \"values\": [\n    [\"Nr\", \"BSN\", \"Telefoon\"],\n    [\"B01\", \"174308528\", \"06 41872203\"]\n  ]\n}\n";
        assert_eq!(field(sheet, "174308528"), Some("BSN".into()));
        assert_eq!(field(sheet, "06 4"), Some("Telefoon".into()));
        // An array of values that is no table.
        let list = "{\n  \"tags\": [\n    [\"a\", \"b\"]\n  ]\n}\n";
        assert_eq!(field(list, "b\""), None);
    }

    #[test]
    fn columns_of_a_table_drawn_in_a_box() {
        // Spark's `show()`: cells padded on either side, no space by `|`.
        let show = "[dedup] df_flag.show()\n+-----------+----------+---+\n|cpf        |nome      |qtd|\n+-----------+----------+---+\n|03918274640|ANA LIMA  |  3|\n|  207461359|JOSE MELO |  2|\n+-----------+----------+---+\n";
        assert_eq!(field(show, "03918274640"), Some("cpf".into()));
        assert_eq!(field(show, "JOSE"), Some("nome".into()));
        assert_eq!(field(show, "3|"), Some("qtd".into()));
        // The header row itself.
        assert_eq!(field(show, "nome"), None);
    }

    #[test]
    fn csv_header_of_a_form_export() {
        // Typeform: `#` names the index column, questions name the others,
        // and a quoted question may hold the delimiter.
        let form = "#,What's your first name?,\"Each dependent (name, date of birth)\",ZIP code\nk3o9,Hodan,\"Ayaan, 5/14/2012\",55454\n";
        assert_eq!(
            field(form, "Hodan"),
            Some("What's your first name?".into())
        );
        assert_eq!(
            field(form, "Ayaan"),
            Some("Each dependent (name, date of birth)".into())
        );
        assert_eq!(field(form, "55454"), Some("ZIP code".into()));
        // A first line that is no header: a quote left open, a cell that
        // starts with a digit.
        let open = "name,\"notes\nAmara,x\n";
        assert_eq!(field(open, "Amara"), None);
        let data = "Amara,1984-03-12\nJon,1990-01-01\n";
        assert_eq!(field(data, "Jon"), None);
    }

    #[test]
    fn column_containing_a_value_mid_cell() {
        let form = "id,\"Each dependent (name, date of birth)\",notes\n1,\"Ayaan Farah, 5/14/2012, son\",Valentina – 03/08/2018\n";
        let file = super::super::FileStart::whole(form.as_bytes());
        let fields = FieldMap::new(&file, form.as_bytes(), 0..form.len());
        let at = |v: &str| form.find(v).unwrap();
        let name = |v: &str| {
            column_containing(form.as_bytes(), at(v), &fields)
                .map(|n| String::from_utf8_lossy(n).into_owned())
        };
        assert_eq!(
            name("5/14/2012").as_deref(),
            Some("Each dependent (name, date of birth)")
        );
        assert_eq!(name("03/08/2018").as_deref(), Some("notes"));
        // Not a field of its own: the value does not start the cell.
        assert!(field_of(form.as_bytes(), at("5/14/2012"), &fields).is_none());
        // The header row is no data.
        assert_eq!(name("date of birth"), None);
    }

    #[test]
    fn postal_columns_by_their_last_word() {
        assert_eq!(column_kind(b"partner_postcode"), Some(ColumnKind::Postal));
        assert_eq!(
            column_kind(b"loan_pmt_card_zip"),
            Some(ColumnKind::Postal)
        );
        assert_eq!(column_kind(b"use_gzip"), None);
        assert_eq!(column_kind(b"zipfile"), None);
    }

    #[test]
    fn login_columns_and_keys() {
        assert_eq!(column_kind(b"Login CAS"), Some(ColumnKind::Username));
        assert_eq!(column_kind(b"Loginversuche"), None);
        // JSON keys: an explicit login, not who did something.
        assert!(names_a_login(b"reviewer_login"));
        assert!(names_a_login(b"casUsername"));
        assert!(names_a_login(b"cc_agent"));
        // Japanese headers, numbered ones too.
        assert_eq!(
            column_kind("郵便番号".as_bytes()),
            Some(ColumnKind::Postal)
        );
        let mut buf = [0u8; MAX_KEY];
        assert_eq!(
            normalize_key("住所1".as_bytes(), &mut buf),
            "住所1".as_bytes()
        );
        assert!(cjk_key_ends_with("連名2".as_bytes(), &["連名"]));
        // NIEM-style names: whose, what, then the representation.
        assert_eq!(
            column_kind(b"IndividualBirthDateText"),
            Some(ColumnKind::BirthDate)
        );
        assert_eq!(column_kind(b"caller_id_number"), Some(ColumnKind::Phone));
        assert_eq!(column_kind(b"destination_number"), None);
        assert!(!names_a_login(b"agent"));
        assert!(!names_a_login(b"author"));
        assert!(names_a_login(b"LastAuthor"));
        // CloudTrail's `"ConsoleLogin": "Success"` is an outcome.
        assert!(status_word(b"Success"));
        assert!(!status_word(b"arjun.b"));
        assert!(!status_word(b"KLEHMANN"));
    }

    #[test]
    fn csv_header_below_a_preamble() {
        let export = "\"Practice: Evington Road Dental Care, Leicester\"\n\"Report: patients\"\n\n\"Patient ID\",\"First Name\",\"Last Name\",\"Postcode\"\n\"P1\",\"Amara\",\"Okafor\",\"LE2 1QN\"\n";
        assert_eq!(field(export, "Okafor"), Some("Last Name".into()));
        assert_eq!(field(export, "LE2 1QN"), Some("Postcode".into()));
        // The header's own row and the preamble are no data.
        assert_eq!(field(export, "First Name"), None);
        assert_eq!(field(export, "Report"), None);
        // Text whose later line looks like a header but no row follows.
        let prose = "Notes\nname,city,zip\nthat was all\n";
        assert!(preamble_header(prose.as_bytes()).is_none());
    }

    #[test]
    fn columns_of_a_fixed_width_report() {
        let report = "HOTEL X  LIST 1/1\n\nLOC  HAB  APELLIDO1    APELLIDO2   NOMBRE     C.P.\n\
            ------------------------------------------------------\n\
            BK1  0417 PUIG         SOLER       JORDI      28028\n\
            BK2  0418 MU\u{d1}OZ        ARRIETA     IKER       31001\n\
            TOTAL: 2   ESP: 2\n";
        assert_eq!(field(report, "PUIG"), Some("APELLIDO1".into()));
        assert_eq!(field(report, "SOLER"), Some("APELLIDO2".into()));
        assert_eq!(field(report, "28028"), Some("C.P.".into()));
        // Columns count characters: `Ñ` is two bytes.
        assert_eq!(field(report, "ARRIETA"), Some("APELLIDO2".into()));
        assert_eq!(field(report, "31001"), Some("C.P.".into()));
        // Not a row: the header, free text below the table.
        assert_eq!(field(report, "APELLIDO2"), None);
        assert_eq!(field(report, "ESP"), None);
        let header = CsvHeader::parse(report.as_bytes(), true).unwrap();
        assert_eq!(header.delimiter(), None);
    }

    #[test]
    fn owners_in_device_names() {
        let owner = |name: &str| {
            device_owner(name.as_bytes(), 0..name.len())
                .map(|r| name[r].to_string())
        };
        assert_eq!(owner("iPhone-de-Socorro").as_deref(), Some("Socorro"));
        assert_eq!(owner("Galaxy-A54-de-Jessica").as_deref(), Some("Jessica"));
        assert_eq!(owner("MacBook-Air-von-Jürgen").as_deref(), Some("Jürgen"));
        assert_eq!(owner("Jessicas-MacBook-Pro").as_deref(), Some("Jessica"));
        assert_eq!(owner("Moto-g84-Larissa").as_deref(), Some("Larissa"));
        assert_eq!(owner("Intelbras-Mibo"), None);
        assert_eq!(owner("SAMSUNG-TV-UN50"), None);
        assert_eq!(owner("DESKTOP-K3J8QF2"), None);
        assert_eq!(owner("web-de-fra-01"), None);
    }

    #[test]
    fn fixed_width_names_of_several_words_and_letters() {
        // A Polish print: the header below a title block, a name of three
        // words over a value of two, `ę` and `ś` one character each.
        let print = "URZĄD MIEJSKI\n\nOSP KRZYWACZKA\n\
            Lp. Nazwisko i imię      PESEL        S ADRES\n\
            ---------------------------------------------------\n  \
            1 Banaś Tomasz         79031404178  M Krzywaczka 412\n";
        assert_eq!(field(print, "Banaś"), Some("Nazwisko i imię".into()));
        assert_eq!(field(print, "79031404178"), Some("PESEL".into()));
        // One space apart, but the row parts them: two columns.
        assert_eq!(field(print, "M Krz"), Some("S".into()));
        assert_eq!(field(print, "Tomasz"), None);
        assert_eq!(field(print, "Krzywaczka"), Some("ADRES".into()));
        // Over a column two spaces from the one before: not a row.
        let over = "Lp. NAME  PESEL  SEX\n--------------------\n1 Ann Leexx  790314  M\n";
        assert_eq!(field(over, "Ann"), None);
    }

    #[test]
    fn spreadsheet_header_below_title_rows() {
        let xml = "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n<Worksheet><Table>\n\
            <Row><Cell><Data ss:Type=\"String\">Dispo DT14</Data></Cell></Row>\n<Row/>\n\
            <Row><Cell><Data ss:Type=\"String\">Nachname</Data></Cell><Cell><Data ss:Type=\"String\">Vorname</Data></Cell><Cell><Data ss:Type=\"String\">PLZ</Data></Cell></Row>\n\
            <Row><Cell><Data ss:Type=\"String\">Schäfer</Data></Cell><Cell><Data ss:Type=\"String\">Ute</Data></Cell><Cell><Data ss:Type=\"String\">50825</Data></Cell></Row>\n\
            </Table></Worksheet></Workbook>\n";
        assert_eq!(field(xml, "Ute"), Some("Vorname".into()));
        assert_eq!(field(xml, "50825"), Some("PLZ".into()));
        assert_eq!(field(xml, "Dispo"), None);
    }

    #[test]
    fn markdown_table_cells() {
        let md = "# Tracker\n\n| # | Proprietor | PIN | Mobile |\n|---|---|---|---|\n| 1 | Sunita Meena | 302029 | 98290 41736 |\n";
        assert_eq!(field(md, "302029"), Some("PIN".into()));
        assert_eq!(field(md, "Sunita"), Some("Proprietor".into()));
        assert_eq!(field(md, "98290"), Some("Mobile".into()));
    }

    #[test]
    fn columns_of_a_table_laid_out_in_a_document() {
        let minutes = "RESOLVED that the income be applied:\n\n  \
            Beneficiary          TFN           DOB\n  \
            George Papadopoulos  418 703 290   12/04/1962\n  \
            Sophia Papadopoulos  710 452 385   30/01/2009\n";
        let name = |value: &str| {
            let at = minutes.find(value).unwrap();
            aligned_column_above(minutes.as_bytes(), at)
                .map(|n| String::from_utf8_lossy(n).into_owned())
        };
        assert_eq!(name("710 452 385"), Some("TFN".into()));
        assert_eq!(name("12/04/1962"), Some("DOB".into()));
        // Text run on one space: no cell.
        assert_eq!(name("income"), None);
    }

    #[test]
    fn owners_and_units_of_utility_columns() {
        assert_eq!(column_kind(b"SvcZIP"), Some(ColumnKind::Postal));
        assert_eq!(column_kind(b"MailZIP"), Some(ColumnKind::Postal));
        assert_eq!(column_kind(b"ServiceAddress"), Some(ColumnKind::Street));
        assert_eq!(column_kind(b"SvcUnit"), Some(ColumnKind::Unit));
        assert_eq!(column_kind(b"CSR"), Some(ColumnKind::Username));
        assert_eq!(column_kind(b"rider_birth"), Some(ColumnKind::BirthDate));
        assert_eq!(column_kind(b"Mailbox"), None);
    }

    #[test]
    fn labels_and_values_of_a_printed_form() {
        let pair = |line: &str| {
            form_pair(line.as_bytes(), 0..line.len())
                .map(|(k, v)| (line[k].to_string(), line[v].to_string()))
        };
        let both = |k: &str, v: &str| Some((k.to_string(), v.to_string()));
        assert_eq!(
            pair("  MOBILE   : 98480 21763   EMAIL x@y.in"),
            both("MOBILE", "98480 21763")
        );
        assert_eq!(
            pair("Date of Birth   : 12.05.1961\r"),
            both("Date of Birth", "12.05.1961")
        );
        // Not laid out as a form, a timestamp, an empty value.
        assert_eq!(
            pair("  우편번호        : 01690"),
            both("우편번호", "01690")
        );
        assert_eq!(pair("Tel: 020 7946 0958"), None);
        assert_eq!(pair("  12:00:01 started"), None);
        assert_eq!(pair("  PHONE    :   "), None);
    }

    #[test]
    fn keys_before_a_full_width_colon() {
        let text =
            "导出时间：2024-11-09 21:14:37\n导出人：周雅婷（微信号：zyt）\n";
        assert_eq!(field(text, "周雅婷"), Some("导出人".into()));
    }

    #[test]
    fn keys_before_a_dot_leader() {
        let form = "Cliënt\n  Achternaam .........: Kaya\n  Adres ..............: Vlokhovenseweg 34\n";
        assert_eq!(field(form, "Kaya"), Some("Achternaam".into()));
        assert_eq!(field(form, "Vlokhovenseweg"), Some("Adres".into()));
    }

    #[test]
    fn keys_of_json_escaped_in_xml() {
        let text = "<string name=\"orders\">[{&quot;zip&quot;:&quot;06202&quot;}]</string>";
        assert_eq!(field(text, "06202"), Some("zip".into()));
    }

    #[test]
    fn keys_in_any_script() {
        assert_eq!(
            field("nom=MARTIN prénom=Julien", "Julien"),
            Some("prénom".into())
        );
        assert_eq!(field("{\"姓名\": \"王芳\"}", "王芳"), Some("姓名".into()));
    }

    #[test]
    fn keys_of_escaped_json() {
        let text = r#"msg="payload={\"ssn\": \"078051120\", \"n\":77}""#;
        assert_eq!(field(text, "078051120"), Some("ssn".into()));
        assert_eq!(field(text, "77"), Some("n".into()));
    }

    #[test]
    fn keys_of_json_logfmt_yaml() {
        assert_eq!(
            field(r#"{"full_name": "Ann Lee"}"#, "Ann"),
            Some("full_name".into())
        );
        assert_eq!(
            field(r#"{"holder":"Ann Lee"}"#, "Ann"),
            Some("holder".into())
        );
        assert_eq!(
            field(r#"x customer="Ann Lee" y"#, "Ann"),
            Some("customer".into())
        );
        assert_eq!(field("ssn=078051120", "078"), Some("ssn".into()));
        assert_eq!(field("  - name: Ann Lee\n", "Ann"), Some("name".into()));
        assert_eq!(field("said Ann Lee", "Ann"), None);
        assert_eq!(field("12:30 Ann", "Ann"), None);
    }

    #[test]
    fn csv_columns_from_the_header() {
        let csv = "id,customer_name,ssn\n1,Ann Lee,078051120\n2,\"Lee, Ann\",219099999\n";
        assert_eq!(field(csv, "Ann Lee"), Some("customer_name".into()));
        assert_eq!(field(csv, "078051120"), Some("ssn".into()));
        assert_eq!(field(csv, "Lee, Ann"), Some("customer_name".into()));
        assert_eq!(field(csv, "219099999"), Some("ssn".into()));
        // Whose address a column holds does not change what it holds.
        for name in ["ship_zip", "BillingPostcode", "home_lat", "zip"] {
            assert!(column_kind(name.as_bytes()).is_some(), "{name}");
        }
        for name in ["zip_bytes", "gzip", "ship", "userland"] {
            assert!(column_kind(name.as_bytes()).is_none(), "{name}");
        }
        // A continuation line of a quoted cell has no known columns.
        let csv = "id,body,name\n1,\"a\nb\",Ann Lee\n";
        assert_eq!(field(csv, "Ann Lee"), None);
        // Spreadsheet-style names and pandas' unnamed index column.
        let csv = ",Contact Name,Lifetime Value (EUR),Zip/Postal\n0,Ann Lee,12.00,62704\n";
        assert_eq!(field(csv, "62704"), Some("Zip/Postal".into()));
        assert_eq!(field(csv, "Ann Lee"), Some("Contact Name".into()));
        // A W3C extended log names its columns in a directive.
        let log = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n\
                   #Fields: date time cs-method cs-username c-ip\n\
                   2024-03-12 06:41:30 GET hmueller 178.197.224.57\n";
        assert_eq!(field(log, "hmueller"), Some("cs-username".into()));
        assert_eq!(field(log, "GET"), Some("cs-method".into()));
        // Data first: no header.
        assert!(CsvHeader::parse(b"1,Ann Lee,078051120\n", true).is_none());
        assert!(CsvHeader::parse(b"a@b.example,x\n", true).is_none());
    }

    #[test]
    fn keys_of_xml_elements_arrays_and_qualified_values() {
        let xml = "<Anagrafica>\n  <Nome>Marco</Nome>\n  <p:Cognome>Bianchi</p:Cognome>";
        assert_eq!(field(xml, "Marco"), Some("Nome".into()));
        assert_eq!(field(xml, "Bianchi"), Some("Cognome".into()));
        let event = r#"<Data Name="TargetUserName">jdoe</Data>"#;
        assert_eq!(field(event, "jdoe"), Some("TargetUserName".into()));
        assert_eq!(field("</b>Marco", "Marco"), None);
        assert_eq!(field("<br/>Marco", "Marco"), None);

        let fhir = "\"given\": [\n  \"Chidinma\",\n  \"Grace\"\n]";
        assert_eq!(field(fhir, "Chidinma"), Some("given".into()));
        assert_eq!(field(fhir, "Grace"), Some("given".into()));
        assert_eq!(field(r#"f(["Ann", "Lee"])"#, "Lee"), None);

        let id = r#"{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "5085337980"}"#;
        assert_eq!(field(id, "5085337980"), Some("nhs-number".into()));
        let tag = r#"{"Key": "Owner", "Value": "jdoe"}"#;
        assert_eq!(field(tag, "jdoe"), Some("Owner".into()));
        // Nested objects before the value are not its qualifier.
        let nested = r#"{"meta": {"system": "x/ssn"}, "value": "1"}"#;
        assert_eq!(field(nested, "1\""), Some("value".into()));
        assert_eq!(field(r#"{"value": "7"}"#, "7"), Some("value".into()));
        let wrapped = "\"cep\": {\n  \"_value\": \"63010-010\",\n  \"_type\": \"xsd:string\"";
        assert_eq!(field(wrapped, "63010"), Some("cep".into()));
        let later = r#""cep": {"_type": "xsd:string", "_value": "63010-010"}"#;
        assert_eq!(field(later, "63010"), Some("_value".into()));

        let form = "2 What is your name?\n  Surname or family name   NGUYEN\n  First given name         THI MAI\n";
        assert_eq!(
            field(form, "NGUYEN"),
            Some("Surname or family name".into())
        );
        assert_eq!(field(form, "THI"), Some("First given name".into()));
        // Only words label a value: a timestamp or an id does not.
        assert_eq!(field("12:00:01  server", "server"), None);
        assert_eq!(field("id 42  Ann", "Ann"), None);
    }

    #[test]
    fn keys_normalize() {
        let mut buf = [0u8; MAX_KEY];
        assert_eq!(normalize_key(b"customer_Name", &mut buf), b"customername");
    }
}
