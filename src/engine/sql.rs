//! Column names of the values in SQL dumps.
//!
//! Two layouts: `INSERT` statements (below) and `pg_dump`'s `COPY table
//! (a, b) FROM stdin;` blocks of tab-separated rows ending at `\.`.
//!
//! `mysqldump` writes `INSERT INTO `employees` VALUES (1001,'mhernandez',
//! '383576478','111070411',...)`: the columns are named only in the
//! `CREATE TABLE` above, so an undashed SSN, a routing number or a
//! passport number in such a row has no context a rule can see. This
//! module reads the haystack's `INSERT` statements once, takes their
//! column names from the statement's own column list or from a `CREATE
//! TABLE` of the same table in the haystack, and records the column of
//! every cell, so field-aware context works in dumps as it does in CSV.
//!
//! Parsing is forgiving and bounded: quoted strings (`''` and `\'`
//! escapes), nested parentheses (`NOW()`), statements cut off at the
//! haystack's end. A statement it cannot read is skipped, never guessed.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use memchr::memmem;

/// Most cells recorded for one haystack (a 1 MiB chunk of a dump holds
/// far fewer).
const MAX_CELLS: usize = 1 << 20;
/// Columns of one table at most.
const MAX_COLUMNS: usize = 256;

/// The cells of a haystack's `INSERT` and `COPY` rows, with their column
/// names.
#[derive(Debug, Default)]
pub(crate) struct SqlCells {
    /// Cell contents (quotes excluded) in order, each with the index of
    /// its column name in `names`.
    cells: Vec<(Range<usize>, u32)>,
    names: Vec<Vec<u8>>,
}

impl SqlCells {
    /// Read the `INSERT` and `COPY` rows of `hay`, or `None` if it has
    /// none whose columns are known. `earlier` is what the chunks of a
    /// streamed dump before this one said (tables created there, a `COPY`
    /// block still open at `body_start`). A statement that starts before
    /// `hay` otherwise (a long `INSERT` line split across chunks) is not
    /// seen.
    pub(crate) fn parse(
        hay: &[u8],
        body_start: usize,
        earlier: Option<&SqlContext>,
    ) -> Option<SqlCells> {
        let inserts = find_all(hay, b"INSERT INTO ", b"insert into ");
        let copies = copy_starts(hay);
        let params: Vec<usize> =
            memmem::find_iter(hay, PG_PARAMETERS).collect();
        let open_copy = earlier.and_then(|e| e.open_copy.as_ref());
        if inserts.is_empty()
            && copies.is_empty()
            && params.is_empty()
            && open_copy.is_none()
        {
            return None;
        }
        let tables = if inserts.is_empty() {
            HashMap::new()
        } else {
            create_tables(hay)
        };
        let mut out = SqlCells::default();
        let mut interned: HashMap<Vec<u8>, u32> = HashMap::new();
        if let Some(columns) = open_copy {
            // Rows of a block whose `COPY` line is in an earlier chunk,
            // from the first whole line of the body.
            let ids = out.intern(columns, &mut interned);
            let rows = if body_start == 0 || hay[body_start - 1] == b'\n' {
                body_start
            } else {
                memchr::memchr(b'\n', &hay[body_start..])
                    .map_or(hay.len(), |i| body_start + i + 1)
            };
            read_copy_rows(hay, rows, &ids, &mut out.cells);
        }
        for at in copies {
            let Some((columns, rows)) = copy_head(hay, at + b"COPY ".len())
            else {
                continue;
            };
            let ids = out.intern(&columns, &mut interned);
            read_copy_rows(hay, rows, &ids, &mut out.cells);
        }
        for at in inserts {
            let Some(stmt) = Insert::read(hay, at + b"INSERT INTO ".len())
            else {
                continue;
            };
            let columns = match &stmt.columns {
                Some(list) => list,
                None => match tables
                    .get(&stmt.table)
                    .or_else(|| earlier?.tables.get(&stmt.table))
                {
                    Some(list) => list,
                    None => continue,
                },
            };
            let ids = out.intern(columns, &mut interned);
            read_rows(hay, stmt.values, &ids, &mut out.cells);
            if out.cells.len() >= MAX_CELLS {
                break;
            }
        }
        for at in params {
            let Some(columns) = pg_statement_columns(hay, at) else {
                continue;
            };
            // Placeholders of unknown columns are no cells.
            let ids: Vec<u32> = out
                .intern(&columns, &mut interned)
                .into_iter()
                .zip(&columns)
                .map(|(id, name)| if name.is_empty() { u32::MAX } else { id })
                .collect();
            let first = at + PG_PARAMETERS.len() - b"$1 = ".len();
            read_pg_parameters(hay, first, &ids, &mut out.cells);
        }
        // COPY blocks, INSERT statements and logged parameters may
        // interleave.
        out.cells.sort_by_key(|(r, _)| r.start);
        (!out.cells.is_empty()).then_some(out)
    }

