//! The one error type of the input module, and how OS errors are worded.
//!
//! Every message names the path it is about; [`std::fmt::Display`] escapes
//! that path for the terminal. This module never decides what an error means
//! for the exit code: that belongs to the caller.

use std::fmt;
use std::io;

use super::walk::Skip;

/// A problem with one input: it could not be walked, opened or read; or,
/// when [`InputError::skip`] is set, it was deliberately not scanned.
///
/// One input's error never stops the run: the caller reports it (exit code 2)
/// and goes on with the other inputs. A skip is not an error: the caller
/// counts it under [`InputError::skip_reason`] and reports nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path as shown to the user (`-` for stdin); raw, not escaped.
    pub path: String,
    /// What went wrong, lowercase, e.g. `permission denied`.
    pub reason: String,
    skip: Option<Skip>,
}

impl InputError {
    /// Build an error for `path` with a ready-made `reason`.
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        InputError { path: path.into(), reason: reason.into(), skip: None }
    }

    /// An input deliberately not scanned (binary content, not a regular
    /// file), so callers can tell it from a failure.
    pub fn skipped(path: impl Into<String>, skip: Skip) -> Self {
        let reason = match skip {
            Skip::Binary => "binary content, skipped",
            Skip::Special => "not a regular file, skipped",
            _ => "skipped",
        };
        InputError { skip: Some(skip), ..InputError::new(path, reason) }
    }

    /// Why the input was skipped, if it was a skip rather than a failure.
    pub fn skip(&self) -> Option<Skip> {
        self.skip
    }

    /// The stats key ([`Skip::reason`]) when this is a skip, else `None`.
    pub fn skip_reason(&self) -> Option<&'static str> {
        self.skip.map(Skip::reason)
    }

    /// The same error about another path (e.g. the displayed one).
    pub fn with_path(self, path: impl Into<String>) -> Self {
        InputError { path: path.into(), ..self }
    }

    /// Build an error for `path` from an OS error, worded as [`io_reason`].
    pub fn io(path: impl Into<String>, err: &io::Error) -> Self {
        InputError::new(path, io_reason(err))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::sanitize::for_terminal(&self.path),
            self.reason
        )
    }
}

impl std::error::Error for InputError {}

/// Word an OS error the way messages print it: lowercase, without the
/// `(os error N)` suffix (`Permission denied (os error 13)` becomes
/// `permission denied`).
pub fn io_reason(err: &io::Error) -> String {
    let text = err.to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => text.as_str(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => format!("{:?}", err.kind()).to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_lowercase_without_code() {
        let e = io::Error::from_raw_os_error(13);
        assert_eq!(io_reason(&e), "permission denied");
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&e), "no such file or directory");
        let e = io::Error::other("Custom thing");
        assert_eq!(io_reason(&e), "custom thing");
    }

    #[test]
    fn skips_are_told_apart() {
        let e = InputError::skipped("a.bin", Skip::Binary);
        assert_eq!(e.skip_reason(), Some("binary"));
        assert_eq!(InputError::new("a", "b").skip_reason(), None);
        assert_eq!(e.with_path("b.bin").path, "b.bin");
    }

    #[test]
    fn display_escapes_the_path() {
        let e = InputError::new("a\x1b[31m.log", "permission denied");
        assert_eq!(e.to_string(), "a\\u{1b}[31m.log: permission denied");
    }
}
