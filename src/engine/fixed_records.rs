//! Fixed-width record files that come with no header and no layout we
//! know (a state licensing system's transaction detail, a mainframe's
//! extract): the columns are read off the records themselves.
//!
//! Such a file is lines of one width, padded with spaces, one record
//! type leading most of them. Fields are often glued together
//! (`03221961381664102M510205BLU271 EMPIRE ST`: a birth date, an SSN,
//! the sex, height, weight and eyes, the street), so a value is known by
//! its place: a column is a position where nearly every record holds a
//! value of one shape. Dates of birth are eight digits that read as a
//! date before 2016 in nearly every record; SSNs and phone numbers are
//! nine and ten digits that pass their checks, end before a non-digit
//! and start after one or where a date column ends; ZIP codes follow a
//! US state's code; names are columns of words in capitals whose first
//! words are mostly known given names (and the column before one, the
//! surname); streets are columns opening with a house number and mostly
//! ending with a street type; logins are lower-case words at a fixed
//! place. Each value is then checked by its rule, as any field's is.
//!
//! Only the file's head is read for the layout ([`Layout::sniff`]); a
//! streamed file's later chunks are read with it.

use std::ops::Range;

use super::gazetteer::{Gazetteer, COMMON, GIVEN, STOP};
use super::names::US_STATES;
use super::records::{self, lines_starting_in, Emit};

records::roles! {
    /// What a column of a record is reported as.
    enum Role {
        /// A surname or given-name column.
        PersonName => "fixed-record-person-name",
        /// Eight digits that are a birth date.
        BirthDate => "fixed-record-date-of-birth",
        /// Nine digits that are an SSN.
        Ssn => "fixed-record-ssn",
        /// Ten digits that are a North American phone number.
        Phone => "fixed-record-phone",
        /// A ZIP code after a state's code.
        PostalCode => "fixed-record-postal-code",
        /// A street line opening with its house number.
        Street => "fixed-record-street-address",
        /// A login.
        Username => "fixed-record-username",
        /// An e-mail address glued after a number's column.
        Email => "fixed-record-email",
    }
}

/// Head lines read for the layout.
const MAX_HEAD_LINES: usize = 200;
/// Records needed to trust a layout.
const MIN_RECORDS: usize = 6;
/// Records the layout is read from: each chunk of a file reads it again
/// from the file's head, so the work is bounded (positions times
/// records).
const MAX_PROFILED: usize = 32;
/// Narrowest record read: shorter lines are prose or a delimited file.
const MIN_WIDTH: usize = 80;
/// Longest record read.
const MAX_WIDTH: usize = 2048;
/// Longest value of a text column.
const MAX_TEXT: usize = 48;

/// Street types closing a street line in capitals.
const STREET_TYPES: &[&[u8]] = &[
    b"ST", b"AVE", b"AV", b"RD", b"DR", b"LN", b"CT", b"BLVD", b"WAY", b"HWY",
    b"PL", b"CIR", b"TRL", b"PKWY", b"TER", b"LOOP", b"ROAD", b"STREET",
    b"AVENUE", b"DRIVE", b"LANE", b"COURT",
];

/// Where the values of a file's records are: the records' width, the
/// byte that leads them and each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    width: usize,
    lead: u8,
    columns: Vec<Column>,
}

/// One column: its role, where it starts, and how its value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Column {
    role: Role,
    start: usize,
    shape: Shape,
}

/// How a column's value ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// This many digits.
    Digits(usize),
    /// Five digits, and four more after a dash if they follow.
    Zip,
    /// Words up to two spaces or the next column (at most this long).
    Text(usize),
    /// A login: letters, digits, `.`, `_`, `-` up to a space.
    Login,
    /// An e-mail address: up to a space.
    Email,
}