    /// The ids of `columns` in `self.names`, added where new.
    fn intern(
        &mut self,
        columns: &[Vec<u8>],
        interned: &mut HashMap<Vec<u8>, u32>,
    ) -> Vec<u32> {
        columns
            .iter()
            .map(|name| {
                let next = self.names.len() as u32;
                *interned.entry(name.clone()).or_insert_with(|| {
                    self.names.push(name.clone());
                    next
                })
            })
            .collect()
    }

    /// The column name of the cell holding offset `at`, if any.
    pub(crate) fn column_at(&self, at: usize) -> Option<&[u8]> {
        let i = self.cells.partition_point(|(r, _)| r.start <= at);
        let (range, name) = self.cells.get(i.checked_sub(1)?)?;
        (at < range.end).then(|| self.names[*name as usize].as_slice())
    }

    /// Every cell starting in `body`, with its column name.
    pub(crate) fn cells_in(
        &self,
        body: Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, &[u8])> + '_ {
        let from = self.cells.partition_point(|(r, _)| r.start < body.start);
        self.cells[from..]
            .iter()
            .take_while(move |(r, _)| r.start < body.end)
            .map(|(r, n)| (r.clone(), self.names[*n as usize].as_slice()))
    }
}

/// PostgreSQL's log of a prepared statement's values (`log_statement`,
/// errors): `DETAIL:  parameters: $1 = 'SPSSVT54S02F839M', $2 = ...`.
const PG_PARAMETERS: &[u8] = b"parameters: $1 = ";

/// How far back the statement of a `parameters:` line is looked for.
const PG_STATEMENT_WINDOW: usize = 8 << 10;

