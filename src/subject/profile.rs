//! Who a request is about: [`Subject`]s and their [`Identifier`]s, from
//! flags or from a `--subjects FILE` (JSON or TOML).
//!
//! A subjects file is a list of subjects, each with an `id` label (the
//! request's reference, shown in reports and used to name export files)
//! and its identifiers:
//!
//! ```toml
//! [[subjects]]
//! id = "dsar-2024-017"
//! email = ["jane.doe@acme.io", "jd@home.example"]
//! phone = "+1 415 555 0100"
//! name = "Jane Q. Doe"
//! literal = ["jdoe42"]
//! ids = { us_ssn = "123-45-6789", iban = "GB82 WEST 1234 5698 7654 32" }
//! ```
//!
//! JSON is the same shape: `{"subjects": [{"id": ..., "email": ...}]}` or
//! a bare array. Unknown fields are refused (`deny_unknown_fields`), and
//! every error names the file, the subject (index and label) and the
//! field, never an identifier's value: a typo must not be silently a
//! subject with fewer identifiers, and an error message must not leak the
//! personal data it is about.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use super::normalize;
use crate::catalog::kinds;

/// What kind of identifier a value is; decides how it is matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// An email address: case-insensitive, optionally plus-addressed.
    Email,
    /// A phone number: compared by digits with country code.
    Phone,
    /// A person's name: case- and whitespace-insensitive, several orders.
    Name,
    /// An account id, username or any other exact string.
    Literal,
    /// A catalog kind (`us_ssn`, `iban`, ...): compared without separators.
    Catalog(&'static str),
}

impl IdKind {
    /// The kind id shown in reports: catalog kind ids where one applies
    /// (`person_name` for names), `literal` otherwise.
    pub fn name(&self) -> &'static str {
        match self {
            IdKind::Email => "email",
            IdKind::Phone => "phone",
            IdKind::Name => "person_name",
            IdKind::Literal => "literal",
            IdKind::Catalog(k) => k,
        }
    }

    /// The kind for `--id KIND=VALUE`: any catalog kind; `email`, `phone`
    /// and `person_name` get their own matching.
    pub fn from_kind(kind: &str) -> Option<IdKind> {
        match kind {
            "email" => Some(IdKind::Email),
            "phone" => Some(IdKind::Phone),
            "person_name" | "name" => Some(IdKind::Name),
            "literal" => Some(IdKind::Literal),
            other => kinds::lookup(other).map(|k| IdKind::Catalog(k.id)),
        }
    }
}

/// One identifier of a subject.
#[derive(Clone, PartialEq, Eq)]
pub struct Identifier {
    /// How it is matched.
    pub kind: IdKind,
    /// The value as given.
    pub raw: String,
    /// With `--correct`: what every occurrence becomes.
    pub replacement: Option<String>,
}

impl fmt::Debug for Identifier {
    // Never print the value: debug output ends up in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identifier({}, {} bytes)", self.kind.name(), self.raw.len())
    }
}

/// One data subject: a label and the identifiers that find them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The request's reference (`dsar-2024-017`); `subject` for flags.
    pub label: String,
    /// At least one.
    pub identifiers: Vec<Identifier>,
}

/// A bad subject definition. The message names where (file, subject,
/// field) and why, never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError(pub String);

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

/// A string or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// One subject as written in a subjects file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectSpec {
    id: String,
    #[serde(default)]
    email: Option<OneOrMany>,
    #[serde(default)]
    phone: Option<OneOrMany>,
    #[serde(default)]
    name: Option<OneOrMany>,
    #[serde(default)]
    literal: Option<OneOrMany>,
    #[serde(default)]
    ids: BTreeMap<String, OneOrMany>,
}

/// A whole subjects file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    subjects: Vec<serde_json::Value>,
}

/// Options that change how values are checked.
#[derive(Debug, Clone, Copy)]
pub struct ProfileOptions<'a> {
    /// Country calling code for phone numbers written without one.
    pub country_code: &'a str,
}

/// Build one identifier, checking its value. `field` names it in errors.
pub fn identifier(
    kind: IdKind,
    raw: &str,
    options: ProfileOptions<'_>,
) -> Result<Identifier, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("empty value".into());
    }
    match &kind {
        IdKind::Email => {
            let Some((local, domain)) = raw.rsplit_once('@') else {
                return Err("not an email address (no '@')".into());
            };
            if local.is_empty() || !domain.contains('.') {
                return Err("not an email address (local@domain.tld)".into());
            }
        }
        IdKind::Phone => {
            if normalize::phone(raw, options.country_code).is_none() {
                return Err("not a phone number (7 to 15 digits)".into());
            }
        }
        IdKind::Name => {
            if normalize::NameParts::parse(raw).is_none() {
                return Err(
                    "a name needs at least a first and a last name".into()
                );
            }
        }
        IdKind::Literal => {
            if raw.len() < 3 {
                return Err("a literal needs at least 3 characters".into());
            }
        }
        IdKind::Catalog(k) => {
            if normalize::id(k, raw).len() < 4 {
                return Err(format!("too short for {k}"));
            }
        }
    }
    Ok(Identifier { kind, raw: raw.to_string(), replacement: None })
}

