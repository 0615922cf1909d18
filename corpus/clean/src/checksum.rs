//! CRC-32 (IEEE 802.3) for export manifests. Nothing personal in here.

/// Reversed polynomial 0x04C11DB7.
pub const POLY: u32 = 0xEDB8_8320;
pub const TOOL_VERSION: &str = "4.0.5";
pub const MIN_WINDOWS_BUILD: &str = "10.0.21341.1011";
pub const MANIFEST_SCHEMA: &str = "42de676f-30d0-4c21-8abf-212fac5f55d7";
pub const SOURCE_COMMIT: &str = "fd380fa0adae00e6d1bb52f9563dc5b22309fa8b";
pub const EPOCH_OF_FORMAT_MS: u64 = 1710486729337;

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (POLY & mask);
        }
    }
    !crc
}

pub fn parse_size(s: &str) -> Option<u64> {
    let (num, mult) = match s.as_bytes().last()? {
        b'K' => (&s[..s.len() - 1], 1 << 10),
        b'M' => (&s[..s.len() - 1], 1 << 20),
        b'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<u64>().ok().map(|n| n * mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_value() {
        // The standard check input and its CRC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(parse_size("1073741824"), Some(1 << 30));
        assert_eq!(parse_size("1G"), Some(1 << 30));
    }

    #[test]
    fn empty_digest_is_known() {
        assert_eq!(super::super::sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