/// The column of each `$n` placeholder of the statement logged last
/// before the `parameters:` line at `at` (`STATEMENT:  INSERT INTO t (a,
/// b) VALUES ($1, $2)`, `execute <unnamed>: UPDATE t SET a = $1 WHERE b
/// = $2`): `columns[n - 1]`, empty where unknown.
fn pg_statement_columns(hay: &[u8], at: usize) -> Option<Vec<Vec<u8>>> {
    let from = at.saturating_sub(PG_STATEMENT_WINDOW);
    let window = &hay[from..at];
    let start = [&b"STATEMENT:  "[..], b"statement: ", b"execute "]
        .iter()
        .filter_map(|m| memmem::rfind(window, m).map(|i| from + i + m.len()))
        .max()?;
    let end =
        start + memchr::memchr(b'\n', &hay[start..at]).unwrap_or(at - start);
    let stmt = &hay[start..end];
    let mut columns: Vec<Vec<u8>> = Vec::new();
    let mut set = |n: usize, name: Vec<u8>| {
        if (1..=MAX_COLUMNS).contains(&n) {
            if columns.len() < n {
                columns.resize(n, Vec::new());
            }
            columns[n - 1] = name;
        }
    };
    // `INSERT INTO t (a, b) VALUES ($1, $2)`: by position.
    if let Some(i) = find_all(stmt, b"INSERT INTO ", b"insert into ").first() {
        if let Some(insert) = Insert::read(stmt, i + b"INSERT INTO ".len()) {
            if let Some(names) = insert.columns {
                let close = insert.values
                    + memchr::memchr(b')', &stmt[insert.values..])?;
                let values = &stmt[insert.values + 1..close];
                for (name, value) in
                    names.into_iter().zip(values.split(|&b| b == b','))
                {
                    if let Some((n, _)) = placeholder(value.trim_ascii()) {
                        set(n, name);
                    }
                }
            }
        }
    }
    // `a = $1`, `a LIKE $2` anywhere (SET lists, WHERE clauses).
    for i in memchr::memchr_iter(b'$', stmt) {
        let Some((n, _)) = placeholder(&stmt[i..]) else { continue };
        let mut j = i;
        while j > 0 && stmt[j - 1] == b' ' {
            j -= 1;
        }
        let op_end = j;
        while j > 0 && matches!(stmt[j - 1], b'=' | b'<' | b'>' | b'!') {
            j -= 1;
        }
        if j == op_end {
            let before = &stmt[..j];
            const LIKE: [&[u8]; 4] = [b"ILIKE", b"ilike", b"LIKE", b"like"];
            let like = LIKE.iter().find(|w| before.ends_with(w));
            match like {
                Some(w) => j -= w.len(),
                None => continue,
            }
        }
        while j > 0 && stmt[j - 1] == b' ' {
            j -= 1;
        }
        let name_end = j;
        while j > 0
            && (stmt[j - 1].is_ascii_alphanumeric()
                || matches!(stmt[j - 1], b'_' | b'"'))
        {
            j -= 1;
        }
        let name: Vec<u8> =
            stmt[j..name_end].iter().copied().filter(|&b| b != b'"').collect();
        if !name.is_empty() && name[0].is_ascii_alphabetic() {
            set(n, name);
        }
    }
    columns.iter().any(|c| !c.is_empty()).then_some(columns)
}

/// `n` of a placeholder `$n` at the start of `s`, and its length in
/// bytes.
fn placeholder(s: &[u8]) -> Option<(usize, usize)> {
    let digits = s.strip_prefix(b"$")?;
    let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if len == 0 || len > 3 {
        return None;
    }
    let n =
        digits[..len].iter().fold(0, |n, d| n * 10 + usize::from(d - b'0'));
    Some((n, 1 + len))
}

/// The values of a `parameters:` list from `at` (its `$1`) to the end of
/// the line: `$n = 'text'` (with `''` escapes) under `columns[n - 1]`;
/// `NULL` and placeholders of unknown columns (`u32::MAX`) are no cells.
fn read_pg_parameters(
    hay: &[u8],
    at: usize,
    columns: &[u32],
    cells: &mut Vec<(Range<usize>, u32)>,
) {
    let end = memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |i| at + i);
    let line = &hay[..end];
    let mut i = at;
    while let Some((n, len)) = line.get(i..).and_then(placeholder) {
        i += len;
        if !line[i..].starts_with(b" = ") {
            return;
        }
        i += 3;
        if line.get(i) != Some(&b'\'') {
            // NULL or a bare number.
            i += line[i..]
                .iter()
                .position(|&b| b == b',')
                .unwrap_or(line.len() - i);
        } else {
            let Some((cell, next)) = quoted(line, i) else { return };
            match columns.get(n - 1) {
                Some(&name) if name != u32::MAX && !cell.is_empty() => {
                    cells.push((cell, name));
                }
                _ => {}
            }
            i = next;
        }
        if line[i..].starts_with(b", ") {
            i += 2;
        } else {
            return;
        }
    }
}

