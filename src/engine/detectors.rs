//! Built-in detectors: match sources that are not regexes.
//!
//! Some rules are found by code rather than by the automata: person names
//! from gazetteers, shape and context ([`super::names`]) and the logins
//! before them ([`super::owner_logins`]), values of
//! CSV columns whose header vouches for them ([`super::fields`]), the
//! fields of HL7 v2 feeds ([`super::hl7`]), the properties of vCard and
//! iCalendar files ([`super::vcard`]), GEDCOM family trees
//! ([`super::gedcom`]), the elements of airline
//! reservations ([`super::pnr`]), DICOM header dumps ([`super::dicom`]),
//! X12 EDI interchanges ([`super::x12`]), EDIFACT passenger lists
//! ([`super::edifact`]), ACH files ([`super::nacha`]), SWIFT
//! messages ([`super::swift`]), IRS FIRE files ([`super::fire`]),
//! Spanish direct-debit files ([`super::n19`]) and withholding returns
//! ([`super::modelo190`]), Brazilian CNAB 240 bank
//! files ([`super::cnab240`]) and DIRF returns ([`super::dirf`]), Indian
//! EPFO uploads ([`super::epfo`]),
//! German xDT files
//! ([`super::xdt`]), CESP transaction files ([`super::cesp`]),
//! desk phones' provisioning file names ([`super::provisioning`]),
//! tax reports' TIN elements ([`super::tin_elements`]), values after
//! markers in audit records, job logs, kintone records and `exiftool`
//! output ([`super::marked_values`]),
//! fixed-width records laid out by their contents
//! ([`super::fixed_records`]) and chat exports ([`super::chat`]). Such a
//! rule is still written in a pattern file, under an id a detector claims
//! ([`Detectors::claim`]: a record detector's `Role::of_rule`, or one of
//! the name and column rules): the file gives its kind, scores, context
//! words and examples, and its regex is the shape every finding must
//! match whole.
//! A detector's matches come out sorted and are merged with the groups'
//! like one more group, so overlaps resolve the same way.
//!
//! A detector whose rule is not selected (`--only`, `--exclude-kinds`) is
//! not built and costs nothing.

use std::ops::Range;

use super::cesp;
use super::chat;
use super::chinese_text::ChineseText;
use super::cnab240;
use super::dicom;
use super::dirf;
use super::edifact;
use super::epfo;
use super::fields::{ColumnDetector, ColumnKind, FieldMap, FieldRule};
use super::fire;
use super::fixed_records;
use super::gedcom;
use super::hl7;
use super::login_pairs::LoginPairs;
use super::mail_names::MailNames;
use super::marked_values::{self, MarkedValues};
use super::modelo190;
use super::n19;
use super::nacha;
use super::names::NameDetector;
use super::owner_logins::OwnerLogins;
use super::pnr;
use super::provisioning::ProvisioningMacs;
use super::records::RoleRules;
use super::report_authors::ReportAuthors;
use super::swift;
use super::tin_elements::{self, TinElements};
use super::vcard;
use super::x12;
use super::xdt;
use super::Match;
use crate::catalog::Rule;

/// Kinds whose dense rules are kept out of the split of the id-shaped
/// rules into two automata and join the first one whole. With a single
/// dense automaton they cost 400M more instructions on the 16 MiB
/// benchmark slice (their capitalized-word and house-number states evict
/// the id rules' states from the lazy DFA cache), so they had one of
/// their own; beside half of the id rules they cost nothing more, and one
/// automaton fewer reads each chunk (see `Engine::new`).
pub(crate) const UNSPLIT_DENSE_KINDS: &[&str] =
    &["street_address", "postal_code", "username"];

