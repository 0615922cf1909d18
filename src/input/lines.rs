//! Turning absolute content offsets into 1-based line and column numbers.
//!
//! Lines are counted lazily: only when a finding needs a line number, and
//! only over the bytes between the previous question and the new one (one
//! `memchr` pass, never per-byte work of our own). This module never reads
//! input itself; it is fed the bytes the caller already holds.

use super::chunk::Chunk;

/// Incremental line counter over one input's content.
///
/// Ask for offsets in increasing order (going back a little also works while
/// the bytes are still at hand). With chunks, call [`LineCounter::locate_in`]
/// for the findings of a chunk, then [`LineCounter::finish_chunk`], chunk
/// after chunk in file order; with whole content, call
/// [`LineCounter::locate`] with the whole buffer and `0`.
#[derive(Debug, Clone)]
pub struct LineCounter {
    /// Absolute offset up to which newlines have been counted.
    pos: u64,
    /// Line number (1-based) of the byte at `pos`.
    line: u64,
    /// Absolute offset where the line holding `pos` starts.
    line_start: u64,
}

impl Default for LineCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl LineCounter {
    /// A counter at the start of the content.
    pub fn new() -> Self {
        LineCounter { pos: 0, line: 1, line_start: 0 }
    }

    /// `(line, column)` of absolute `offset`: both 1-based, the column
    /// counted in bytes.
    ///
    /// `hay` holds content starting at absolute `hay_offset`; it must cover
    /// every byte between the previously located offset and `offset`
    /// (`offset` may equal the end of `hay`).
    ///
    /// # Panics
    /// When `hay` does not cover that range: a caller bug (offsets asked out
    /// of order across chunks, or a chunk skipped without `finish_chunk`).
    pub fn locate(
        &mut self,
        hay: &[u8],
        hay_offset: u64,
        offset: u64,
    ) -> (u64, u64) {
        let hay_end = hay_offset + hay.len() as u64;
        let (lo, hi) = (self.pos.min(offset), self.pos.max(offset));
        assert!(
            lo >= hay_offset && hi <= hay_end,
            "LineCounter: bytes {lo}..{hi} are not in the given buffer {hay_offset}..{hay_end}"
        );
        let region =
            &hay[(lo - hay_offset) as usize..(hi - hay_offset) as usize];
        let newlines = memchr::memchr_iter(b'\n', region).count() as u64;
        if offset >= self.pos {
            self.line += newlines;
            if let Some(i) = memchr::memrchr(b'\n', region) {
                self.line_start = lo + i as u64 + 1;
            }
        } else {
            self.line -= newlines;
            if newlines > 0 {
                // The line holding `offset` starts after the last newline
                // before it, which may lie before `region`.
                let before = &hay[..(offset - hay_offset) as usize];
                self.line_start = match memchr::memrchr(b'\n', before) {
                    Some(i) => hay_offset + i as u64 + 1,
                    None => {
                        assert!(
                            hay_offset == 0,
                            "LineCounter: the start of the line at {offset} is not in the buffer"
                        );
                        0
                    }
                };
            }
        }
        self.pos = offset;
        (self.line, offset - self.line_start + 1)
    }

    /// [`LineCounter::locate`] for an offset inside `chunk` (body or its end).
    pub fn locate_in(&mut self, chunk: &Chunk<'_>, offset: u64) -> (u64, u64) {
        self.locate(chunk.hay, chunk.hay_offset(), offset)
    }

    /// Count the rest of `chunk`'s body, so the next chunk can be asked.
    pub fn finish_chunk(&mut self, chunk: &Chunk<'_>) {
        self.locate_in(chunk, chunk.end_offset());
    }

    /// The absolute offset counted up to so far.
    pub fn position(&self) -> u64 {
        self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::chunk::whole_chunks_sized;

    fn naive(bytes: &[u8], offset: usize) -> (u64, u64) {
        let before = &bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let start =
            before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        (line, (offset - start) as u64 + 1)
    }

    #[test]
    fn whole_buffer_forward_and_back() {
        let text = b"ab\ncd\n\nefg";
        let mut lc = LineCounter::new();
        for off in [0, 1, 3, 4, 6, 7, 9, 10] {
            assert_eq!(
                lc.locate(text, 0, off as u64),
                naive(text, off),
                "{off}"
            );
        }
        for off in [8, 2, 0] {
            assert_eq!(
                lc.locate(text, 0, off as u64),
                naive(text, off),
                "{off}"
            );
        }
    }

    #[test]
    fn chunks_in_order() {
        let text = b"x\nyy\nzzz\n\nlong line here\nend".repeat(5);
        let chunks = whole_chunks_sized(&text, 7);
        let mut lc = LineCounter::new();
        for c in &chunks {
            for off in (c.offset..c.end_offset()).step_by(3) {
                assert_eq!(lc.locate_in(c, off), naive(&text, off as usize));
            }
            lc.finish_chunk(c);
        }
        assert_eq!(lc.position(), text.len() as u64);
    }
}