/// What the chunks of a streamed SQL dump before a chunk said about it:
/// the tables created so far (`mysqldump` writes a table's `CREATE TABLE`
/// once, then megabytes of `INSERT ... VALUES` without column names) and
/// the `pg_dump` `COPY` block still open where the chunk starts (its
/// rows run on for as long as the table is big). The reader keeps it up
/// to date chunk by chunk ([`SqlContext::after`]), in file order, and
/// hands each chunk the state at its start.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SqlContext {
    tables: HashMap<Vec<u8>, Vec<Vec<u8>>>,
    open_copy: Option<Vec<Vec<u8>>>,
}

impl SqlContext {
    /// A context to keep for content whose first chunk is `first`, if it
    /// holds SQL statements (checked once per file, on its first chunk).
    pub fn sniff(first: &[u8]) -> Option<SqlContext> {
        let sql = !find_all(first, b"CREATE TABLE ", b"create table ")
            .is_empty()
            || !find_all(first, b"INSERT INTO ", b"insert into ").is_empty()
            || !copy_starts(first).is_empty();
        sql.then(SqlContext::default)
    }

    /// The context after `body`, the next chunk's own bytes, or `None` if
    /// `body` changes nothing.
    pub fn after(&self, body: &[u8]) -> Option<SqlContext> {
        let created = create_tables(body);
        let open_copy = match copy_starts(body).last() {
            Some(&at) => copy_head(body, at + b"COPY ".len())
                .filter(|&(_, rows)| copy_end(body, rows).is_none())
                .map(|(columns, _)| columns),
            None if self.open_copy.is_some()
                && copy_end(body, 0).is_some() =>
            {
                None
            }
            None => self.open_copy.clone(),
        };
        if created.is_empty() && open_copy == self.open_copy {
            return None;
        }
        let mut tables = self.tables.clone();
        tables.extend(created);
        Some(SqlContext { tables, open_copy })
    }
}

/// Follows a file's chunks in order and tells each one the
/// [`SqlContext`] at its start: what the scanner's reader and the
/// redactor both keep for a dump read in chunks.
#[derive(Debug, Default)]
pub struct SqlTracker {
    state: Option<Arc<SqlContext>>,
}

impl SqlTracker {
    /// The context at the start of the next chunk, whose own bytes are
    /// `body` (`first`: the content's first chunk, which decides whether
    /// it is a dump at all); `None` for content that is not one.
    pub fn next_chunk(
        &mut self,
        first: bool,
        body: &[u8],
    ) -> Option<Arc<SqlContext>> {
        if first {
            self.state = SqlContext::sniff(body).map(Arc::new);
        }
        let at_start = self.state.clone()?;
        if let Some(next) = at_start.after(body) {
            self.state = Some(Arc::new(next));
        }
        Some(at_start)
    }
}

/// Offsets of the `COPY ` statements at line starts in `hay`.
fn copy_starts(hay: &[u8]) -> Vec<usize> {
    memmem::find_iter(hay, b"COPY ")
        .filter(|&at| at == 0 || hay[at - 1] == b'\n')
        .collect()
}

/// Where the `\.` line ending a COPY block whose rows start at `rows`
/// is, if it is in `hay`.
fn copy_end(hay: &[u8], rows: usize) -> Option<usize> {
    memmem::find_iter(&hay[rows..], b"\\.").map(|i| rows + i).find(|&at| {
        (at == 0 || hay[at - 1] == b'\n')
            && matches!(hay.get(at + 2), None | Some(b'\n' | b'\r'))
    })
}

/// Offsets of `upper` and `lower` in `hay`, in order.
fn find_all(hay: &[u8], upper: &[u8], lower: &[u8]) -> Vec<usize> {
    let mut all: Vec<usize> = memmem::find_iter(hay, upper)
        .chain(memmem::find_iter(hay, lower))
        .collect();
    all.sort_unstable();
    all
}

/// The head of an `INSERT` statement.
struct Insert {
    table: Vec<u8>,
    columns: Option<Vec<Vec<u8>>>,
    /// From the first tuple's `(` on.
    values: usize,
}

