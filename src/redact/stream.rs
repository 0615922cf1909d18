//! Standard input to standard output, live: `tail -f app.log | piiscan
//! redact` prints each redacted line as soon as the line is complete.
//!
//! Input is read in blocks of whatever is available; every complete line
//! in hand is redacted at once (a block of lines is one chunk, with the
//! bytes before it as context, so results equal redacting the whole
//! stream), and the output is flushed before each read that may block. So
//! no line waits for another, and memory stays bounded: a line longer
//! than [`StreamLimits::max_line`] is cut where no match can straddle the
//! cut (a value of up to [`StreamLimits::hold`] bytes is never split).
//!
//! Standard input is text by contract: compressed input (gzip or zstd
//! magic) is refused, and a NUL byte in the first 8 KiB stops the run
//! before that block is written (lines before it were already passed
//! through, redacted). This module never buffers more than one block of
//! output and never writes a byte it has not redacted.

use std::io::{self, Read, Write};

use crate::input::{Chunk, Compression, BINARY_SNIFF_LEN, CONTEXT_PREFIX};

use super::redactor::{Carry, Redactor};
use super::report::{FileReport, FileStatus, Tally};

/// Sizes for [`redact_stream`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamLimits {
    /// Bytes asked for per read.
    pub read_size: usize,
    /// A line longer than this is redacted in pieces.
    pub max_line: usize,
    /// Longest value guaranteed to be found across such a cut.
    pub hold: usize,
    /// Redact content with NUL bytes too.
    pub binary: bool,
}

impl Default for StreamLimits {
    fn default() -> Self {
        StreamLimits {
            read_size: 256 << 10,
            max_line: 1 << 20,
            hold: super::redactor::HOLD,
            binary: false,
        }
    }
}

/// Redact `input` to `out` (or nowhere, to only count) as described in
/// the module docs. Errors reading the input are in the report; the error
/// returned is a failed write to `out`.
pub fn redact_stream(
    redactor: &Redactor<'_>,
    input: &mut dyn Read,
    mut out: Option<&mut dyn Write>,
    display: &str,
    limits: &StreamLimits,
) -> io::Result<FileReport> {
    let mut tally = Tally::new(redactor, display);
    let mut carry = Carry::new();
    let mut buf: Vec<u8> = Vec::with_capacity(limits.read_size * 2);
    // buf[..plen] is original context; buf[plen..] not yet redacted.
    let mut plen = 0;
    let mut offset = 0u64;
    let mut eof = false;
    let mut changed = false;
    let mut read_error = None;
    let fail =
        |tally: Tally<'_, '_>, reason: String| tally.report.failed(reason);
    loop {
        loop {
            let pending = buf.len() - plen;
            if pending == 0 {
                break;
            }
            if offset == 0 {
                if !eof && pending < 4 && matches!(buf[plen], 0x1f | 0x28) {
                    break; // maybe a magic number: wait for it
                }
                if Compression::sniff(&buf[plen..]) != Compression::None {
                    return Ok(fail(
                        tally,
                        "compressed input on standard input; decompress it \
                         first (zcat FILE | piiscan redact | gzip)"
                            .into(),
                    ));
                }
            }
            let newline = memchr::memrchr(b'\n', &buf[plen..]);
            let cut = match newline {
                Some(i) => i + 1,
                None if eof => pending,
                None if pending >= limits.max_line => {
                    safe_cut(redactor, &buf, plen, limits.hold)
                }
                None => break,
            };
            if !limits.binary && offset < BINARY_SNIFF_LEN as u64 {
                let upto = (BINARY_SNIFF_LEN - offset as usize).min(cut);
                if memchr::memchr(0, &buf[plen..plen + upto]).is_some() {
                    return Ok(fail(
                        tally,
                        "binary content (a NUL byte in the first 8 KiB); not \
                         rewritten"
                            .into(),
                    ));
                }
            }
            // A cut inside a line keeps the bytes after it as look-ahead.
            let hay_end =
                if newline.is_some() { plen + cut } else { buf.len() };
            let chunk =
                Chunk { hay: &buf[..hay_end], body: plen..plen + cut, offset };
            let result = redactor
                .redact_chunk(chunk.hay, chunk.body.clone(), carry.tail())
                .and_then(|mut o| {
                    redactor.follow(&mut carry, &chunk, &mut o).map(|_| o)
                });
            let o = match result {
                Ok(o) => o,
                Err(e) => return Ok(fail(tally, e.to_string())),
            };
            tally.add(&chunk, &o);
            changed |= o.changed();
            if let Some(w) = out.as_deref_mut() {
                w.write_all(o.body(chunk.body_bytes()))?;
            }
            let end = plen + cut;
            let keep_from = end.saturating_sub(CONTEXT_PREFIX);
            buf.drain(..keep_from);
            plen = end - keep_from;
            offset += cut as u64;
        }
        if eof {
            break;
        }
        // The next read may block: everything redacted so far goes out.
        if let Some(w) = out.as_deref_mut() {
            w.flush()?;
        }
        let old = buf.len();
        buf.resize(old + limits.read_size, 0);
        let n = loop {
            match input.read(&mut buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // Redact and pass on what arrived, then report.
                    read_error = Some(crate::input::io_reason(&e));
                    break 0;
                }
            }
        };
        buf.truncate(old + n);
        eof = n == 0;
    }
    if let Some(w) = out.as_deref_mut() {
        w.flush()?;
    }
    if let Some(reason) = read_error {
        return Ok(fail(tally, format!("read error: {reason}")));
    }
    let mut report = tally.report;
    report.status = match (changed, out.is_some()) {
        (false, _) => FileStatus::Unchanged,
        (true, true) => FileStatus::Redacted,
        (true, false) => FileStatus::WouldRedact,
    };
    Ok(report)
}

/// Where to cut an overlong partial line `buf[plen..]`: at least `hold`
/// bytes before its end (the bytes after it are look-ahead; more may
/// still arrive), where cutting changes no match
/// ([`Redactor::safe_cut`]).
fn safe_cut(
    redactor: &Redactor<'_>,
    buf: &[u8],
    plen: usize,
    hold: usize,
) -> usize {
    let len = buf.len() - plen;
    let want = len.saturating_sub(hold).max(1);
    let lo = plen + want.saturating_sub(hold);
    redactor.safe_cut(buf, lo, plen + want) - plen
}
