//! A tiny deterministic PRNG (splitmix64).
//!
//! The corpus must be byte-identical on every run and every machine, so the
//! generator owns its randomness instead of depending on a crate whose stream
//! could change between versions.

/// Fixed seed of the whole corpus; changing it rewrites every file.
pub const SEED: u64 = 0x005e_ed0f_9115_ca11;

/// splitmix64 (Steele, Lea, Flood 2014): one add, two multiplies per draw.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    /// An independent stream per label (usually a file path), so editing the
    /// generator of one file leaves the bytes of every other file unchanged.
    pub fn for_label(label: &str) -> Self {
        // FNV-1a over the label, mixed with the corpus seed.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in label.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h ^ SEED)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the tiny bias is irrelevant
    /// here). `n` must be > 0.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// A copy of a uniformly chosen element.
    pub fn choose<T: Copy>(&mut self, xs: &[T]) -> T {
        *self.pick(xs)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// `n` characters drawn from `alphabet` (ASCII).
    pub fn chars(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n).map(|_| char::from(*self.pick(alphabet))).collect()
    }

    pub fn digits(&mut self, n: usize) -> String {
        self.chars(n, b"0123456789")
    }

    pub fn hex(&mut self, n: usize) -> String {
        self.chars(n, b"0123456789abcdef")
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}
