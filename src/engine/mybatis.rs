//! MyBatis's debug log: the statement a mapper prepared, then the values
//! bound to its `?` placeholders on the next line.
//!
//! ```text
//! ==>  Preparing: INSERT INTO t_aunt_info ( name, id_card, mobile ) VALUES ( ?, ?, ? )
//! ==> Parameters: 王秀兰(String), 371721197603150427(String), 13953087146(String)
//! ```
//!
//! Each parameter is its value and its Java type in parentheses (`null`
//! bare). The column a parameter is bound to names it, as a CSV column
//! names a cell: an INSERT's column list by position, otherwise the
//! column compared with the placeholder (`WHERE mobile = ?`).

use std::ops::Range;

/// The marker before the bound values.
const PARAMETERS: &[u8] = b"==> Parameters: ";

/// The marker before the prepared statement.
const PREPARING: &[u8] = b"==>  Preparing: ";

/// Lines read upward from the parameters for their statement.
const MAX_LINES_UP: usize = 8;

/// The column (a range of `hay`) the parameter starting at `start` is
/// bound to, and whether the statement's columns describe a person.
pub(crate) fn column_of(
    hay: &[u8],
    start: usize,
) -> Option<(Range<usize>, bool)> {
    let line_start =
        memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1);
    let marker = memchr::memmem::find(&hay[line_start..start], PARAMETERS)?;
    let params = line_start + marker + PARAMETERS.len();
    let index = parameter_index(&hay[params..start])?;
    let sql = statement_above(hay, line_start)?;
    bound_column(hay, sql, index)
}

/// The values of the parameters on the line `line` of `hay` (without
/// their types), each with the column it is bound to (as
/// [`column_of`]), the statement read once for the line.
pub(crate) fn bound_values(
    hay: &[u8],
    line: Range<usize>,
) -> impl Iterator<Item = (Range<usize>, Option<(Range<usize>, bool)>)> + '_ {
    let params = memchr::memmem::find(&hay[line.clone()], PARAMETERS)
        .map(|at| line.start + at + PARAMETERS.len());
    let sql = params.and_then(|_| statement_above(hay, line.start));
    let mut at = params.unwrap_or(line.end);
    let mut index = 0;
    std::iter::from_fn(move || {
        if at >= line.end {
            return None;
        }
        let text = &hay[..line.end];
        let (value, next) = match parameter_end(text, at) {
            Some(end) => (at..end, end + 2),
            // The last parameter: its value, then `(Type)` to the end.
            None => {
                let end = memchr::memrchr(b'(', &text[at..])
                    .map_or(line.end, |i| at + i);
                (at..end, line.end)
            }
        };
        at = next;
        let value = if hay[value.clone()].ends_with(b")") {
            let open = memchr::memrchr(b'(', &hay[value.clone()])
                .map_or(value.end, |i| value.start + i);
            value.start..open
        } else {
            value
        };
        let column = sql.clone().and_then(|sql| bound_column(hay, sql, index));
        index += 1;
        Some((value, column))
    })
}

/// How many parameters end before `before` (the parameters' text up to
/// a value that starts one), or `None` if the value starts mid-parameter.
fn parameter_index(before: &[u8]) -> Option<usize> {
    let mut count = 0;
    let mut at = 0;
    while at < before.len() {
        let end = parameter_end(before, at)?;
        count += 1;
        at = end + 2;
    }
    (at == before.len()).then_some(count)
}

/// Where the parameter starting at `at` ends (before its `, `): after
/// `(Type)` followed by `, `, or after a bare `null`.
fn parameter_end(text: &[u8], at: usize) -> Option<usize> {
    if text[at..].starts_with(b"null, ") {
        return Some(at + 4);
    }
    let mut from = at;
    loop {
        let close = from + memchr::memmem::find(&text[from..], b"), ")?;
        let open = memchr::memrchr(b'(', &text[from..close]).map(|i| from + i);
        if let Some(open) = open {
            let kind = &text[open + 1..close];
            if kind.first().is_some_and(u8::is_ascii_uppercase)
                && kind.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'.')
            {
                return Some(close + 1);
            }
        }
        from = close + 1;
    }
}