/// The detectors of one engine.
#[derive(Default)]
pub(crate) struct Detectors {
    names: Option<NameDetector>,
    /// Logins before the names found (`by l.chau (Linh Chau, ...)`).
    owner_logins: Option<OwnerLogins>,
    /// Logins and names that spell each other (`cbevan (Ceri Bevan)`).
    login_pairs: Option<LoginPairs>,
    /// Names in the cells beside an e-mail address spelled from them.
    mail_names: Option<MailNames>,
    /// The rules that find e-mail addresses, which `mail_names` reads.
    email_rules: Vec<usize>,
    /// Logins of whoever exported or printed a report (`Exported by
    /// gmacleod`).
    report_authors: Option<ReportAuthors>,
    /// Desk phones' MAC addresses naming their provisioning files.
    provisioning: Option<ProvisioningMacs>,
    /// Taxpayer ids in tax reports' TIN elements, by issuing country.
    tin_elements: Option<RoleRules<{ tin_elements::ROLES }>>,
    tin_finder: Option<TinElements>,
    marked: Option<RoleRules<{ marked_values::ROLES }>>,
    marked_finder: Option<MarkedValues>,
    /// Bare mobiles and flats in Chinese text.
    chinese_text: Option<ChineseText>,
    columns: Option<ColumnDetector>,
    hl7: Option<RoleRules<{ hl7::ROLES }>>,
    vcard: Option<RoleRules<{ vcard::ROLES }>>,
    gedcom: Option<RoleRules<{ gedcom::ROLES }>>,
    pnr: Option<RoleRules<{ pnr::ROLES }>>,
    dicom: Option<RoleRules<{ dicom::ROLES }>>,
    x12: Option<RoleRules<{ x12::ROLES }>>,
    edifact: Option<RoleRules<{ edifact::ROLES }>>,
    nacha: Option<RoleRules<{ nacha::ROLES }>>,
    fire: Option<RoleRules<{ fire::ROLES }>>,
    n19: Option<RoleRules<{ n19::ROLES }>>,
    modelo190: Option<RoleRules<{ modelo190::ROLES }>>,
    cnab240: Option<RoleRules<{ cnab240::ROLES }>>,
    dirf: Option<RoleRules<{ dirf::ROLES }>>,
    epfo: Option<RoleRules<{ epfo::ROLES }>>,
    xdt: Option<RoleRules<{ xdt::ROLES }>>,
    cesp: Option<RoleRules<{ cesp::ROLES }>>,
    fixed_records: Option<RoleRules<{ fixed_records::ROLES }>>,
    chat: Option<RoleRules<{ chat::ROLES }>>,
    swift: Option<RoleRules<{ swift::ROLES }>>,
}