/// Parse `KIND=VALUE` (`--id`).
pub fn parse_id_flag(
    s: &str,
    options: ProfileOptions<'_>,
) -> Result<Identifier, ProfileError> {
    let (kind, value) = s.split_once('=').ok_or_else(|| {
        ProfileError("--id: expected KIND=VALUE (e.g. us_ssn=...)".into())
    })?;
    let id_kind = IdKind::from_kind(kind.trim()).ok_or_else(|| {
        ProfileError(format!(
            "--id: unknown kind {:?} (see `piiscan patterns list`)",
            kind.trim()
        ))
    })?;
    identifier(id_kind, value, options)
        .map_err(|e| ProfileError(format!("--id {}: {e}", kind.trim())))
}

/// Parse `KIND=OLD=NEW` (`--correct`): the identifier is OLD, its
/// replacement NEW.
pub fn parse_correction(
    s: &str,
    options: ProfileOptions<'_>,
) -> Result<Identifier, ProfileError> {
    let mut parts = s.splitn(3, '=');
    let (Some(kind), Some(old), Some(new)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err(ProfileError(
            "--correct: expected KIND=OLD=NEW (e.g. email=old@x.com=new@y.com)"
                .into(),
        ));
    };
    let id_kind = IdKind::from_kind(kind.trim()).ok_or_else(|| {
        ProfileError(format!("--correct: unknown kind {:?}", kind.trim()))
    })?;
    let mut id = identifier(id_kind, old, options).map_err(|e| {
        ProfileError(format!("--correct {}: old value: {e}", kind.trim()))
    })?;
    if new.trim().is_empty() {
        return Err(ProfileError(format!(
            "--correct {}: the new value is empty (use --erase to remove)",
            kind.trim()
        )));
    }
    if new.contains(['\n', '\r']) {
        return Err(ProfileError(format!(
            "--correct {}: the new value holds a line break",
            kind.trim()
        )));
    }
    id.replacement = Some(new.trim().to_string());
    Ok(id)
}

/// Read a subjects file: JSON (`.json`, or content starting with `{` or
/// `[`) or TOML.
pub fn load_file(
    path: &Path,
    options: ProfileOptions<'_>,
) -> Result<Vec<Subject>, ProfileError> {
    let shown =
        crate::sanitize::for_terminal(&path.to_string_lossy()).into_owned();
    let text = std::fs::read_to_string(path).map_err(|e| {
        ProfileError(format!("{shown}: {}", crate::input::io_reason(&e)))
    })?;
    parse_text(&text, &shown, options)
}

