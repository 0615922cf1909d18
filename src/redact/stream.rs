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
use std::sync::mpsc;

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
            read_size: 1 << 20,
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
    let redactor = &redactor.for_file(display);
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
            // Lines already in hand are redacted in parallel pieces (no
            // latency is added: nothing waits for more input).
            if offset == 0 {
                redactor.set_head(&buf[plen..hay_end]);
            }
            let chunks = pieces(&buf[..hay_end], plen, plen + cut, offset);
            for chunk in &chunks {
                redactor.track_sql(chunk);
            }
            let outs = match redactor.redact_batch(&chunks, &mut carry) {
                Ok(o) => o,
                Err(e) => return Ok(fail(tally, e.to_string())),
            };
            for (chunk, o) in chunks.iter().zip(&outs) {
                tally.add(chunk, o);
                changed |= o.changed();
                if let Some(w) = out.as_deref_mut() {
                    w.write_all(o.body(chunk.body_bytes()))?;
                }
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

/// A reader that reads `inner` on its own thread, so that each `read`
/// returns everything that has arrived so far (up to the buffer) and
/// waits only when nothing has: bulk input comes in big blocks, live
/// input line by line. At most 32 reads of 64 KiB are queued.
pub struct Prefetch {
    rx: mpsc::Receiver<io::Result<Vec<u8>>>,
    pending: Vec<u8>,
    pos: usize,
    error: Option<io::Error>,
    done: bool,
}

impl Prefetch {
    /// Start reading `inner` on a new thread.
    pub fn new<R: Read + Send + 'static>(mut inner: R) -> Prefetch {
        let (tx, rx) = mpsc::sync_channel(32);
        std::thread::spawn(move || loop {
            let mut buf = vec![0u8; 64 << 10];
            let msg = match inner.read(&mut buf) {
                Ok(n) => {
                    buf.truncate(n);
                    Ok(buf)
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => Err(e),
            };
            let last = !matches!(&msg, Ok(b) if !b.is_empty());
            if tx.send(msg).is_err() || last {
                break;
            }
        });
        Prefetch { rx, pending: Vec::new(), pos: 0, error: None, done: false }
    }
}

impl Read for Prefetch {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < out.len() {
            if self.pos < self.pending.len() {
                let k = (self.pending.len() - self.pos).min(out.len() - n);
                out[n..n + k]
                    .copy_from_slice(&self.pending[self.pos..self.pos + k]);
                self.pos += k;
                n += k;
                continue;
            }
            if let Some(e) = self.error.take() {
                return if n > 0 {
                    self.error = Some(e);
                    Ok(n)
                } else {
                    Err(e)
                };
            }
            if self.done {
                break;
            }
            // Wait only for the first bytes of this call.
            let msg = if n == 0 {
                self.rx.recv().ok()
            } else {
                match self.rx.try_recv() {
                    Ok(m) => Some(m),
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => None,
                }
            };
            match msg {
                Some(Ok(v)) if !v.is_empty() => {
                    self.pending = v;
                    self.pos = 0;
                }
                Some(Err(e)) => self.error = Some(e),
                Some(Ok(_)) | None => self.done = true,
            }
        }
        Ok(n)
    }
}

/// Smallest piece of a block redacted on its own thread.
const PIECE: usize = 256 << 10;

/// Chunks covering `hay[start..end]`, cut after a newline about every
/// [`PIECE`] bytes, each with up to [`CONTEXT_PREFIX`] bytes before it as
/// context (`hay[..start]` holds the context of the first); `offset` is
/// the content offset of `hay[start]`.
fn pieces(
    hay: &[u8],
    start: usize,
    end: usize,
    offset: u64,
) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut from = start;
    while from < end {
        let to = if end - from >= 2 * PIECE {
            memchr::memchr(b'\n', &hay[from + PIECE..end])
                .map_or(end, |i| from + PIECE + i + 1)
        } else {
            end
        };
        let h = from.saturating_sub(CONTEXT_PREFIX);
        let hay_end = if to == end { hay.len() } else { to };
        out.push(Chunk {
            hay: &hay[h..hay_end],
            body: from - h..to - h,
            offset: offset + (from - start) as u64,
        });
        from = to;
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    struct Trickle {
        data: Vec<u8>,
        pos: usize,
        fail_at_end: bool,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.pos == self.data.len() {
                return if self.fail_at_end {
                    Err(io::Error::other("boom"))
                } else {
                    Ok(0)
                };
            }
            let n = buf.len().min(7).min(self.data.len() - self.pos);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    #[test]
    fn prefetch_passes_everything_then_eof_or_the_error() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut p = Prefetch::new(Trickle {
            data: data.clone(),
            pos: 0,
            fail_at_end: false,
        });
        let mut got = Vec::new();
        p.read_to_end(&mut got).unwrap();
        assert_eq!(got, data);
        assert_eq!(p.read(&mut [0u8; 4]).unwrap(), 0);

        let mut p = Prefetch::new(Trickle {
            data: data.clone(),
            pos: 0,
            fail_at_end: true,
        });
        let mut got = Vec::new();
        let err = p.read_to_end(&mut got).unwrap_err();
        assert_eq!(err.to_string(), "boom");
        assert_eq!(got, data);
    }

    #[test]
    fn pieces_cover_the_block_at_line_ends() {
        let mut hay = b"ctx\n".to_vec();
        let line =
            [b'a'; 99].iter().copied().chain([b'\n']).collect::<Vec<u8>>();
        for _ in 0..(3 * PIECE / 100) {
            hay.extend_from_slice(&line);
        }
        let chunks = pieces(&hay, 4, hay.len(), 0);
        assert!(chunks.len() >= 2);
        let mut joined = Vec::new();
        for c in &chunks {
            assert_eq!(c.body_bytes().last(), Some(&b'\n'));
            joined.extend_from_slice(c.body_bytes());
        }
        assert_eq!(joined, &hay[4..]);
    }
}
