//! Contact details that Chinese text writes without a label: a mobile
//! number bare among the words of a chat message or a register line
//! (`张伟 370203198507154413 13853241187 3号楼2单元1102`), and a flat in a
//! residential compound as building, entrance and room (`3号楼2单元1102`,
//! `5号楼一单元302`).
//!
//! Eleven plain digits from `13` to `19` are as often an order or a chip
//! number in other text, and a digit-led regex would cost every scan, so
//! both are read only in a file whose head is Chinese, by a byte pass.

use std::ops::Range;

use memchr::memmem::Finder;

use super::fields::FieldRule;
use super::Match;

/// Bytes of the file's head read to tell it is Chinese.
const SNIFF: usize = 4096;
/// CJK characters the head must hold.
const MIN_CJK: usize = 24;

/// The file starting with `head` is written in Chinese (or Japanese):
/// enough three-byte characters of the CJK blocks (`一` to `鿿`).
pub(crate) fn sniff(head: &[u8]) -> bool {
    let head = &head[..head.len().min(SNIFF)];
    head.windows(3)
        .filter(|w| {
            (0xE4..=0xE9).contains(&w[0])
                && (0x80..=0xBF).contains(&w[1])
                && (0x80..=0xBF).contains(&w[2])
        })
        .take(MIN_CJK)
        .count()
        == MIN_CJK
}

/// Words right before a number that say it is no phone's (`订单`
/// order, `单号`/`编号` number, `账号` account, `卡号` card, `芯片号`
/// chip), as UTF-8.
const NOT_PHONE_BEFORE: &[&str] =
    &["订单", "单号", "编号", "账号", "卡号", "芯片号", "QQ", "qq"];

/// `单元`, a building's entrance, between the building and the room.
const ENTRANCE: &str = "单元";
/// What names the building before the entrance: `号楼`, `栋`, `幢`.
const BUILDING: &[&str] = &["号楼", "栋", "幢"];
/// Chinese numerals an entrance may be written in.
const NUMERALS: &[&str] =
    &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Finds mobiles and flats in Chinese text under two catalog rules.
pub(crate) struct ChineseText {
    mobile: Option<FieldRule>,
    flat: Option<FieldRule>,
    entrance: Finder<'static>,
}

impl Default for ChineseText {
    fn default() -> ChineseText {
        ChineseText {
            mobile: None,
            flat: None,
            entrance: Finder::new(ENTRANCE),
        }
    }
}

impl ChineseText {
    /// Report bare mobiles under `rule`.
    pub(crate) fn set_mobile_rule(&mut self, rule: FieldRule) {
        self.mobile = Some(rule);
    }

    /// Report flats under `rule`.
    pub(crate) fn set_flat_rule(&mut self, rule: FieldRule) {
        self.flat = Some(rule);
    }

    /// Append the mobiles and flats starting in `body` to `out`.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        if let Some(rule) =
            self.mobile.as_ref().filter(|r| r.confidence >= min_confidence)
        {
            scan_mobiles(rule, hay, body.clone(), out);
        }
        if let Some(rule) =
            self.flat.as_ref().filter(|r| r.confidence >= min_confidence)
        {
            for at in self.entrance.find_iter(&hay[body.clone()]) {
                let at = body.start + at;
                if let Some(span) = flat_around(hay, at) {
                    if rule.accepts(&hay[span.clone()]) {
                        out.push(rule.finding(span));
                    }
                }
            }
        }
    }
}

/// Report each mobile in `body`: `1[3-9]` and nine digits, plain or
/// grouped 3-4-4 with spaces, with no digit, letter or joiner around.
fn scan_mobiles(
    rule: &FieldRule,
    hay: &[u8],
    body: Range<usize>,
    out: &mut Vec<Match>,
) {
    let mut i = body.start;
    while let Some(one) = memchr::memchr(b'1', &hay[i..body.end]) {
        i += one;
        if i > 0 && joins(hay[i - 1]) {
            i += 1;
            continue;
        }
        let Some(end) = mobile_end(hay, i) else {
            i += 1;
            continue;
        };
        if !hay.get(end).copied().is_some_and(joins)
            && !NOT_PHONE_BEFORE
                .iter()
                .any(|w| hay[..i].trim_ascii_end().ends_with(w.as_bytes()))
            && rule.accepts(&hay[i..end])
        {
            out.push(rule.finding(i..end));
        }
        i = end;
    }
}

/// A byte that joins a number to what is around it: a digit, a letter,
/// or a separator of ids, decimals and masks.
fn joins(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'*' | b'_' | b'/')
}

/// The end of a mobile number starting at `at`, if one does.
fn mobile_end(hay: &[u8], at: usize) -> Option<usize> {
    let digits = |from: usize, n: usize| {
        hay.get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    if !matches!(hay.get(at + 1), Some(b'3'..=b'9')) {
        return None;
    }
    if digits(at, 11) {
        return Some(at + 11);
    }
    // `139 6398 2046`
    let spaced = digits(at, 3)
        && hay.get(at + 3) == Some(&b' ')
        && digits(at + 4, 4)
        && hay.get(at + 8) == Some(&b' ')
        && digits(at + 9, 4);
    spaced.then_some(at + 13)
}

/// The flat whose entrance word (`单元`) starts at `at`: the building's
/// number and word before it, the entrance's number, the room after.
fn flat_around(hay: &[u8], at: usize) -> Option<Range<usize>> {
    // The entrance's number: digits or one Chinese numeral.
    let mut start = at;
    let digits_before =
        hay[..start].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits_before) {
        start -= digits_before;
    } else {
        let numeral =
            NUMERALS.iter().find(|n| hay[..start].ends_with(n.as_bytes()))?;
        start -= numeral.len();
    }
    let building =
        BUILDING.iter().find(|w| hay[..start].ends_with(w.as_bytes()))?;
    start -= building.len();
    let number =
        hay[..start].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&number) {
        return None;
    }
    start -= number;
    // The room: three or four digits, perhaps `室`.
    let room_start = at + ENTRANCE.len();
    let room = hay[room_start..]
        .iter()
        .take(5)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(3..=4).contains(&room) {
        return None;
    }
    let mut end = room_start + room;
    if hay[end..].starts_with("室".as_bytes()) {
        end += "室".len();
    }
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(text: &str) -> Option<&str> {
        let at = text.find(ENTRANCE)?;
        flat_around(text.as_bytes(), at).map(|r| &text[r])
    }

    #[test]
    fn flats_of_a_residential_compound() {
        assert_eq!(flat("张伟 3号楼2单元1102 泰迪"), Some("3号楼2单元1102"));
        assert_eq!(flat("住5号楼一单元302室，"), Some("5号楼一单元302室"));
        assert_eq!(flat("10栋2单元1501"), Some("10栋2单元1501"));
        assert_eq!(flat("第2单元测验"), None);
        assert_eq!(flat("3号楼2单元"), None);
    }

    #[test]
    fn mobiles_end_where_the_number_does() {
        assert_eq!(mobile_end(b"13853241187 ", 0), Some(11));
        assert_eq!(mobile_end(b"139 6398 2046", 0), Some(13));
        assert_eq!(mobile_end(b"12853241187", 0), None);
        assert_eq!(mobile_end(b"1385324118", 0), None);
    }

    #[test]
    fn chinese_heads() {
        assert!(sniff(
            "微信群聊记录导出\n群名称：幸福里小区犬只登记群（37人）\n时间范围"
                .as_bytes()
        ));
        assert!(!sniff(b"2024-11-04 19:10:22 INFO started 13853241187"));
    }
}
