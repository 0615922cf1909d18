//! Civil time formatting without a date crate: the logs need ISO 8601,
//! syslog, nginx, RFC 2822 and log4j timestamps from one synthetic clock.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
    "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// 2024-03-15T07:12:09.337Z: the synthetic logs start here (not at
/// midnight, which would make the first timestamps look like dates).
pub const START_MS: u64 = 1_710_486_729_337;

/// Broken-down UTC time.
pub struct Tm {
    pub y: i64,
    pub mo: u32,
    pub d: u32,
    pub h: u64,
    pub mi: u64,
    pub s: u64,
    pub ms: u64,
    pub wd: usize,
}

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's
/// `civil_from_days`.
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn tm(epoch_ms: u64) -> Tm {
    let secs = epoch_ms / 1000;
    let days = (secs / 86_400) as i64;
    let (y, mo, d) = civil(days);
    let sod = secs % 86_400;
    Tm {
        y,
        mo,
        d,
        h: sod / 3600,
        mi: sod / 60 % 60,
        s: sod % 60,
        ms: epoch_ms % 1000,
        wd: ((days + 4) % 7) as usize,
    }
}

/// `2024-03-15T08:12:33.412Z`
pub fn iso_ms(t: u64) -> String {
    let t = tm(t);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.y, t.mo, t.d, t.h, t.mi, t.s, t.ms
    )
}

/// `2024-03-15T08:12:33Z`
pub fn iso_s(t: u64) -> String {
    let t = tm(t);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.y, t.mo, t.d, t.h, t.mi, t.s
    )
}

/// `Mar 15 08:12:33` (day padded with a space, as syslog does).
pub fn syslog(t: u64) -> String {
    let t = tm(t);
    format!(
        "{} {:>2} {:02}:{:02}:{:02}",
        MONTHS[t.mo as usize - 1],
        t.d,
        t.h,
        t.mi,
        t.s
    )
}

/// `15/Mar/2024:08:12:33 +0000` (nginx `$time_local`).
pub fn nginx(t: u64) -> String {
    let t = tm(t);
    format!(
        "{:02}/{}/{}:{:02}:{:02}:{:02} +0000",
        t.d,
        MONTHS[t.mo as usize - 1],
        t.y,
        t.h,
        t.mi,
        t.s
    )
}

/// `Fri, 15 Mar 2024 08:12:33 +0000` (mail `Date:` header).
pub fn rfc2822(t: u64) -> String {
    let t = tm(t);
    format!(
        "{}, {} {} {} {:02}:{:02}:{:02} +0000",
        WEEKDAYS[t.wd],
        t.d,
        MONTHS[t.mo as usize - 1],
        t.y,
        t.h,
        t.mi,
        t.s
    )
}

/// `2024-03-15 08:12:33,412` (log4j/logback default).
pub fn log4j(t: u64) -> String {
    let t = tm(t);
    format!(
        "{}-{:02}-{:02} {:02}:{:02}:{:02},{:03}",
        t.y, t.mo, t.d, t.h, t.mi, t.s, t.ms
    )
}

/// `081109 203615`: the HDFS log's compact date and time.
pub fn hdfs(t: u64) -> String {
    let t = tm(t);
    format!(
        "{:02}{:02}{:02} {:02}{:02}{:02}",
        t.y % 100,
        t.mo,
        t.d,
        t.h,
        t.mi,
        t.s
    )
}