impl Detectors {
    /// Take rule `index` if a detector serves it; false otherwise.
    pub(crate) fn claim(&mut self, index: usize, rule: &Rule) -> bool {
        let id = rule.id.as_str();
        if rule.kind.id == "email" {
            self.email_rules.push(index);
        }
        let by_record =
            take(&mut self.hl7, hl7::Role::of_rule(id), index, rule)
                || take(
                    &mut self.vcard,
                    vcard::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(
                    &mut self.gedcom,
                    gedcom::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(&mut self.pnr, pnr::Role::of_rule(id), index, rule)
                || take(
                    &mut self.dicom,
                    dicom::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(&mut self.x12, x12::Role::of_rule(id), index, rule)
                || take(
                    &mut self.edifact,
                    edifact::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(
                    &mut self.nacha,
                    nacha::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(
                    &mut self.swift,
                    swift::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(&mut self.fire, fire::Role::of_rule(id), index, rule)
                || take(&mut self.n19, n19::Role::of_rule(id), index, rule)
                || take(
                    &mut self.modelo190,
                    modelo190::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(&mut self.dirf, dirf::Role::of_rule(id), index, rule)
                || take(
                    &mut self.cnab240,
                    cnab240::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(&mut self.epfo, epfo::Role::of_rule(id), index, rule)
                || take(&mut self.xdt, xdt::Role::of_rule(id), index, rule)
                || take(&mut self.cesp, cesp::Role::of_rule(id), index, rule)
                || take(
                    &mut self.fixed_records,
                    fixed_records::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(&mut self.chat, chat::Role::of_rule(id), index, rule)
                || take(
                    &mut self.tin_elements,
                    tin_elements::Role::of_rule(id),
                    index,
                    rule,
                )
                || take(
                    &mut self.marked,
                    marked_values::Role::of_rule(id),
                    index,
                    rule,
                );
        if by_record {
            if self.tin_elements.is_some() {
                self.tin_finder.get_or_insert_with(TinElements::new);
            }
            if self.marked.is_some() {
                self.marked_finder.get_or_insert_with(MarkedValues::new);
            }
            return true;
        }
        let column = match id {
            "person-name" => {
                self.names = Some(NameDetector::new(index, rule));
                return true;
            }
            "username-before-name" => {
                self.owner_logins = Some(OwnerLogins::new(index, rule));
                return true;
            }
            "username-beside-name" => {
                self.login_pairs
                    .get_or_insert_with(LoginPairs::default)
                    .set_login_rule(index, rule);
                return true;
            }
            "person-name-beside-email" => {
                self.mail_names =
                    Some(MailNames::new(FieldRule::new(index, rule)));
                return true;
            }
            "username-report-author" => {
                self.report_authors =
                    Some(ReportAuthors::new(FieldRule::new(index, rule)));
                return true;
            }
            "mac-address-provisioning" => {
                self.provisioning =
                    Some(ProvisioningMacs::new(FieldRule::new(index, rule)));
                return true;
            }
            "phone-cn-mobile-in-text" => {
                self.chinese_text
                    .get_or_insert_with(ChineseText::default)
                    .set_mobile_rule(FieldRule::new(index, rule));
                return true;
            }
            "street-address-cn-flat" => {
                self.chinese_text
                    .get_or_insert_with(ChineseText::default)
                    .set_flat_rule(FieldRule::new(index, rule));
                return true;
            }
            "person-name-beside-login" => {
                self.login_pairs
                    .get_or_insert_with(LoginPairs::default)
                    .set_name_rule(index, rule);
                return true;
            }
            "postal-code-field" => ColumnKind::Postal,
            "username-field" => ColumnKind::Username,
            "geo-latitude-field" => ColumnKind::Latitude,
            "geo-longitude-field" => ColumnKind::Longitude,
            "geo-pair-field" => ColumnKind::Coordinates,
            "session-cookie-field" => ColumnKind::Session,
            "street-address-field" => ColumnKind::Street,
            "phone-field" => ColumnKind::Phone,
            "date-of-birth-field" => ColumnKind::BirthDate,
            "street-name-field" => ColumnKind::StreetName,
            "street-unit-field" => ColumnKind::Unit,
            "person-name-in-device-name" => ColumnKind::DeviceOwner,
            _ => return false,
        };
        self.columns
            .get_or_insert_with(ColumnDetector::new)
            .add(column, index, rule);
        true
    }

    /// No detector was built.
    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_none()
            && self.owner_logins.is_none()
            && self.login_pairs.is_none()
            && self.mail_names.is_none()
            && self.report_authors.is_none()
            && self.provisioning.is_none()
            && self.tin_elements.is_none()
            && self.marked.is_none()
            && self.chinese_text.is_none()
            && self.columns.is_none()
            && self.hl7.is_none()
            && self.vcard.is_none()
            && self.gedcom.is_none()
            && self.pnr.is_none()
            && self.dicom.is_none()
            && self.x12.is_none()
            && self.edifact.is_none()
            && self.nacha.is_none()
            && self.swift.is_none()
            && self.fire.is_none()
            && self.n19.is_none()
            && self.modelo190.is_none()
            && self.cnab240.is_none()
            && self.dirf.is_none()
            && self.epfo.is_none()
            && self.xdt.is_none()
            && self.cesp.is_none()
            && self.fixed_records.is_none()
            && self.chat.is_none()
    }

    /// Append each detector's matches in `body` to `out` as one run per
    /// detector, sorted here, recording each run's range in `runs`.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
        out: &mut Vec<Match>,
        runs: &mut Vec<Range<usize>>,
    ) {
        let b = || body.clone();
        let m = min_confidence;
        // The e-mail addresses the catalog found, before any detector.
        let mut emails = Vec::new();
        // A header names a table's cells: the columns read those.
        if self.mail_names.is_some() && fields.csv.is_none() {
            for run in runs.iter() {
                emails.extend(
                    out[run.clone()]
                        .iter()
                        .filter(|f| self.email_rules.contains(&f.rule))
                        .map(|f| f.span.clone()),
                );
            }
            emails.sort_by_key(|s| s.start);
        }
        // The names, then the logins before them: they read the names.
        let mut names_found = Vec::new();
        if let Some(names) = &self.names {
            push_run(out, runs, &|out| names.scan(hay, b(), fields, m, out));
            if self.owner_logins.is_some() {
                let names = runs.last().map_or(0..0, Range::clone);
                names_found.extend(out[names].iter().map(|n| n.span.clone()));
            }
        }
        if let Some(logins) = &self.owner_logins {
            push_run(out, runs, &|out| {
                logins.scan(hay, b(), &names_found, m, out)
            });
        }
        let mut run =
            |scan: &dyn Fn(&mut Vec<Match>)| push_run(out, runs, scan);
        if let Some(pairs) = &self.login_pairs {
            run(&|out| pairs.scan(hay, b(), m, out));
        }
        if let Some(mail) = &self.mail_names {
            run(&|out| mail.scan(hay, b(), &emails, m, out));
        }
        if let Some(authors) = &self.report_authors {
            run(&|out| authors.scan(hay, b(), fields.capitals, m, out));
        }
        if let Some(provisioning) = &self.provisioning {
            run(&|out| provisioning.scan(hay, b(), m, out));
        }
        if let (Some(rules), Some(finder)) =
            (&self.tin_elements, &self.tin_finder)
        {
            run(&|out| finder.scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), Some(finder)) =
            (&self.marked, &self.marked_finder)
        {
            run(&|out| finder.scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(chinese), true) = (&self.chinese_text, fields.chinese) {
            run(&|out| chinese.scan(hay, b(), m, out));
        }
        if let Some(columns) = &self.columns {
            run(&|out| columns.scan(hay, b(), fields, m, out));
        }
        if let (Some(rules), Some(d)) = (&self.hl7, fields.hl7) {
            run(&|out| hl7::scan(&mut rules.emit(hay, m, out), hay, b(), d));
        }
        if let (Some(rules), true) = (&self.vcard, fields.vcard) {
            run(&|out| vcard::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.gedcom, fields.gedcom) {
            run(&|out| gedcom::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let Some(rules) = &self.pnr {
            run(&|out| pnr::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let Some(rules) = &self.dicom {
            run(&|out| dicom::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), Some(d)) = (&self.x12, fields.x12) {
            run(&|out| x12::scan(&mut rules.emit(hay, m, out), hay, b(), d));
        }
        if let (Some(rules), Some(d)) = (&self.edifact, fields.edifact) {
            run(&|out| {
                edifact::scan(&mut rules.emit(hay, m, out), hay, b(), d)
            });
        }
        if let (Some(rules), true) = (&self.nacha, fields.nacha) {
            run(&|out| nacha::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.swift, fields.swift) {
            run(&|out| swift::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.fire, fields.fire) {
            run(&|out| fire::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.n19, fields.n19) {
            run(&|out| n19::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.modelo190, fields.modelo190) {
            run(&|out| {
                modelo190::scan(&mut rules.emit(hay, m, out), hay, b())
            });
        }
        if let (Some(rules), true) = (&self.dirf, fields.dirf) {
            run(&|out| dirf::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.cnab240, fields.cnab240) {
            run(&|out| cnab240::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), Some(layout)) = (&self.epfo, fields.epfo) {
            run(&|out| {
                epfo::scan(&mut rules.emit(hay, m, out), hay, b(), layout)
            });
        }
        if let (Some(rules), true) = (&self.xdt, fields.xdt) {
            run(&|out| xdt::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.cesp, fields.cesp) {
            run(&|out| cesp::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), Some(layout)) =
            (&self.fixed_records, &fields.fixed_records)
        {
            run(&|out| {
                fixed_records::scan(
                    &mut rules.emit(hay, m, out),
                    hay,
                    b(),
                    layout,
                )
            });
        }
        if let (Some(rules), true) = (&self.chat, fields.chat) {
            run(&|out| chat::scan(&mut rules.emit(hay, m, out), hay, b()));
        }
        if let (Some(rules), true) = (&self.chat, fields.telegram) {
            run(&|out| {
                chat::scan_telegram(&mut rules.emit(hay, m, out), hay, b())
            });
        }
    }
}

/// Append one detector's matches to `out`, sorted, recording their range
/// in `runs`.
fn push_run(
    out: &mut Vec<Match>,
    runs: &mut Vec<Range<usize>>,
    scan: &dyn Fn(&mut Vec<Match>),
) {
    let from = out.len();
    scan(out);
    out[from..].sort_by_key(|found| found.span.start);
    runs.push(from..out.len());
}

/// Put rule `index` in a record detector's rules if `role` says it serves
/// one of its roles.
fn take<R: Into<usize>, const N: usize>(
    rules: &mut Option<RoleRules<N>>,
    role: Option<R>,
    index: usize,
    rule: &Rule,
) -> bool {
    let Some(role) = role else { return false };
    rules.get_or_insert_with(RoleRules::new).add(role, index, rule);
    true
}