impl Insert {
    /// Read `table [(columns)] VALUES` from `at`.
    fn read(hay: &[u8], at: usize) -> Option<Insert> {
        let (table, mut i) = identifier_path(hay, at)?;
        i = skip_spaces(hay, i);
        let columns = if hay.get(i) == Some(&b'(') {
            let close = i + memchr::memchr(b')', &hay[i..])?;
            let list = split_identifiers(&hay[i + 1..close])?;
            i = skip_spaces(hay, close + 1);
            Some(list)
        } else {
            None
        };
        let keyword = hay.get(i..i + 6)?;
        if !keyword.eq_ignore_ascii_case(b"VALUES") {
            return None;
        }
        i = skip_spaces(hay, i + 6);
        (hay.get(i) == Some(&b'(')).then_some(Insert {
            table,
            columns,
            values: i,
        })
    }
}

/// Tables and their column names, from every `CREATE TABLE` in `hay`.
fn create_tables(hay: &[u8]) -> HashMap<Vec<u8>, Vec<Vec<u8>>> {
    let mut tables = HashMap::new();
    for at in find_all(hay, b"CREATE TABLE ", b"create table ") {
        let mut i = at + b"CREATE TABLE ".len();
        for word in [&b"IF NOT EXISTS "[..]] {
            if hay
                .get(i..i + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
            {
                i += word.len();
            }
        }
        let Some((table, next)) = identifier_path(hay, i) else { continue };
        let i = skip_spaces(hay, next);
        if hay.get(i) != Some(&b'(') {
            continue;
        }
        let mut columns = Vec::new();
        // One definition per line (`  `id` int NOT NULL,`) until `)`.
        for line in
            hay[i + 1..].split(|&b| b == b'\n').skip(1).take(2 * MAX_COLUMNS)
        {
            let line = trim(line);
            if line.first() == Some(&b')') || columns.len() == MAX_COLUMNS {
                break;
            }
            let Some((name, _)) = identifier(line, 0) else { continue };
            let keyword = name.to_ascii_uppercase();
            let is_constraint = !matches!(line.first(), Some(b'`' | b'"'))
                && matches!(
                    keyword.as_slice(),
                    b"PRIMARY"
                        | b"UNIQUE"
                        | b"KEY"
                        | b"INDEX"
                        | b"CONSTRAINT"
                        | b"FOREIGN"
                        | b"CHECK"
                        | b"FULLTEXT"
                        | b"SPATIAL"
                );
            if !is_constraint {
                columns.push(name);
            }
        }
        if !columns.is_empty() {
            tables.insert(table, columns);
        }
    }
    tables
}

/// `table (a, b, c) FROM stdin;` of a `pg_dump` COPY block at `at`: its
/// columns and where its rows start.
fn copy_head(hay: &[u8], at: usize) -> Option<(Vec<Vec<u8>>, usize)> {
    let (_, i) = identifier_path(hay, at)?;
    let i = skip_spaces(hay, i);
    if hay.get(i) != Some(&b'(') {
        return None;
    }
    let close = i + memchr::memchr(b')', &hay[i..])?;
    let columns = split_identifiers(&hay[i + 1..close])?;
    let line_end = close + memchr::memchr(b'\n', &hay[close..])?;
    let rest = trim(&hay[close + 1..line_end]);
    rest.eq_ignore_ascii_case(b"FROM stdin;")
        .then_some((columns, line_end + 1))
}

/// The tab-separated rows of a COPY block from `at` to its `\.` line,
/// each cell under its column (`\N`, a null, is no cell).
fn read_copy_rows(
    hay: &[u8],
    at: usize,
    columns: &[u32],
    cells: &mut Vec<(Range<usize>, u32)>,
) {
    let mut line = at;
    while line < hay.len() && cells.len() < MAX_CELLS {
        let end = memchr::memchr(b'\n', &hay[line..])
            .map_or(hay.len(), |i| line + i);
        let row = &hay[line..end];
        let row = row.strip_suffix(b"\r").unwrap_or(row);
        if row == b"\\." {
            return;
        }
        let mut start = line;
        for (col, cell) in row.split(|&b| b == b'\t').enumerate() {
            if let Some(&name) = columns.get(col) {
                if !cell.is_empty() && cell != b"\\N" {
                    cells.push((start..start + cell.len(), name));
                }
            }
            start += cell.len() + 1;
        }
        line = end + 1;
    }
}

/// Read the rows `(v, 'v', ...), (...)` from `at` until the statement's
/// `;` (or the haystack's end), recording each cell under `columns`.
fn read_rows(
    hay: &[u8],
    at: usize,
    columns: &[u32],
    cells: &mut Vec<(Range<usize>, u32)>,
) {
    let mut i = at;
    loop {
        i = skip_spaces(hay, i);
        if hay.get(i) != Some(&b'(') {
            return;
        }
        i += 1;
        let mut col = 0;
        loop {
            i = skip_spaces(hay, i);
            let (cell, next) = match hay.get(i) {
                Some(b'\'') => match quoted(hay, i) {
                    Some(r) => r,
                    None => return,
                },
                Some(_) => bare(hay, i),
                None => return,
            };
            if let Some(&name) = columns.get(col) {
                if !cell.is_empty() {
                    cells.push((cell, name));
                }
            }
            col += 1;
            i = skip_spaces(hay, next);
            match hay.get(i) {
                Some(b',') => i += 1,
                Some(b')') => {
                    i += 1;
                    break;
                }
                _ => return,
            }
        }
        i = skip_spaces(hay, i);
        match hay.get(i) {
            Some(b',') => i += 1,
            _ => return,
        }
        if cells.len() >= MAX_CELLS {
            return;
        }
    }
}

/// A `'...'` string at `at` (`''` and `\'` escapes): its content and the
/// offset after the closing quote.
fn quoted(hay: &[u8], at: usize) -> Option<(Range<usize>, usize)> {
    let mut i = at + 1;
    loop {
        let q = i + memchr::memchr2(b'\'', b'\\', &hay[i..])?;
        // `\'` and `''` are quotes inside the string.
        if hay[q] == b'\\' || hay.get(q + 1) == Some(&b'\'') {
            i = q + 2;
        } else {
            return Some((at + 1..q, q + 1));
        }
    }
}

/// A bare value (`1001`, `NULL`, `NOW()`) at `at`: up to the `,` or `)`
/// outside parentheses that ends it.
fn bare(hay: &[u8], at: usize) -> (Range<usize>, usize) {
    let mut depth = 0u32;
    let mut i = at;
    while let Some(&b) = hay.get(i) {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b',' if depth == 0 => break,
            b'\'' => match quoted(hay, i) {
                Some((_, next)) => {
                    i = next;
                    continue;
                }
                None => break,
            },
            _ => {}
        }
        i += 1;
    }
    let end = at + trim(&hay[at..i]).len();
    (at..end, i)
}