impl Layout {
    /// The layout of the file starting with `head`, if its head is fixed-
    /// width records whose columns can be told.
    pub(crate) fn sniff(head: &[u8]) -> Option<Layout> {
        let lines: Vec<&[u8]> =
            records::first_lines(head, MAX_HEAD_LINES).collect();
        // A head cut mid-line leaves its last line short: it is not read.
        let width = most_common_width(&lines)?;
        let wide = lines.iter().filter(|l| l.len() == width);
        let lead = most_common(wide.clone().map(|l| l[0]))?;
        let recs: Vec<&[u8]> =
            wide.filter(|l| l[0] == lead).copied().collect();
        let non_empty = lines.iter().filter(|l| !l.is_empty()).count();
        if recs.len() < MIN_RECORDS
            || recs.len() * 5 < non_empty * 3
            || !recs.iter().all(|r| plain_record(r))
        {
            return None;
        }
        let profiled = &recs[..recs.len().min(MAX_PROFILED)];
        let columns = Profile::new(profiled).columns();
        (!columns.is_empty()).then_some(Layout { width, lead, columns })
    }

    /// The span of each column's value in `line` (the bytes of a record
    /// at `at` of the haystack), if it is one of this layout's records.
    fn values<'a>(
        &'a self,
        line: &'a [u8],
        at: usize,
    ) -> impl Iterator<Item = (Role, Range<usize>)> + 'a {
        let record = line.len() == self.width && line[0] == self.lead;
        self.columns.iter().filter(move |_| record).filter_map(move |c| {
            let len = value_len(line, c.start, c.shape)?;
            Some((c.role, at + c.start..at + c.start + len))
        })
    }
}

/// Report the values of the records starting in `body` through `emit`
/// (the caller sorts them).
pub(crate) fn scan(
    emit: &mut Emit<Role>,
    hay: &[u8],
    body: Range<usize>,
    layout: &Layout,
) {
    for line in lines_starting_in(hay, body) {
        for (role, span) in layout.values(&hay[line.clone()], line.start) {
            emit.value(role, span);
        }
    }
}

/// The width most of `lines` have, if it is a record's.
fn most_common_width(lines: &[&[u8]]) -> Option<usize> {
    let width = most_common(
        lines
            .iter()
            .map(|l| l.len())
            .filter(|w| (MIN_WIDTH..=MAX_WIDTH).contains(w)),
    )?;
    Some(width)
}

/// The value met most often (the first such, if tied).
fn most_common<T: Copy + PartialEq>(
    values: impl Iterator<Item = T>,
) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == best).map(|(v, _)| *v)
}

/// A record of a fixed-width file: ASCII, padded (a run of three spaces),
/// with no tab and few of a delimited file's separators.
fn plain_record(line: &[u8]) -> bool {
    let separators =
        line.iter().filter(|b| matches!(b, b',' | b';' | b'|')).count();
    line.is_ascii()
        && !line.contains(&b'\t')
        && separators < 3
        && memchr::memmem::find(line, b"   ").is_some()
}

/// How long the value of shape `shape` at `start` of `line` is, if one
/// is there.
fn value_len(line: &[u8], start: usize, shape: Shape) -> Option<usize> {
    let rest = line.get(start..)?;
    let len = match shape {
        Shape::Digits(n) => (rest.len() >= n
            && rest[..n].iter().all(u8::is_ascii_digit))
        .then_some(n)?,
        Shape::Zip => {
            let five = rest.len() >= 5
                && rest[..5].iter().all(u8::is_ascii_digit)
                && !rest.get(5).is_some_and(u8::is_ascii_digit);
            if !five {
                return None;
            }
            let plus4 = rest.get(5) == Some(&b'-')
                && rest.len() >= 10
                && rest[6..10].iter().all(u8::is_ascii_digit);
            if plus4 {
                10
            } else {
                5
            }
        }
        Shape::Text(limit) => text_len(rest, limit),
        Shape::Login => rest
            .iter()
            .take_while(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')
            })
            .count(),
        Shape::Email => rest.iter().take_while(|&&b| b != b' ').count(),
    };
    (len > 0).then_some(len)
}

/// The length of the words at the start of `rest`: up to two spaces or
/// `limit` bytes.
fn text_len(rest: &[u8], limit: usize) -> usize {
    let mut end = 0;
    let limit = limit.min(rest.len());
    while end < limit {
        let b = rest[end];
        if b == b' ' && rest.get(end + 1).map_or(true, |&n| n == b' ') {
            break;
        }
        end += 1;
    }
    while end > 0 && rest[end - 1] == b' ' {
        end -= 1;
    }
    end
}

/// What the head's records hold at each position.
struct Profile<'a> {
    recs: &'a [&'a [u8]],
    width: usize,
    /// Records a column must hold a value in (four in five).
    need: usize,
    gazetteer: &'static Gazetteer,
}

