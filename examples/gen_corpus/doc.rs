//! A file's content under construction, with the spans planted in it.
//!
//! Offsets are recorded while the bytes are appended, never found by
//! searching afterwards: a value that also occurs elsewhere in the file (or a
//! substring of a longer token) can then never be mislabelled.

/// A labelled byte range: `tag` is a kind id (truth) or a decoy name
/// (negatives).
#[derive(Clone, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub tag: &'static str,
}

/// Bytes plus the truth and hard-negative spans inside them.
pub struct Doc {
    pub buf: Vec<u8>,
    pub truth: Vec<Span>,
    pub negs: Vec<Span>,
    /// Benchmark mode writes hundreds of MiB and needs no labels.
    track: bool,
}

impl Doc {
    pub fn labelled() -> Self {
        Doc {
            buf: Vec::new(),
            truth: Vec::new(),
            negs: Vec::new(),
            track: true,
        }
    }

    pub fn unlabelled(capacity: usize) -> Self {
        Doc {
            buf: Vec::with_capacity(capacity),
            truth: Vec::new(),
            negs: Vec::new(),
            track: false,
        }
    }

    /// Plain text: neither personal data nor a planted decoy.
    pub fn text(&mut self, t: &str) -> &mut Self {
        self.buf.extend_from_slice(t.as_bytes());
        self
    }

    /// A planted personal-data value of `kind`.
    pub fn pii(&mut self, kind: &'static str, value: &str) -> &mut Self {
        let start = self.buf.len();
        self.text(value);
        if self.track {
            self.truth.push(Span { start, end: self.buf.len(), tag: kind });
        }
        self
    }

    /// A planted hard negative: looks like personal data, is not.
    pub fn neg(&mut self, what: &'static str, value: &str) -> &mut Self {
        let start = self.buf.len();
        self.text(value);
        if self.track {
            self.negs.push(Span { start, end: self.buf.len(), tag: what });
        }
        self
    }

    /// A counter or byte count: a negative once it has six or more digits
    /// (long enough to look like a phone number or an id), plain text below.
    pub fn count(&mut self, what: &'static str, n: u64) -> &mut Self {
        let s = n.to_string();
        if s.len() >= 6 {
            self.neg(what, &s)
        } else {
            self.text(&s)
        }
    }

    /// Text made of labelled and unlabelled segments (an address).
    pub fn segs(
        &mut self,
        segs: &[(Option<&'static str>, String)],
    ) -> &mut Self {
        for (kind, s) in segs {
            match kind {
                Some(k) => self.pii(k, s),
                None => self.text(s),
            };
        }
        self
    }

    pub fn len(&self) -> usize {
        self.buf.len()
    }
}