/// A possibly qualified name (`db`.`t`, public.users): the last part,
/// lowercased, and the offset after it.
fn identifier_path(hay: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let (mut name, mut i) = identifier(hay, at)?;
    while hay.get(i) == Some(&b'.') {
        let (next, j) = identifier(hay, i + 1)?;
        name = next;
        i = j;
    }
    Some((name.to_ascii_lowercase(), i))
}

/// One identifier at `at`, bare or in backticks, double quotes or
/// brackets, and the offset after it.
fn identifier(hay: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let close = match hay.get(at)? {
        b'`' => b'`',
        b'"' => b'"',
        b'[' => b']',
        _ => {
            let len = hay[at..]
                .iter()
                .take_while(|b| {
                    b.is_ascii_alphanumeric() || **b == b'_' || **b == b'$'
                })
                .count();
            return (len > 0).then(|| (hay[at..at + len].to_vec(), at + len));
        }
    };
    let end = at + 1 + memchr::memchr(close, hay.get(at + 1..)?)?;
    (end - at <= 128).then(|| (hay[at + 1..end].to_vec(), end + 1))
}

/// `a, `b`, "c"` into names; `None` if any part is not a plain name.
fn split_identifiers(list: &[u8]) -> Option<Vec<Vec<u8>>> {
    list.split(|&b| b == b',')
        .take(MAX_COLUMNS)
        .map(|part| {
            let part = trim(part);
            let (name, end) = identifier(part, 0)?;
            (end == part.len()).then_some(name)
        })
        .collect()
}