/// The prepared statement (a range of `hay`) on a line above the line
/// starting at `line_start`.
fn statement_above(hay: &[u8], line_start: usize) -> Option<Range<usize>> {
    let mut end = line_start.checked_sub(1)?;
    for _ in 0..MAX_LINES_UP {
        let begin = memchr::memrchr(b'\n', &hay[..end]).map_or(0, |i| i + 1);
        if let Some(at) = memchr::memmem::find(&hay[begin..end], PREPARING) {
            return Some(begin + at + PREPARING.len()..end);
        }
        end = begin.checked_sub(1)?;
    }
    None
}

/// The column the `index`-th placeholder of `sql` is bound to.
fn bound_column(
    hay: &[u8],
    sql: Range<usize>,
    index: usize,
) -> Option<(Range<usize>, bool)> {
    let text = &hay[sql.clone()];
    let placeholder = memchr::memchr_iter(b'?', text).nth(index)?;
    let insert = text.len() > 6 && text[..6].eq_ignore_ascii_case(b"INSERT");
    if insert {
        let open = memchr::memchr(b'(', text)?;
        let close = open + memchr::memchr(b')', &text[open..])?;
        let columns: Vec<Range<usize>> = split_list(text, open + 1..close);
        let values_open =
            close + memchr::memchr(b'(', &text[close + 1..])? + 1;
        if placeholder < values_open {
            return None;
        }
        let values_close = values_open
            + memchr::memchr(b')', &text[values_open..])
                .unwrap_or(text.len() - values_open);
        let values = split_list(text, values_open + 1..values_close);
        let position = values.iter().position(|v| v.contains(&placeholder))?;
        let column = columns.get(position)?.clone();
        let people = super::fields::table_of_people(
            columns.iter().map(|c| &text[c.clone()]),
        );
        return Some((
            sql.start + column.start..sql.start + column.end,
            people,
        ));
    }
    // `mobile = ?`, `id_card LIKE ?`: the identifier before the operator.
    let mut i = placeholder;
    while i > 0 && matches!(text[i - 1], b' ' | b'=' | b'<' | b'>' | b'!') {
        i -= 1;
    }
    let like =
        text[..i].len() >= 4 && text[i - 4..i].eq_ignore_ascii_case(b"like");
    if like {
        i -= 4;
        while i > 0 && text[i - 1] == b' ' {
            i -= 1;
        }
    }
    let end = i;
    while i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_')
    {
        i -= 1;
    }
    (i < end).then(|| (sql.start + i..sql.start + end, false))
}

/// The comma-separated items of `text[list]`, trimmed.
fn split_list(text: &[u8], list: Range<usize>) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start = list.start;
    for i in list.clone().chain(std::iter::once(list.end)) {
        if i == list.end || text[i] == b',' {
            let mut s = start;
            let mut e = i;
            while s < e && text[s].is_ascii_whitespace() {
                s += 1;
            }
            while e > s && text[e - 1].is_ascii_whitespace() {
                e -= 1;
            }
            items.push(s..e);
            start = i + 1;
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(log: &str, value: &str) -> Option<String> {
        let start = log.find(value)?;
        column_of(log.as_bytes(), start).map(|(r, _)| log[r].to_string())
    }

    #[test]
    fn parameters_named_by_the_prepared_statement() {
        let log = "x : ==>  Preparing: INSERT INTO t_aunt ( name, id_card, mobile, note ) VALUES ( ?, ?, ?, ? )\nx : ==> Parameters: 王秀兰(String), 371721197603150427(String), null, a, b(String)\n";
        assert_eq!(column(log, "王秀兰"), Some("name".into()));
        assert_eq!(column(log, "3717"), Some("id_card".into()));
        assert_eq!(column(log, "a, b"), Some("note".into()));
        let select = "==>  Preparing: SELECT id FROM t WHERE mobile = ? AND name LIKE ?\n==> Parameters: 13953087146(String), %王%(String)\n";
        assert_eq!(column(select, "1395"), Some("mobile".into()));
        assert_eq!(column(select, "%王"), Some("name".into()));
        // Inside a value, not at a parameter's start.
        assert_eq!(column(select, "953087146"), None);
    }
}
