//! Where redacted bytes are written: a buffered file, through a gzip or
//! zstd encoder when the input was compressed, so `.gz` and `.zst` files
//! are rewritten in their own format.
//!
//! Multi-member gzip and multi-frame zstd inputs come out as a single
//! member or frame (same content). This module never decides *which* file
//! is written: it gets an open handle ([`super::atomic::AtomicFile::file`]).

use std::fs::File;
use std::io::{self, BufWriter, Write};

use flate2::write::GzEncoder;

use crate::input::Compression;

const BUFFER: usize = 256 << 10;
/// zstd's default level: fast, and what `zstd` the tool writes.
const ZSTD_LEVEL: i32 = 3;

/// A writer that encodes like the input it replaces.
pub enum Encoder {
    /// Plain bytes.
    Plain(BufWriter<File>),
    /// gzip at the default level.
    Gzip(GzEncoder<BufWriter<File>>),
    /// zstd at level 3.
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl Encoder {
    /// An encoder for `compression` writing to `file`.
    pub fn new(file: File, compression: Compression) -> io::Result<Encoder> {
        let buffered = BufWriter::with_capacity(BUFFER, file);
        Ok(match compression {
            Compression::None => Encoder::Plain(buffered),
            Compression::Gzip => Encoder::Gzip(GzEncoder::new(
                buffered,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoder::Zstd(
                zstd::stream::write::Encoder::new(buffered, ZSTD_LEVEL)?,
            ),
        })
    }

    /// Write the encoder's trailer and flush everything into the file.
    pub fn finish(self) -> io::Result<()> {
        let mut buffered = match self {
            Encoder::Plain(b) => b,
            Encoder::Gzip(g) => g.finish()?,
            Encoder::Zstd(z) => z.finish()?,
        };
        buffered.flush()
    }
}

impl Write for Encoder {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(buf),
            Encoder::Gzip(w) => w.write(buf),
            Encoder::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.write_all(buf),
            Encoder::Gzip(w) => w.write_all(buf),
            Encoder::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(w) => w.flush(),
            Encoder::Zstd(w) => w.flush(),
        }
    }
}
