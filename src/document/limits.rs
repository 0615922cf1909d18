//! Caps that stop decompression bombs: nesting depth, total extracted
//! bytes, compression ratio and member count. Each breach is reported as
//! partial with its reason; nothing is cut silently.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Default nesting depth: a container inside a container ... four deep.
pub const DEFAULT_DEPTH: u32 = 4;
/// Default cap on bytes extracted from one input, all members together:
/// the same as for a `.gz` log stream (`--max-decompressed`), so a large
/// log archive is read to its end.
pub const DEFAULT_MAX_TOTAL: u64 = crate::input::DEFAULT_MAX_DECOMPRESSED;
/// Default cap on one member: a member is held in memory while it is
/// scanned (one at a time per input), so this bounds memory.
pub const DEFAULT_MAX_MEMBER: u64 = 1 << 30;
/// Plain-text tar members at least this large are streamed in chunks,
/// never held whole (and not held to [`DEFAULT_MAX_MEMBER`]).
pub const DEFAULT_STREAM_MEMBER: u64 = 64 << 20;
/// Default cap on the expansion of one compressed member or stream.
pub const DEFAULT_MAX_RATIO: u64 = 100;
/// Default cap on members read from one input.
pub const DEFAULT_MAX_MEMBERS: u64 = 100_000;
/// Members this small are never held to the ratio (a few KiB of zeros
/// compress a thousandfold and are no bomb).
pub const RATIO_FLOOR: u64 = 1 << 20;

/// The caps for one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Containers nested deeper than this are not opened (0: documents
    /// are not expanded at all).
    pub depth: u32,
    /// Bytes extracted from one input, all members together.
    pub max_total: u64,
    /// Extracted bytes per compressed byte, per member or stream (above
    /// [`RATIO_FLOOR`]).
    pub max_ratio: u64,
    /// Members read from one input.
    pub max_members: u64,
    /// Bytes of one member (it is held in memory).
    pub max_member: u64,
    /// Plain-text tar members from this size on are streamed.
    pub stream_member: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            depth: DEFAULT_DEPTH,
            max_total: DEFAULT_MAX_TOTAL,
            max_ratio: DEFAULT_MAX_RATIO,
            max_members: DEFAULT_MAX_MEMBERS,
            max_member: DEFAULT_MAX_MEMBER,
            stream_member: DEFAULT_STREAM_MEMBER,
        }
    }
}

/// What is left of one input's caps.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    extracted: u64,
    members: u64,
}

impl Budget {
    /// A full budget.
    pub fn new(limits: &Limits) -> Budget {
        Budget { limits: limits.clone(), extracted: 0, members: 0 }
    }

    /// The caps.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Count one more member; the reason when the count cap is reached.
    pub fn member(&mut self) -> Result<(), String> {
        if self.members >= self.limits.max_members {
            return Err(format!(
                "member count cap of {} reached",
                self.limits.max_members
            ));
        }
        self.members += 1;
        Ok(())
    }

    /// Bytes still allowed.
    pub fn remaining(&self) -> u64 {
        self.limits.max_total.saturating_sub(self.extracted)
    }

    /// Most bytes a member of `compressed` bytes may expand to.
    pub fn ratio_cap(&self, compressed: u64) -> u64 {
        compressed.saturating_mul(self.limits.max_ratio).max(RATIO_FLOOR)
    }

    /// Read `reader` to its end or to the first cap: total budget, and
    /// `ratio_cap` when given. Returns the bytes and, when cut, why.
    pub fn read(
        &mut self,
        reader: &mut dyn Read,
        ratio_cap: Option<u64>,
    ) -> io::Result<(Vec<u8>, Option<String>)> {
        let total = self.remaining().min(self.limits.max_member);
        let cap = ratio_cap.map_or(total, |r| r.min(total));
        let mut buf = Vec::new();
        reader.take(cap).read_to_end(&mut buf)?;
        self.extracted += buf.len() as u64;
        if buf.len() as u64 == cap {
            let mut one = [0u8; 1];
            if read_retrying(reader, &mut one)? > 0 {
                let why = if ratio_cap.is_some_and(|r| r < total) {
                    format!(
                        "compression ratio over {}:1, read stopped at {} bytes",
                        self.limits.max_ratio, cap
                    )
                } else if self.remaining() > 0 {
                    format!(
                        "member size cap of {} bytes reached",
                        self.limits.max_member
                    )
                } else {
                    self.total_reason()
                };
                return Ok((buf, Some(why)));
            }
        }
        Ok((buf, None))
    }

