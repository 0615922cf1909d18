//! Running the examples written in pattern files.
//!
//! Each positive must yield exactly its expected span under its own rule at
//! or above its minimum confidence, with the whole catalog compiled (so a
//! rule that shadows another shows up); each negative must yield nothing
//! from its rule. `cargo test` runs this for the built-in catalog and
//! `piiscan patterns test FILE` for a user's file.

use std::fmt;

use super::Engine;
use crate::catalog::Rule;

/// One example that did not behave as written.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    /// File and line of the example.
    pub file: String,
    /// 1-based line of the example.
    pub line: usize,
    /// Rule id.
    pub rule: String,
    /// What happened instead.
    pub message: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: rule {}: {}",
            crate::sanitize::for_terminal(&self.file),
            self.line,
            self.rule,
            self.message
        )
    }
}

/// Check the examples of every rule of `engine` accepted by `select`.
pub fn check_examples(
    engine: &Engine,
    select: impl Fn(&Rule) -> bool,
) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    let mut found = Vec::new();
    for (index, rule) in engine.rules().iter().enumerate() {
        if !select(rule) {
            continue;
        }
        let fail = |line: usize, message: String| ExampleFailure {
            file: rule.origin.file.clone(),
            line,
            rule: rule.id.clone(),
            message,
        };
        for ex in &rule.positives {
            found.clear();
            let hay = ex.text.as_bytes();
            engine.scan(hay, 0..hay.len(), &mut found);
            let want = match &ex.expect {
                Some(m) => {
                    let start = ex.text.find(m.as_str()).unwrap_or(0);
                    start..start + m.len()
                }
                None => 0..hay.len(),
            };
            let hit = found.iter().find(|m| m.rule == index && m.span == want);
            match hit {
                Some(m) if m.confidence >= ex.min_confidence => {}
                Some(m) => failures.push(fail(
                    ex.line,
                    format!(
                        "positive example scored {:.2}, below {:.2}",
                        m.confidence, ex.min_confidence
                    ),
                )),
                None => {
                    let got: Vec<String> = found
                        .iter()
                        .map(|m| {
                            format!(
                                "{} {:?}",
                                engine.rules()[m.rule].id,
                                String::from_utf8_lossy(&hay[m.span.clone()])
                            )
                        })
                        .collect();
                    failures.push(fail(
                        ex.line,
                        format!(
                            "positive example not matched as {:?}; found [{}]",
                            &ex.text[want],
                            got.join(", ")
                        ),
                    ));
                }
            }
        }
        for ex in &rule.negatives {
            found.clear();
            let hay = ex.text.as_bytes();
            engine.scan(hay, 0..hay.len(), &mut found);
            if let Some(m) = found.iter().find(|m| m.rule == index) {
                failures.push(fail(
                    ex.line,
                    format!(
                        "negative example matched {:?}",
                        String::from_utf8_lossy(&hay[m.span.clone()])
                    ),
                ));
            }
        }
    }
    failures
}