impl<'a> Profile<'a> {
    fn new(recs: &'a [&'a [u8]]) -> Profile<'a> {
        Profile {
            recs,
            width: recs[0].len(),
            need: (recs.len() * 4).div_ceil(5),
            gazetteer: Gazetteer::builtin(),
        }
    }

    /// The columns found, at most one per position.
    fn columns(&self) -> Vec<Column> {
        let mut columns: Vec<Column> = Vec::new();
        let taken = |cols: &[Column], start: usize, len: usize| {
            cols.iter().any(|c| {
                let clen = match c.shape {
                    Shape::Digits(n) => n,
                    Shape::Zip => 5,
                    Shape::Text(n) => n,
                    Shape::Login | Shape::Email => 1,
                };
                start < c.start + clen && c.start < start + len
            })
        };
        // Birth dates first: an SSN may be glued after one.
        for p in 0..self.width.saturating_sub(7) {
            if !taken(&columns, p, 8) && self.birth_dates_at(p) {
                columns.push(self.column(
                    Role::BirthDate,
                    p,
                    Shape::Digits(8),
                ));
            }
        }
        let date_ends: Vec<usize> =
            columns.iter().map(|c| c.start + 8).collect();
        for p in 0..self.width.saturating_sub(8) {
            if !taken(&columns, p, 9) && self.ssns_at(p, &date_ends) {
                columns.push(self.column(Role::Ssn, p, Shape::Digits(9)));
            }
        }
        for p in 0..self.width.saturating_sub(9) {
            if !taken(&columns, p, 10) && self.phones_at(p) {
                columns.push(self.column(Role::Phone, p, Shape::Digits(10)));
            }
        }
        // An e-mail address glued after a phone number's column
        // (`9064862217dkoskinen61@charter.net`): read from where the
        // number ends, not from where the address's regex would start.
        let phone_ends: Vec<usize> = columns
            .iter()
            .filter(|c| c.role == Role::Phone)
            .map(|c| c.start + 10)
            .collect();
        for p in phone_ends {
            if p < self.width && self.emails_at(p) {
                columns.push(self.column(Role::Email, p, Shape::Email));
            }
        }
        for p in 2..self.width.saturating_sub(4) {
            if !taken(&columns, p, 5) && self.zips_at(p) {
                columns.push(self.column(Role::PostalCode, p, Shape::Zip));
            }
        }
        let starts = self.text_starts();
        for (i, &p) in starts.iter().enumerate() {
            let limit =
                starts.get(i + 1).map_or(MAX_TEXT, |&n| (n - p).min(MAX_TEXT));
            if taken(&columns, p, 1) {
                continue;
            }
            if self.given_names_at(p, limit) {
                columns.push(self.column(
                    Role::PersonName,
                    p,
                    Shape::Text(limit),
                ));
                // The column before, ending in padding, holds the
                // surnames.
                if let Some(&q) = i.checked_sub(1).and_then(|k| starts.get(k))
                {
                    if !taken(&columns, q, 1) && self.words_at(q, p - q) {
                        columns.push(self.column(
                            Role::PersonName,
                            q,
                            Shape::Text(p - q),
                        ));
                    }
                }
            } else if self.streets_at(p, limit) {
                columns.push(self.column(Role::Street, p, Shape::Text(limit)));
            }
        }
        for p in 1..self.width {
            if !taken(&columns, p, 1) && self.logins_at(p) {
                columns.push(self.column(Role::Username, p, Shape::Login));
            }
        }
        columns.sort_by_key(|c| c.start);
        columns
    }

    fn column(&self, role: Role, start: usize, shape: Shape) -> Column {
        Column { role, start, shape }
    }

    /// Enough records hold a value at `p` that `ok` accepts, and the
    /// values differ (a constant is a code, not a person's).
    fn held(
        &self,
        p: usize,
        len: usize,
        ok: impl Fn(&[u8], usize) -> bool,
    ) -> bool {
        let mut values: Vec<&[u8]> = self
            .recs
            .iter()
            .filter(|rec| rec.len() >= p + len && ok(rec, p))
            .map(|rec| &rec[p..p + len])
            .collect();
        let held = values.len();
        values.sort_unstable();
        values.dedup();
        held >= self.need && values.len() * 2 >= held
    }

    fn birth_dates_at(&self, p: usize) -> bool {
        self.held(p, 8, |rec, p| birth_date(&rec[p..p + 8]))
    }

    fn ssns_at(&self, p: usize, date_ends: &[usize]) -> bool {
        let opens = p == 0 || date_ends.contains(&p);
        self.held(p, 9, |rec, p| {
            let v = &rec[p..p + 9];
            v.iter().all(u8::is_ascii_digit)
                && ssn(v)
                && (opens || !rec[p - 1].is_ascii_digit())
                && !rec.get(p + 9).is_some_and(u8::is_ascii_digit)
        })
    }

    fn phones_at(&self, p: usize) -> bool {
        self.held(p, 10, |rec, p| {
            let v = &rec[p..p + 10];
            v.iter().all(u8::is_ascii_digit)
                && matches!(v[0], b'2'..=b'9')
                && matches!(v[3], b'2'..=b'9')
                && (p == 0 || !rec[p - 1].is_ascii_digit())
                && !rec.get(p + 10).is_some_and(u8::is_ascii_digit)
        })
    }

    fn zips_at(&self, p: usize) -> bool {
        self.held(p, 5, |rec, p| {
            let state = &rec[p - 2..p];
            US_STATES.iter().any(|s| &s[..] == state)
                && !rec
                    .get(p.wrapping_sub(3))
                    .is_some_and(u8::is_ascii_alphabetic)
                && value_len(rec, p, Shape::Zip).is_some()
        })
    }

    /// Positions where most records start a column: a word in capitals
    /// (after a space, a digit or punctuation: `3100418827KOSKINEN`), a
    /// house number glued after letters (`BLU271 EMPIRE ST`) or after a
    /// space.
    fn text_starts(&self) -> Vec<usize> {
        let opens = |rec: &[u8], p: usize| {
            let (b, before) = (rec[p], rec[p - 1]);
            let word = b.is_ascii_uppercase()
                && !before.is_ascii_uppercase()
                && before != b'\''
                && !before.is_ascii_lowercase();
            let number = b.is_ascii_digit()
                && (before.is_ascii_alphabetic() || before == b' ')
                && house_number(&rec[p..]);
            word || number
        };
        (1..self.width)
            .filter(|&p| {
                self.recs.iter().filter(|rec| opens(rec, p)).count()
                    >= self.need
            })
            .collect()
    }

    /// Most values at `p` open with a known given name, no common word.
    fn given_names_at(&self, p: usize, limit: usize) -> bool {
        let known = self
            .recs
            .iter()
            .filter(|rec| {
                let len = text_len(&rec[p..], limit);
                let first = rec[p..p + len]
                    .split(|&b| b == b' ')
                    .next()
                    .unwrap_or(&[]);
                first.len() >= 3
                    && first.iter().all(u8::is_ascii_uppercase)
                    && self.known(first, GIVEN)
            })
            .count();
        known * 2 >= self.recs.len() && self.words_at(p, limit)
    }

    /// Most values at `p` are words in capitals (no digits), up to
    /// padding that runs to the next column.
    fn words_at(&self, p: usize, limit: usize) -> bool {
        self.recs
            .iter()
            .filter(|rec| {
                let len = text_len(&rec[p..], limit);
                let v = &rec[p..p + len];
                len >= 2
                    && v.iter().all(|b| {
                        b.is_ascii_alphabetic()
                            || matches!(b, b' ' | b'\'' | b'-' | b'.')
                    })
                    && v.iter().filter(|b| b.is_ascii_lowercase()).count() * 2
                        < len
            })
            .count()
            >= self.need
    }

    /// Most values at `p` open with a house number and end with a street
    /// type (`271 EMPIRE ST`, `2940 COUNTY ROAD 550` counts as a number
    /// and words).
    fn streets_at(&self, p: usize, limit: usize) -> bool {
        let shaped = self
            .recs
            .iter()
            .filter(|rec| {
                let len = text_len(&rec[p..], limit);
                let v = &rec[p..p + len];
                let digits =
                    v.iter().take_while(|b| b.is_ascii_digit()).count();
                (1..=6).contains(&digits)
                    && v.get(digits) == Some(&b' ')
                    && v[digits + 1..]
                        .first()
                        .is_some_and(u8::is_ascii_alphanumeric)
            })
            .count();
        let typed = self
            .recs
            .iter()
            .filter(|rec| {
                let len = text_len(&rec[p..], limit);
                rec[p..p + len]
                    .split(|&b| b == b' ')
                    .any(|w| STREET_TYPES.contains(&w))
            })
            .count();
        shaped >= self.need && typed * 2 >= self.recs.len()
    }

    /// Most records hold a lower-case login at `p`, after a digit or a
    /// space and padded with spaces; no value runs on into other bytes
    /// (an `@`: an e-mail column; a `/`: a path).
    fn logins_at(&self, p: usize) -> bool {
        let login = |b: &u8| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'.' | b'_' | b'-')
        };
        let mut held = 0;
        let mut values: Vec<&[u8]> = Vec::new();
        for rec in self.recs {
            // After a number or padding (`061412jvertanen `), not inside
            // a path or a word (`javax/xml/jaxp/functional/...`).
            let before = rec[p - 1];
            if !rec[p].is_ascii_lowercase()
                || !(before.is_ascii_digit() || before == b' ')
            {
                continue;
            }
            let len = rec[p..].iter().take_while(|b| login(b)).count();
            let v = &rec[p..p + len];
            let padded = rec.get(p + len).map_or(true, |&b| b == b' ');
            if !padded || !(3..=32).contains(&len) {
                return false;
            }
            held += 1;
            values.push(v);
        }
        values.sort_unstable();
        values.dedup();
        held >= self.need && values.len() >= 2
    }

    /// Records holding an address at `p` are half of them or more (an
    /// e-mail address is often left blank).
    fn emails_at(&self, p: usize) -> bool {
        let held = self
            .recs
            .iter()
            .filter(|rec| {
                let len = value_len(rec, p, Shape::Email).unwrap_or(0);
                rec[p].is_ascii_alphanumeric()
                    && rec[p..p + len].contains(&b'@')
            })
            .count();
        held * 2 >= self.recs.len()
    }

    fn known(&self, word: &[u8], list: u8) -> bool {
        let flags = self.gazetteer.flags(word);
        flags & list != 0 && flags & (COMMON | STOP) == 0
    }
}