/// [`load_file`] on text already read; `shown` names it in errors.
pub fn parse_text(
    text: &str,
    shown: &str,
    options: ProfileOptions<'_>,
) -> Result<Vec<Subject>, ProfileError> {
    let err = |m: String| ProfileError(format!("{shown}: {m}"));
    let trimmed = text.trim_start();
    let lower = shown.to_ascii_lowercase();
    let json = if lower.ends_with(".json") {
        true
    } else if lower.ends_with(".toml") {
        false
    } else {
        // `[[subjects]]` opens TOML; `[{` or `{` opens JSON.
        trimmed.starts_with('{')
            || (trimmed.starts_with('[') && !trimmed.starts_with("[["))
    };
    let entries: Vec<serde_json::Value> = if json {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| err(format!("not valid JSON: {e}")))?;
        match value {
            serde_json::Value::Array(list) => list,
            other => {
                serde_json::from_value::<FileSpec>(other)
                    .map_err(|e| err(e.to_string()))?
                    .subjects
            }
        }
    } else {
        // TOML: parse, then look at it as JSON values so both formats
        // share one per-subject check (and one set of messages).
        let value: toml::Value = toml::from_str(text)
            .map_err(|e| err(format!("not valid TOML: {e}")))?;
        let json =
            serde_json::to_value(value).map_err(|e| err(e.to_string()))?;
        serde_json::from_value::<FileSpec>(json)
            .map_err(|e| err(e.to_string()))?
            .subjects
    };
    if entries.is_empty() {
        return Err(err("no subjects in the file".into()));
    }
    let mut subjects = Vec::with_capacity(entries.len());
    let mut labels = HashSet::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let n = i + 1;
        let label_hint = entry
            .get("id")
            .and_then(|v| v.as_str())
            .map(|s| format!(" ({:?})", crate::sanitize::for_terminal(s)))
            .unwrap_or_default();
        let at = |m: String| err(format!("subject {n}{label_hint}: {m}"));
        let spec: SubjectSpec =
            serde_json::from_value(entry).map_err(|e| at(e.to_string()))?;
        let label = spec.id.trim().to_string();
        if label.is_empty() {
            return Err(at("field `id`: empty label".into()));
        }
        if !labels.insert(label.clone()) {
            return Err(at("field `id`: the same label twice".into()));
        }
        let mut identifiers = Vec::new();
        let fields = [
            ("email", IdKind::Email, spec.email),
            ("phone", IdKind::Phone, spec.phone),
            ("name", IdKind::Name, spec.name),
            ("literal", IdKind::Literal, spec.literal),
        ];
        for (field, kind, values) in fields {
            for (j, v) in values
                .map(OneOrMany::into_vec)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                identifiers.push(
                    identifier(kind.clone(), v, options).map_err(|e| {
                        at(format!("field `{field}` value {}: {e}", j + 1))
                    })?,
                );
            }
        }
        for (kind, values) in spec.ids {
            let id_kind = IdKind::from_kind(&kind).ok_or_else(|| {
                at(format!(
                    "field `ids.{}`: unknown kind (see `piiscan patterns list`)",
                    crate::sanitize::for_terminal(&kind)
                ))
            })?;
            for (j, v) in values.into_vec().iter().enumerate() {
                identifiers.push(
                    identifier(id_kind.clone(), v, options).map_err(|e| {
                        at(format!("field `ids.{kind}` value {}: {e}", j + 1))
                    })?,
                );
            }
        }
        if identifiers.is_empty() {
            return Err(at(
                "no identifiers (give email, phone, name, literal or ids)"
                    .into(),
            ));
        }
        subjects.push(Subject { label, identifiers });
    }
    Ok(subjects)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPT: ProfileOptions<'static> = ProfileOptions { country_code: "1" };

    #[test]
    fn toml_and_json_give_the_same_subjects() {
        let toml = r#"
[[subjects]]
id = "r1"
email = "Jane@Acme.io"
ids = { us_ssn = "536-22-8741" }
[[subjects]]
id = "r2"
phone = ["+1 415 555 0100"]
name = "Doe, John"
"#;
        let json = r#"{"subjects":[
 {"id":"r1","email":"Jane@Acme.io","ids":{"us_ssn":"536-22-8741"}},
 {"id":"r2","phone":["+1 415 555 0100"],"name":"Doe, John"}]}"#;
        let a = parse_text(toml, "s.toml", OPT).unwrap();
        let b = parse_text(json, "s.json", OPT).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].identifiers.len(), 2);
    }

    #[test]
    fn errors_name_the_subject_and_field_not_the_value() {
        let cases = [
            (r#"[{"id":"a","emial":"x@y.io"}]"#, "subject 1 (\"a\")", "emial"),
            (
                r#"[{"id":"a","email":"x@y.io"},{"id":"b","phone":"12"}]"#,
                "subject 2 (\"b\")",
                "field `phone` value 1",
            ),
            (r#"[{"id":"a","ids":{"nope":"1234"}}]"#, "subject 1", "ids.nope"),
            (r#"[{"email":"x@y.io"}]"#, "subject 1", "`id`"),
            (r#"[{"id":"a"}]"#, "subject 1", "no identifiers"),
            (
                r#"[{"id":"a","email":"x@y.io"},{"id":"a","email":"z@y.io"}]"#,
                "subject 2",
                "same label",
            ),
            ("[[subjects]]\nid = 'a'\nname = 'Cher'\n", "subject 1", "`name`"),
            (
                "[[subjects]]\nid = 'a'\nemail = 'x@y.io'\nfoo = 1\n",
                "subject 1",
                "foo",
            ),
        ];
        for (text, who, what) in cases {
            let e = parse_text(text, "s", OPT).unwrap_err().0;
            assert!(e.starts_with("s: "), "{e}");
            assert!(e.contains(who), "{e} should name {who}");
            assert!(e.contains(what), "{e} should name {what}");
            assert!(!e.contains("x@y.io") && !e.contains("z@y.io"), "{e}");
        }
    }

    #[test]
    fn flags_parse() {
        let id = parse_id_flag("us_ssn=536-22-8741", OPT).unwrap();
        assert_eq!(id.kind, IdKind::Catalog("us_ssn"));
        assert!(parse_id_flag("bogus=1", OPT).is_err());
        let c = parse_correction("email=old@x.com=new@y.com", OPT).unwrap();
        assert_eq!(c.raw, "old@x.com");
        assert_eq!(c.replacement.as_deref(), Some("new@y.com"));
        assert!(parse_correction("email=old@x.com", OPT).is_err());
        assert!(!format!("{c:?}").contains("old@"));
    }
}
