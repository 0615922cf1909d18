//! Member names as they are shown and joined: untrusted bytes from an
//! archive made safe to print (terminal controls escaped) and free of
//! path traversal (no leading `/`, no `.` or `..`, `\` read as `/`), so a
//! name can never climb out of a directory if a caller extracts it.

use super::SEP;

/// A member name made safe: see the module doc. Empty names become `_`.
pub fn clean(raw: &str) -> String {
    let slashed = raw.replace('\\', "/");
    let parts: Vec<&str> = slashed
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let joined = parts.join("/");
    let joined = joined.trim_start_matches(|c: char| {
        c.is_ascii_alphabetic() && raw.len() > 1 && raw.as_bytes()[1] == b':'
    });
    let joined = joined.trim_start_matches(':').trim_start_matches('/');
    if joined.is_empty() {
        return "_".to_string();
    }
    crate::sanitize::for_terminal(joined).into_owned()
}

/// `parent!member`.
pub fn join(parent: &str, member: &str) -> String {
    let mut s = String::with_capacity(parent.len() + member.len() + 1);
    s.push_str(parent);
    s.push(SEP);
    s.push_str(member);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_escapes_are_removed() {
        assert_eq!(clean("../../etc/passwd"), "etc/passwd");
        assert_eq!(clean("/abs/x.csv"), "abs/x.csv");
        assert_eq!(clean("a\\..\\b.txt"), "a/b.txt");
        assert_eq!(clean("./a/./b"), "a/b");
        assert_eq!(clean("evil\x1b[31m.csv"), "evil\\u{1b}[31m.csv");
        assert_eq!(clean("C:\\x\\y.txt"), "x/y.txt");
        assert_eq!(clean(".."), "_");
        assert_eq!(join("a.zip", "b.csv"), "a.zip!b.csv");
    }
}