fn skip_spaces(hay: &[u8], mut i: usize) -> usize {
    while hay.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

fn trim(s: &[u8]) -> &[u8] {
    let start =
        s.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &s[start..end]
}

#[cfg(test)]
mod tests {
    use super::{SqlCells, SqlContext};

    fn column(sql: &str, value: &str) -> Option<String> {
        let cells = SqlCells::parse(sql.as_bytes(), 0, None)?;
        let at = sql.find(value).expect("value in text");
        cells.column_at(at).map(|n| String::from_utf8_lossy(n).into_owned())
    }

    const DUMP: &str = "CREATE TABLE `employees` (\n  `id` int NOT NULL,\n  `ssn` char(9) DEFAULT NULL,\n  `note` text,\n  `routing_no` char(9),\n  PRIMARY KEY (`id`),\n  KEY `ix` (`ssn`)\n) ENGINE=InnoDB;\nINSERT INTO `employees` VALUES (1,'078051120','it''s (x), y',NOW()),(2,'219099999','a\\'b','111000025');\n";

    #[test]
    fn dump_rows_take_their_columns_from_create_table() {
        assert_eq!(column(DUMP, "078051120").as_deref(), Some("ssn"));
        assert_eq!(column(DUMP, "219099999").as_deref(), Some("ssn"));
        assert_eq!(column(DUMP, "(x), y").as_deref(), Some("note"));
        assert_eq!(column(DUMP, "NOW()").as_deref(), Some("routing_no"));
        assert_eq!(column(DUMP, "111000025").as_deref(), Some("routing_no"));
        // The statement's own text is no cell.
        assert_eq!(column(DUMP, "VALUES"), None);
        assert_eq!(column(DUMP, "employees` VALUES"), None);
    }

    #[test]
    fn column_lists_and_unknown_tables() {
        let sql = "insert into public.users (id, \"email\", zip) values (7, 'a@b.example', '62704');";
        assert_eq!(column(sql, "62704").as_deref(), Some("zip"));
        assert_eq!(column(sql, "a@b.example").as_deref(), Some("email"));
        // No column list and no CREATE TABLE: nothing known.
        assert!(SqlCells::parse(b"INSERT INTO t VALUES (1,'x');", 0, None)
            .is_none());
        // A statement cut off at the haystack's end keeps its whole cells.
        let cut = "INSERT INTO t (a, b) VALUES (1,'x'),(2,'unfinish";
        assert_eq!(column(cut, "x").as_deref(), Some("b"));
        assert_eq!(column(cut, "unfinish"), None);
    }

    #[test]
    fn pg_dump_copy_blocks() {
        let dump = "COPY public.customers (id, email, ssn, zip) FROM stdin;\n1\tann@mail.example\t078051120\t62704\n2\t\\N\t219099999\t10115\n\\.\n\nSELECT 1;\n7\tx\t123\n";
        assert_eq!(column(dump, "078051120").as_deref(), Some("ssn"));
        assert_eq!(column(dump, "10115").as_deref(), Some("zip"));
        assert_eq!(column(dump, "ann@mail.example").as_deref(), Some("email"));
        // After the block's `\.` lines are no rows.
        assert_eq!(column(dump, "123"), None);
        assert!(
            SqlCells::parse(b"COPY t TO '/tmp/x.csv';\n", 0, None).is_none()
        );
    }

    #[test]
    fn cells_in_a_body() {
        let cells = SqlCells::parse(DUMP.as_bytes(), 0, None).unwrap();
        let start = DUMP.find("(2,").unwrap();
        let names: Vec<String> = cells
            .cells_in(start..DUMP.len())
            .map(|(_, n)| String::from_utf8_lossy(n).into_owned())
            .collect();
        assert_eq!(names, ["id", "ssn", "note", "routing_no"]);
    }

    /// The column of `value` in `chunk`, a later chunk of a streamed dump
    /// whose earlier chunks were `before` (in order).
    fn later(before: &[&str], chunk: &str, value: &str) -> Option<String> {
        let mut ctx = SqlContext::sniff(before[0].as_bytes())?;
        for b in before {
            if let Some(next) = ctx.after(b.as_bytes()) {
                ctx = next;
            }
        }
        let cells = SqlCells::parse(chunk.as_bytes(), 0, Some(&ctx))?;
        let at = chunk.find(value).expect("value in chunk");
        cells.column_at(at).map(|n| String::from_utf8_lossy(n).into_owned())
    }

    #[test]
    fn postgres_log_parameters_take_their_statement_columns() {
        let log = "2024-06-03 09:21:55 CEST [28430] app@db STATEMENT:  INSERT INTO p (cf, nome, cognome, note) VALUES ($1, $2, $3, now())\n\
                   2024-06-03 09:21:55 CEST [28430] app@db DETAIL:  parameters: $1 = 'SPSSVT54S02F839M', $2 = 'Salvatore', $3 = 'D''Amico', $4 = NULL\n\
                   2024-06-03 09:22:01 CEST [28431] app@db LOG:  execute <unnamed>: UPDATE p SET email = $1 WHERE ssn LIKE $2 AND id = $3\n\
                   2024-06-03 09:22:01 CEST [28431] app@db DETAIL:  parameters: $1 = 'a@b.example', $2 = '078051120', $3 = '7'\n";
        assert_eq!(column(log, "Salvatore").as_deref(), Some("nome"));
        assert_eq!(column(log, "D''Amico").as_deref(), Some("cognome"));
        assert_eq!(column(log, "SPSSVT54S02F839M").as_deref(), Some("cf"));
        assert_eq!(column(log, "a@b.example").as_deref(), Some("email"));
        assert_eq!(column(log, "078051120").as_deref(), Some("ssn"));
        assert_eq!(column(log, "7'").as_deref(), Some("id"));
        // Parameters with no statement before them have no columns.
        let alone = "DETAIL:  parameters: $1 = 'Salvatore'\n";
        assert_eq!(column(alone, "Salvatore"), None);
    }

    #[test]
    fn streamed_dumps_keep_their_columns_across_chunks() {
        let create = "CREATE TABLE `t` (\n  `id` int,\n  `ssn` char(9)\n);\n";
        let insert = "INSERT INTO `t` VALUES (1,'078051120');\n";
        assert_eq!(
            later(&[create], insert, "078051120").as_deref(),
            Some("ssn")
        );
        assert_eq!(
            later(&[create, "-- nothing\n"], insert, "078051120").as_deref(),
            Some("ssn")
        );
        // A COPY block open at the chunk's start, and after its end.
        let copy = "COPY public.c (id, ssn) FROM stdin;\n1\t078051120\n";
        let rows = "2\t219099999\n\\.\n3\t111000025\n";
        assert_eq!(later(&[copy], rows, "219099999").as_deref(), Some("ssn"));
        assert_eq!(later(&[copy], rows, "111000025"), None);
        assert_eq!(later(&[copy, "4\t5\n\\.\n"], rows, "219099999"), None);
        // Content that is no dump keeps no context.
        assert!(SqlContext::sniff(b"plain log line\n").is_none());
    }
}