    /// Count `n` bytes read outside [`Budget::read`] (a streamed member).
    pub fn spend(&mut self, n: u64) {
        self.extracted += n;
    }

    /// The reason given when the total cap is reached.
    pub fn total_reason(&self) -> String {
        format!(
            "extracted size cap of {} bytes reached",
            self.limits.max_total
        )
    }
}

fn read_retrying(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Counts the bytes read through it (the compressed side of a stream).
pub struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    /// Wrap `inner`; `count` grows with every byte read.
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        Counting { inner, count }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A decompressed stream that fails once it has expanded more than
/// `ratio` times the compressed bytes read (past [`RATIO_FLOOR`]); the
/// error names the cap.
pub struct RatioGuard<R> {
    inner: R,
    compressed: Arc<AtomicU64>,
    out: u64,
    ratio: u64,
}

/// The message of the error [`RatioGuard`] returns.
pub const RATIO_ERROR: &str = "compression ratio over";

impl<R> RatioGuard<R> {
    /// Guard `inner`, whose compressed input is counted in `compressed`.
    pub fn new(inner: R, compressed: Arc<AtomicU64>, ratio: u64) -> Self {
        RatioGuard { inner, compressed, out: 0, ratio }
    }
}

impl<R: Read> Read for RatioGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        let raw = self.compressed.load(Ordering::Relaxed);
        if self.out > RATIO_FLOOR && self.out > raw.saturating_mul(self.ratio)
        {
            return Err(io::Error::other(format!(
                "{RATIO_ERROR} {}:1 after {} bytes",
                self.ratio, self.out
            )));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_cap_is_reported() {
        let limits = Limits { max_total: 4, ..Limits::default() };
        let mut b = Budget::new(&limits);
        let (data, why) = b.read(&mut &b"0123456789"[..], None).unwrap();
        assert_eq!(data, b"0123");
        assert_eq!(why.unwrap(), "extracted size cap of 4 bytes reached");
        // An exact fit is complete.
        let mut b = Budget::new(&limits);
        let (_, why) = b.read(&mut &b"0123"[..], None).unwrap();
        assert_eq!(why, None);
    }

    #[test]
    fn ratio_cap_is_reported() {
        let mut b = Budget::new(&Limits::default());
        let zeros = vec![0u8; (RATIO_FLOOR + 10) as usize];
        let (data, why) = b.read(&mut &zeros[..], Some(RATIO_FLOOR)).unwrap();
        assert_eq!(data.len() as u64, RATIO_FLOOR);
        assert!(why.unwrap().starts_with("compression ratio over 100:1"));
    }

    #[test]
    fn member_size_cap_is_reported() {
        let limits = Limits { max_member: 3, ..Limits::default() };
        let mut b = Budget::new(&limits);
        let (data, why) = b.read(&mut &b"abcdef"[..], None).unwrap();
        assert_eq!(data, b"abc");
        assert_eq!(why.unwrap(), "member size cap of 3 bytes reached");
        // The next member gets its own 3 bytes.
        let (data, why) = b.read(&mut &b"xy"[..], None).unwrap();
        assert_eq!((data.as_slice(), why), (&b"xy"[..], None));
    }

    #[test]
    fn member_count_cap() {
        let limits = Limits { max_members: 1, ..Limits::default() };
        let mut b = Budget::new(&limits);
        assert!(b.member().is_ok());
        assert_eq!(b.member().unwrap_err(), "member count cap of 1 reached");
    }
}