/// One to six digits, then a space: a house number.
fn house_number(rest: &[u8]) -> bool {
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=6).contains(&digits) && rest.get(digits) == Some(&b' ')
}

/// Eight digits that read as a birth date before 2016: MMDDYYYY or
/// YYYYMMDD.
fn birth_date(v: &[u8]) -> bool {
    if !v.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |r: Range<usize>| {
        v[r].iter().fold(0u32, |a, &b| a * 10 + u32::from(b - b'0'))
    };
    let ok = |y: u32, m: u32, d: u32| {
        (1900..=2015).contains(&y)
            && (1..=12).contains(&m)
            && (1..=31).contains(&d)
    };
    ok(n(4..8), n(0..2), n(2..4)) || ok(n(0..4), n(4..6), n(6..8))
}

/// Nine digits that follow the SSA's rules: area not 000, 666 or 9xx,
/// group not 00, serial not 0000.
fn ssn(v: &[u8]) -> bool {
    let area = &v[..3];
    area != b"000"
        && area != b"666"
        && area[0] != b'9'
        && &v[3..5] != b"00"
        && &v[5..] != b"0000"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six records of a licence agent's transactions (invented people).
    fn records() -> String {
        let rows = [
            (
                "mlindqv",
                "JOHANSSON",
                "ROBERT D",
                "04121966412557301",
                "114 ELM ST",
                "49849",
                "9064410023",
            ),
            (
                "mlindqv",
                "HAKALA",
                "PATRICIA A",
                "11301971398214576",
                "2207 LAKESHORE DR",
                "49855",
                "9062281194",
            ),
            (
                "tberglund",
                "ANTILLA",
                "GEORGE W",
                "07081949385126604",
                "55 MAPLE AVE",
                "49866",
                "9064758830",
            ),
            (
                "tberglund",
                "SALMI",
                "LINDA K",
                "02171983377409128",
                "980 PINE RD",
                "49841",
                "9063464517",
            ),
            (
                "mlindqv",
                "JARVI",
                "STEVEN M",
                "09251977421336985",
                "31 FRONT ST",
                "49808",
                "9063452206",
            ),
            (
                "tberglund",
                "RANTA",
                "NANCY L",
                "12051958390667213",
                "1640 SUMMIT AVE",
                "49814",
                "9063398751",
            ),
        ];
        let mut out = String::new();
        for (i, (login, sur, given, dob_ssn, street, zip, phone)) in
            rows.iter().enumerate()
        {
            let line = format!(
                "D{i:05}2024111509{i:02}30{login:<10}115RES DEER COMBO  3100{i:06}{sur:<18}{given:<16}{dob_ssn}M510BLU{street:<30}TOWN{i:<14}MI{zip}     {phone}"
            );
            out.push_str(&format!("{line:<200}\n"));
        }
        out
    }

    fn roles(layout: &Layout) -> Vec<(Role, usize)> {
        layout.columns.iter().map(|c| (c.role, c.start)).collect()
    }

    #[test]
    fn columns_read_off_the_records() {
        let text = records();
        let layout = Layout::sniff(text.as_bytes()).expect("a layout");
        let found: Vec<Role> =
            roles(&layout).into_iter().map(|(r, _)| r).collect();
        for role in [
            Role::Username,
            Role::PersonName,
            Role::BirthDate,
            Role::Ssn,
            Role::Street,
            Role::PostalCode,
            Role::Phone,
        ] {
            assert!(found.contains(&role), "{role:?} in {found:?}");
        }
        // Surname and given names: two name columns.
        assert_eq!(
            found.iter().filter(|r| **r == Role::PersonName).count(),
            2
        );
        let line = text.lines().next().unwrap().as_bytes();
        let values: Vec<String> = layout
            .values(line, 0)
            .map(|(_, r)| String::from_utf8_lossy(&line[r]).into_owned())
            .collect();
        for v in [
            "mlindqv",
            "JOHANSSON",
            "ROBERT D",
            "04121966",
            "412557301",
            "114 ELM ST",
            "49849",
            "9064410023",
        ] {
            assert!(values.contains(&v.to_string()), "{v} in {values:?}");
        }
    }

    #[test]
    fn too_few_or_varied_lines_have_no_layout() {
        let text = records();
        let three: String =
            text.lines().take(3).map(|l| format!("{l}\n")).collect();
        assert!(Layout::sniff(three.as_bytes()).is_none());
        let log: String = text
            .lines()
            .map(|l| format!("{l}\n2024-11-16 04:00:13 INFO next batch\n"))
            .collect();
        assert!(Layout::sniff(log.as_bytes()).is_none());
        let csv = "id,name,dob\n".repeat(10);
        assert!(Layout::sniff(csv.as_bytes()).is_none());
        // A test report's paths in padded columns hold no logins.
        let report: String = [
            "functional",
            "unittest",
            "crypto",
            "jndi",
            "net",
            "javadoc",
            "module",
        ]
        .iter()
        .map(|w| {
            format!(
                "{:<100}Passed. Execution successful\n",
                format!("javax/xml/jaxp/{w}/catalog/CatalogTest.java")
            )
        })
        .collect();
        assert!(Layout::sniff(report.as_bytes())
            .map_or(true, |l| l.columns.is_empty()));
    }

    #[test]
    fn birth_dates_and_ssns() {
        assert!(birth_date(b"03221961"));
        assert!(birth_date(b"19610322"));
        assert!(!birth_date(b"20241114"), "a transaction's date");
        assert!(!birth_date(b"13221961"));
        assert!(ssn(b"381664102"));
        assert!(
            !ssn(b"000664102") && !ssn(b"666123456") && !ssn(b"912345678")
        );
    }

    #[test]
    fn values_end_where_their_shape_does() {
        assert_eq!(value_len(b"49849-1712906", 0, Shape::Zip), Some(10));
        assert_eq!(value_len(b"49849     90", 0, Shape::Zip), Some(5));
        assert_eq!(value_len(b"498490", 0, Shape::Zip), None);
        assert_eq!(
            value_len(b"DALE R          0322", 0, Shape::Text(48)),
            Some(6)
        );
        assert_eq!(value_len(b"jvertanen 115", 0, Shape::Login), Some(9));
    }
}
