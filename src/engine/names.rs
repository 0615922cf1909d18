//! Person names from gazetteers, shape and context.
//!
//! Brief overview: one pass over the bytes finds runs of capitalized words
//! on one line (`Ana María da Silva`, `J. R. Smith`, `Dr. Jane Doe`,
//! `Smith, John`). Each run is scored by what its first and last words
//! are in the name lists ([`super::gazetteer`]): a known given name
//! followed by a known surname is strong evidence, a common word that is
//! also a name (Will, May, Grant, Bill) is weak evidence, and an unknown
//! capitalized word is only shape. Context then raises the score: the
//! rule's context words near the run (`Name:`, `customer`, `holder`), a
//! greeting or sign-off right before it (`Dear`, `Thanks,`, a signature
//! line after `Kind regards,`), a title (`Mr`, `Frau`, `Sra.`), and above
//! all the field the value sits in ([`super::fields`]: a `customer_name`
//! column, a `"holder":` key). A lone capitalized word is only considered
//! with such evidence, so the common case (one capitalized word in a log
//! line) costs a table lookup per byte and nothing else.
//!
//! The idea follows Presidio's context enhancer rather than its NER
//! model: no statistical model, so the scan stays a linear pass.
//!
//! Scores are fractions of the rule's `confidence` (the score of a known
//! given name plus a known surname) and the rule's `context_boost`, so the
//! pattern file stays the one place where scores are tuned; findings below
//! the engine's threshold are dropped here. Every finding must also match
//! the rule's regex (anchored at both ends), so a pattern file can narrow
//! what the detector reports.
//!
//! What it must never do: allocate per byte or per word, or report a
//! value that does not start inside the searched body.

use std::ops::Range;

use super::context::{escaped_break_at, escaped_break_before, ContextMatcher};
use super::fields::{self, FieldMap};
use super::gazetteer::{self, Gazetteer, COMMON, GIVEN, STOP, SURNAME, TITLE};
use super::Match;
use crate::catalog::Rule;

/// Words in one run at most (`Maria da Conceição dos Santos Silva`).
const MAX_TOKENS: usize = 8;
/// Name words (not particles, initials or titles) in one name at most.
const MAX_NAME_WORDS: usize = 4;

/// Lowercase particles inside names (`van den Berg`, `da Silva`, Welsh `ap Rhys`).
pub(crate) const PARTICLES: &[&[u8]] = &[
    b"van", b"de", b"der", b"den", b"von", b"da", b"das", b"dos", b"do",
    b"del", b"della", b"di", b"du", b"le", b"la", b"ter", b"ten", b"y",
    b"bin", b"al", b"zu", b"e", b"ap",
];

/// Capitalized particles of Irish and Arabic names, read inside a run
/// only (`Ó`, `Ní`, `Nic`, `Uí`, `Mac` before an Irish surname; `El`, `Al`,
/// `Abu`, `Ben`, `Bin` before an Arabic one).
const CAPITAL_PARTICLES: &[&str] =
    &["Ó", "Ní", "Nic", "Uí", "Mac", "El", "Al", "Abu", "Ben", "Bin"];

/// Words right before a lone given name that make it one (`Dear Anna`,
/// `Thanks, James`). Lowercase.
const GREETINGS: &[&str] = &[
    "dear",
    "hi",
    "hello",
    "hey",
    "thanks",
    "cheers",
    "regards",
    "hallo",
    "liebe",
    "lieber",
    "bonjour",
    "cher",
    "chère",
    "hola",
    "estimado",
    "estimada",
    "querido",
    "querida",
    "ciao",
    "caro",
    "cara",
    "gentile",
    "beste",
    "hoi",
    "cześć",
    "witaj",
    "olá",
    "oi",
    "prezado",
    "prezada",
    "salut",
    "sincerely",
    // Thanks, as a message opens with them (`Gracias Ionel`).
    "gracias",
    "gràcies",
    "merci",
    "grazie",
    "danke",
    "obrigado",
    "obrigada",
    "dank",
];

/// Role words written right before a name (`Customer Wanjiru Kamau`,
/// `patient: Ana Lima`). Lowercase.
const LABELS: &[&str] = &[
    "customer",
    "client",
    "patient",
    "employee",
    "holder",
    "beneficiary",
    "payee",
    "payer",
    "passenger",
    "guest",
    "tenant",
    "applicant",
    "member",
    "contact",
    "attn",
    "recipient",
    "sender",
    "agent",
    "manager",
    "kunde",
    "kundin",
    "inhaber",
    "cliente",
    "titular",
    "klant",
    "klient",
    "paciente",
    // An association's officers (Polish: chair, treasurer, secretary).
    "prezes",
    "skarbnik",
    "sekretarz",
];

/// Parts of the names test and demo records are given (`DONOTUSE`,
/// `XXTESTPATIENT`, Dutch `Testpersoon`). Lowercase.
const PLACEHOLDER_PARTS: &[&str] = &[
    "donotuse",
    "dummy",
    "xxtest",
    "testpatient",
    "testperson",
    "testpersoon",
    "testuser",
];

/// A name field's value that only stands in for a person.
fn placeholder(word: &[u8]) -> bool {
    let mut lower = [0u8; 64];
    let n = word.len().min(lower.len());
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    PLACEHOLDER_PARTS
        .iter()
        .any(|p| memchr::memmem::find(&lower[..n], p.as_bytes()).is_some())
}

/// Lines that end a mail before the signature (`Kind regards,`).
/// Lowercase, without trailing punctuation.
const SIGN_OFFS: &[&str] = &[
    "thanks",
    "thank you",
    "many thanks",
    "regards",
    "kind regards",
    "best regards",
    "warm regards",
    "best",
    "best wishes",
    "cheers",
    "sincerely",
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "mit freundlichen grüßen",
    "freundliche grüße",
    "viele grüße",
    "beste grüße",
    "cordialement",
    "bien à vous",
    "bien cordialement",
    "un saludo",
    "saludos",
    "atentamente",
    "un cordial saludo",
    "met vriendelijke groet",
    "groeten",
    "vriendelijke groet",
    "cordiali saluti",
    "distinti saluti",
    "saluti",
    "z poważaniem",
    "pozdrawiam",
    "atenciosamente",
    "abraços",
    "obrigado",
    "obrigada",
    "thank you,",
    "love",
];

/// How much a field name says about a person-name value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldClass {
    /// A full name (`full_name`, `customer_name`, `holder`).
    Full,
    /// A given name alone (`first_name`, `vorname`).
    Given,
    /// A surname alone (`last_name`, `nachname`).
    Surname,
    /// Often a person, often not (`name`, `from`, `author`, `owner`).
    Generic,
    /// Places, organisations and channels (`city`, `company`, `bank`,
    /// `via`): a run of name words there is a place or a firm named
    /// after someone (`Hong Kong`, `Morgan Stanley`), not a person.
    NotPerson,
}

/// What the plain name column (`name`, `nombre`, `nom`) holding `start`
/// reads as beside its table's other columns; `AsNamed` for any other
/// field.
fn plain_column(
    hay: &[u8],
    start: usize,
    fields: &FieldMap,
) -> fields::PlainName {
    let plain = fields::PlainName::AsNamed;
    let Some(field) = fields::field_of(hay, start, fields) else {
        return plain;
    };
    let mut buf = [0u8; 48];
    let norm =
        fields::normalize_key(fields::without_party(field.name), &mut buf);
    let generic = FIELD_CLASSES
        .iter()
        .any(|(k, c)| *c == FieldClass::Generic && k.as_bytes() == norm);
    match &fields.csv {
        _ if !generic => plain,
        Some(header) if field.column => header.plain_name_reads_as(),
        Some(_) => plain,
        // An HTML or spreadsheet table's column, by its header row.
        None if field.column => {
            fields::table_plain_name(hay, start, fields).unwrap_or(plain)
        }
        // A document's key: its object's other keys beside it
        // (`<nom>Berthelot</nom><prenom>Yannick</prenom>`).
        None => sibling_keys(hay, start),
    }
}

/// Bytes read on each side of a value for its object's other keys.
const SIBLING_WINDOW: usize = 160;

/// What a plain name key holds by the keys around `at`: the given name
/// beside a surname key, the surname beside a given-name key.
fn sibling_keys(hay: &[u8], at: usize) -> fields::PlainName {
    // The object's own keys: not past a brace (another JSON object's
    // `first_name` beside a plan's `name`), and for an element's text,
    // not past its line.
    let element = at > 0 && hay[at - 1] == b'>';
    let ends = |b: &u8| matches!(b, b'{' | b'}') || (element && *b == b'\n');
    let lower = at.saturating_sub(SIBLING_WINDOW);
    let from =
        hay[lower..at].iter().rposition(ends).map_or(lower, |i| lower + i + 1);
    let upper = (at + SIBLING_WINDOW).min(hay.len());
    let to = hay[at..upper].iter().position(ends).map_or(upper, |i| at + i);
    // The keys: words before a `"`, `'` (a Python dict's), `>`, `=` or
    // `:`.
    let window = &hay[from..to];
    let key_byte = |b: &u8| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-') || *b >= 0x80
    };
    let keys = window
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'"' | b'\'' | b'>' | b'=' | b':'))
        .map(|(end, _)| {
            let start = window[..end]
                .iter()
                .rposition(|b| !key_byte(b))
                .map_or(0, |i| i + 1);
            &window[start..end]
        })
        .filter(|key| !key.is_empty());
    fields::PlainName::beside(keys)
}

/// Normalized field names (see [`fields::normalize_key`]) and what they
/// hold. Several languages, where cheap.
const FIELD_CLASSES: &[(&str, FieldClass)] = &[
    ("fullname", FieldClass::Full),
    ("customername", FieldClass::Full),
    ("clientname", FieldClass::Full),
    ("customer", FieldClass::Full),
    ("client", FieldClass::Full),
    ("holder", FieldClass::Full),
    ("holdername", FieldClass::Full),
    ("accountholder", FieldClass::Full),
    ("accountholdername", FieldClass::Full),
    ("cardholder", FieldClass::Full),
    ("cardholdername", FieldClass::Full),
    ("beneficiary", FieldClass::Full),
    // An Indian licence tracker's owner, and the father or husband its
    // forms ask for (`Father / Husband`).
    ("proprietor", FieldClass::Full),
    // Who orders an Italian bank transfer (`ordinante`).
    ("ordinante", FieldClass::Full),
    ("father", FieldClass::Full),
    ("guardian", FieldClass::Full),
    ("husband", FieldClass::Full),
    ("beneficiaryname", FieldClass::Full),
    ("payee", FieldClass::Full),
    // Whom to call (`emergency_contact`, `emergencyContactName`).
    ("emergencycontact", FieldClass::Full),
    ("emergencycontactname", FieldClass::Full),
    // Tally's bank details: the account holder a payment goes to.
    ("paymentfavouring", FieldClass::Full),
    ("favouring", FieldClass::Full),
    ("payeename", FieldClass::Full),
    ("payer", FieldClass::Full),
    ("payername", FieldClass::Full),
    ("contactname", FieldClass::Full),
    ("patient", FieldClass::Full),
    ("patientname", FieldClass::Full),
    ("employee", FieldClass::Full),
    ("employeename", FieldClass::Full),
    ("personname", FieldClass::Full),
    ("recipientname", FieldClass::Full),
    ("sendername", FieldClass::Full),
    ("legalname", FieldClass::Full),
    ("displayname", FieldClass::Full),
    // Caller ID names (CNAM) in call records.
    ("calleridname", FieldClass::Full),
    ("effectivecalleridname", FieldClass::Full),
    ("cnam", FieldClass::Full),
    ("manager", FieldClass::Generic),
    ("agent", FieldClass::Generic),
    ("assignee", FieldClass::Generic),
    ("reporter", FieldClass::Generic),
    ("approver", FieldClass::Generic),
    // Ticketing systems (ServiceNow, Jira exports) hold display names in
    // these.
    ("assignedto", FieldClass::Full),
    ("openedby", FieldClass::Full),
    ("requestedby", FieldClass::Full),
    ("requestedfor", FieldClass::Full),
    ("resolvedby", FieldClass::Full),
    ("closedby", FieldClass::Full),
    ("reviewer", FieldClass::Generic),
    ("name", FieldClass::Generic),
    // ISO 20022 payments (`<Cdtr><Nm>`, `<Dbtr><Nm>`).
    ("nm", FieldClass::Generic),
    ("from", FieldClass::Generic),
    ("author", FieldClass::Generic),
    // Office documents' properties: who saved the file last.
    ("lastauthor", FieldClass::Full),
    ("owner", FieldClass::Generic),
    ("contact", FieldClass::Generic),
    ("recipient", FieldClass::Generic),
    ("sender", FieldClass::Generic),
    ("signer", FieldClass::Generic),
    ("firstname", FieldClass::Given),
    // A passport form's `First/Middle:`.
    ("firstmiddle", FieldClass::Given),
    ("firstmiddlename", FieldClass::Given),
    ("givenname", FieldClass::Given),
    ("givennames", FieldClass::Given),
    ("firstnames", FieldClass::Given),
    // LDAP attributes (`cn: Joost van der Meulen`, `sn: van der Meulen`).
    ("cn", FieldClass::Full),
    ("sn", FieldClass::Surname),
    ("forename", FieldClass::Given),
    ("forenames", FieldClass::Given),
    ("preferredname", FieldClass::Given),
    // Short element names of forms and filings (Canada's ROE: `<FN>`,
    // `<MN>`, `<LN>`).
    ("fn", FieldClass::Given),
    ("mn", FieldClass::Given),
    ("ln", FieldClass::Surname),
    // IRS AIR filings (1094-C/1095-C): `<PersonFirstNm>`,
    // `<PersonMiddleNm>`, `<PersonLastNm>`.
    ("personfirstnm", FieldClass::Given),
    ("personmiddlenm", FieldClass::Given),
    ("personlastnm", FieldClass::Surname),
    ("middlename", FieldClass::Given),
    ("middlenames", FieldClass::Given),
    ("lastname", FieldClass::Surname),
    ("familyname", FieldClass::Surname),
    ("surname", FieldClass::Surname),
    // FHIR's HumanName (`"family": "Okafor", "given": ["Grace"]`).
    ("family", FieldClass::Surname),
    ("given", FieldClass::Given),
    // de, fr, es, it, nl, pl, pt (non-ASCII letters are dropped by the
    // key normalization: `prénom` -> `prnom`, `imię` -> `imi`).
    ("vorname", FieldClass::Given),
    ("nachname", FieldClass::Surname),
    // A partner's column beside a person's (Dutch maternity care:
    // `Partner;Tel. partner`), the midwife's.
    ("partner", FieldClass::Generic),
    ("verloskundige", FieldClass::Full),
    ("eersteverloskundige", FieldClass::Full),
    // Japanese forms split the name: family name (`姓`, read `セイ`) and
    // given name (`名`, `メイ`); a guest's companion (`同伴者`). Korean:
    // family name (`성`).
    ("姓", FieldClass::Surname),
    ("セイ", FieldClass::Surname),
    ("せい", FieldClass::Surname),
    ("名", FieldClass::Given),
    ("メイ", FieldClass::Given),
    ("めい", FieldClass::Given),
    ("同伴者", FieldClass::Full),
    ("성", FieldClass::Surname),
    ("familienname", FieldClass::Surname),
    ("geburtsname", FieldClass::Surname),
    ("kontoinhaber", FieldClass::Full),
    // A child's parent or guardian, by name (`Parent/Guardian`, Polish
    // `Rodzic/opiekun prawny`).
    ("parentguardian", FieldClass::Full),
    ("rodzicopiekunprawny", FieldClass::Full),
    ("rodzicopiekun", FieldClass::Full),
    ("opiekunprawny", FieldClass::Full),
    // French care homes: the resident's trusted person and family
    // referent (`Personne de confiance`, `Référent familial`).
    ("personnedeconfiance", FieldClass::Full),
    ("rfrentfamilial", FieldClass::Full),
    // Share registers: `Registered Name Line 1` holds a holder's name.
    ("registeredname", FieldClass::Full),
    ("registerednameline", FieldClass::Full),
    ("inhaber", FieldClass::Full),
    ("kunde", FieldClass::Full),
    ("kundenname", FieldClass::Full),
    ("prnom", FieldClass::Given),
    ("prenom", FieldClass::Given),
    ("nomdefamille", FieldClass::Surname),
    // A married name and a birth name (French forms and bordereaux).
    ("nomdusage", FieldClass::Surname),
    ("nomdenaissance", FieldClass::Surname),
    ("nommarital", FieldClass::Surname),
    ("nomdejeunefille", FieldClass::Surname),
    // Hospital admission extracts (`NOM_NAISSANCE`, `NOM_USAGE`, `PRENOMS`).
    ("nomnaissance", FieldClass::Surname),
    ("nomusage", FieldClass::Surname),
    ("prenoms", FieldClass::Given),
    ("prnoms", FieldClass::Given),
    ("titulaireducompte", FieldClass::Full),
    // The insured person a child's care is billed to (`ASSURE=`).
    ("assure", FieldClass::Full),
    ("assur", FieldClass::Full),
    ("nom", FieldClass::Generic),
    ("titulaire", FieldClass::Full),
    // A bank account's holder (`titulaireCompte`, `nomTitulaire`).
    ("titulairecompte", FieldClass::Full),
    ("nomtitulaire", FieldClass::Full),
    // Photos' metadata (`exiftool`): the camera's owner, the
    // photographer.
    ("ownername", FieldClass::Full),
    ("cameraownername", FieldClass::Full),
    ("byline", FieldClass::Full),
    ("nombre", FieldClass::Generic),
    ("apellido", FieldClass::Surname),
    ("apellidos", FieldClass::Surname),
    // Galician.
    ("apelidos", FieldClass::Surname),
    ("nombrecompleto", FieldClass::Full),
    ("titular", FieldClass::Full),
    // Polish applications: the applicant (`Wnioskodawca`).
    ("wnioskodawca", FieldClass::Full),
    // The parties to a sale or a lease (Spanish vehicle transfers, rental
    // registers): `Comprador_Nombre`, `Vendedor_Apellido1`.
    ("comprador", FieldClass::Full),
    ("compradora", FieldClass::Full),
    ("vendedor", FieldClass::Full),
    ("vendedora", FieldClass::Full),
    ("adquirente", FieldClass::Full),
    ("transmitente", FieldClass::Full),
    ("arrendatario", FieldClass::Full),
    ("inquilino", FieldClass::Full),
    ("propietario", FieldClass::Full),
    // Italian forms pair `Nome` (given) with `Cognome`; a Portuguese
    // `nome` holds the full name, which a given-name field reads too.
    ("nome", FieldClass::Given),
    ("cognome", FieldClass::Surname),
    ("nomecompleto", FieldClass::Full),
    ("intestatario", FieldClass::Full),
    // `cognNome`, `cognome_nome`: surname and given name in one field.
    ("cognnome", FieldClass::Full),
    ("cognomenome", FieldClass::Full),
    ("nomecognome", FieldClass::Full),
    // Italian registers: `Nominativo` (the name, surname first).
    ("nominativo", FieldClass::Full),
    ("naam", FieldClass::Generic),
    ("voornaam", FieldClass::Given),
    ("achternaam", FieldClass::Surname),
    ("geslachtsnaam", FieldClass::Surname),
    ("voornamen", FieldClass::Given),
    // The name someone goes by (HiX, Dutch registries).
    ("roepnaam", FieldClass::Given),
    // Who treats a patient: the attending specialist, the GP.
    ("hoofdbehandelaar", FieldClass::Full),
    ("behandelaar", FieldClass::Full),
    ("huisarts", FieldClass::Full),
    ("volledigenaam", FieldClass::Full),
    ("rekeninghouder", FieldClass::Full),
    ("imi", FieldClass::Given),
    ("imie", FieldClass::Given),
    // Polish e-Deklaracje: `ImiePierwsze` (the first given name).
    ("imiepierwsze", FieldClass::Given),
    ("imiedrugie", FieldClass::Given),
    ("imiona", FieldClass::Given),
    ("nazwisko", FieldClass::Surname),
    ("sobrenome", FieldClass::Surname),
    // A fleet's drivers (`Motorista`, `Driver Name`).
    ("motorista", FieldClass::Full),
    ("driver", FieldClass::Full),
    ("drivername", FieldClass::Full),
    ("physician", FieldClass::Full),
    ("doctor", FieldClass::Full),
    // The doctor in charge, whom to notify (French admission extracts).
    ("medecin", FieldClass::Full),
    // `Médecin traitant` (the accent is dropped when normalized).
    ("mdecin", FieldClass::Full),
    ("mdecintraitant", FieldClass::Full),
    ("medecintraitant", FieldClass::Full),
    ("aidant", FieldClass::Full),
    ("aidantprincipal", FieldClass::Full),
    ("medecinresp", FieldClass::Full),
    ("persprevenir", FieldClass::Full),
    ("personneprevenir", FieldClass::Full),
    // Where values name places, organisations or how something was sent.
    ("city", FieldClass::NotPerson),
    // Polish addresses: the town, municipality, district, province.
    ("miejscowosc", FieldClass::NotPerson),
    ("gmina", FieldClass::NotPerson),
    ("powiat", FieldClass::NotPerson),
    ("wojewodztwo", FieldClass::NotPerson),
    ("poczta", FieldClass::NotPerson),
    ("town", FieldClass::NotPerson),
    ("country", FieldClass::NotPerson),
    ("region", FieldClass::NotPerson),
    ("province", FieldClass::NotPerson),
    ("county", FieldClass::NotPerson),
    ("location", FieldClass::NotPerson),
    ("place", FieldClass::NotPerson),
    ("venue", FieldClass::NotPerson),
    ("street", FieldClass::NotPerson),
    ("streetname", FieldClass::NotPerson),
    ("company", FieldClass::NotPerson),
    ("companyname", FieldClass::NotPerson),
    ("employer", FieldClass::NotPerson),
    ("organization", FieldClass::NotPerson),
    ("organisation", FieldClass::NotPerson),
    ("org", FieldClass::NotPerson),
    ("business", FieldClass::NotPerson),
    ("businessname", FieldClass::NotPerson),
    ("merchant", FieldClass::NotPerson),
    ("merchantname", FieldClass::NotPerson),
    ("vendor", FieldClass::NotPerson),
    ("supplier", FieldClass::NotPerson),
    ("store", FieldClass::NotPerson),
    ("storename", FieldClass::NotPerson),
    ("shop", FieldClass::NotPerson),
    ("brand", FieldClass::NotPerson),
    ("product", FieldClass::NotPerson),
    ("productname", FieldClass::NotPerson),
    ("bank", FieldClass::NotPerson),
    ("bankname", FieldClass::NotPerson),
    ("institution", FieldClass::NotPerson),
    ("provider", FieldClass::NotPerson),
    ("processor", FieldClass::NotPerson),
    ("gateway", FieldClass::NotPerson),
    ("carrier", FieldClass::NotPerson),
    ("airline", FieldClass::NotPerson),
    ("hotel", FieldClass::NotPerson),
    ("via", FieldClass::NotPerson),
    ("channel", FieldClass::NotPerson),
    ("stadt", FieldClass::NotPerson),
    ("ville", FieldClass::NotPerson),
    ("ciudad", FieldClass::NotPerson),
    ("citta", FieldClass::NotPerson),
    ("firma", FieldClass::NotPerson),
    ("empresa", FieldClass::NotPerson),
    ("societe", FieldClass::NotPerson),
];

/// Evidence one word gives for its position in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grade {
    /// A common word that is no name there (Street, Service).
    Bad,
    /// Capitalized, in no list.
    Shape,
    /// In the list for the position but also a common word, or in the
    /// list for the other position.
    Weak,
    /// In the list for the position and not a common word.
    Strong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Initial,
    Particle,
    Title,
}

#[derive(Debug, Clone)]
struct Tok {
    span: Range<usize>,
    kind: TokKind,
    flags: u8,
    /// Written in capitals (`AMELIE DUBOIS` on a card): a name only with
    /// stronger evidence.
    caps: bool,
}

/// The person-name detector of one engine.
pub(crate) struct NameDetector {
    rule: usize,
    confidence: f64,
    boost: f64,
    window: usize,
    context: Option<ContextMatcher>,
    shape: fields::WholeShape,
    gazetteer: &'static Gazetteer,
}

/// Everything known around one candidate.
struct Evidence {
    context: bool,
    greeting: bool,
    field: Option<FieldClass>,
}

impl NameDetector {
    /// The detector reporting under rule `index` (`rule` is that rule).
    pub(crate) fn new(index: usize, rule: &Rule) -> NameDetector {
        NameDetector {
            rule: index,
            confidence: rule.confidence,
            boost: rule.context_boost,
            window: rule.context_window,
            context: ContextMatcher::new(&rule.context),
            shape: fields::WholeShape::new(&rule.regex),
            gazetteer: Gazetteer::builtin(),
        }
    }

    /// Append the names starting in `body` to `out`, in offset order.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        body: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
        out: &mut Vec<Match>,
    ) {
        let mut toks: Vec<Tok> = Vec::with_capacity(MAX_TOKENS);
        let mut i = body.start;
        while i < body.end {
            // Most bytes of a log are lower case, digits and punctuation:
            // skip eight at a time while none can start a name.
            if i + 8 <= body.end {
                let word = u64::from_le_bytes(
                    hay[i..i + 8].try_into().expect("eight bytes"),
                );
                let candidates = name_start_bytes(word);
                if candidates == 0 {
                    i += 8;
                    continue;
                }
                // Jump to the first byte that may start a name.
                i += candidates.trailing_zeros() as usize / 8;
            }
            let b = hay[i];
            if is_cjk_lead(b) {
                // A run of ideographs is judged once, from its start.
                let mut end = i;
                loop {
                    // `々` repeats the ideograph before it (`佐々木`).
                    while cjk_at(hay, end)
                        || (end > i && hay[end..].starts_with(ITERATION_MARK))
                    {
                        end += 3;
                    }
                    // Uyghur and other transliterated names join their
                    // parts with a middle dot (`古丽娜尔·买买提`).
                    if end > i
                        && hay[end..].starts_with(MIDDLE_DOT)
                        && cjk_at(hay, end + MIDDLE_DOT.len())
                    {
                        end += MIDDLE_DOT.len();
                        continue;
                    }
                    break;
                }
                // Japanese names part the family name from the given name
                // with a space (`佐藤 健一`, `村上 トシ子`).
                let spaced = spaced_given_name(hay, i, end);
                let found = spaced
                    .and_then(|e| self.cjk(hay, i..e, fields, min_confidence))
                    .or_else(|| self.cjk(hay, i..end, fields, min_confidence));
                if let Some(m) = found {
                    let next = m.span.end.max(i + 1);
                    if body.contains(&m.span.start) {
                        out.push(m);
                    }
                    i = next;
                    continue;
                }
                i = end.max(i + 1);
                continue;
            }
            if let Some(script) = Script::of_lead(b) {
                // A run of Cyrillic, Arabic, Indic or kana words, judged
                // once.
                let end = script.run_end(hay, i);
                if end > i {
                    if let Some(m) = self.in_script(
                        script,
                        hay,
                        i..end,
                        fields,
                        min_confidence,
                    ) {
                        if body.contains(&m.span.start) {
                            out.push(m);
                        }
                        i = end;
                        continue;
                    }
                }
                // A kana run takes the kanji after it (`ヨシ子`); no name
                // there, the kanji may open one (`叔母の伊藤 由美子さん`).
                let kanji = (script == Script::Kana)
                    .then(|| {
                        (i + 1..end)
                            .find(|&j| hay[j] & 0xC0 != 0x80 && cjk_at(hay, j))
                    })
                    .flatten();
                i = kanji.unwrap_or(end).max(i + 1);
                continue;
            }
            if !(b.is_ascii_uppercase() || may_lead_letter(b)) {
                i += 1;
                continue;
            }
            if !boundary_before(hay, i) {
                i = skip_word(hay, i);
                continue;
            }
            toks.clear();
            // Columns one space apart: a fixed-width report's, a query
            // result's under its dashes (in its rows only: the rest of a
            // job's output in capitals is no table).
            let columns = fields.fixed_width()
                || (fields.underlined
                    && fields::underlined_column_above(hay, i).is_some());
            let end = self.read_run(hay, i, columns, &mut toks);
            if toks.is_empty() {
                if let Some(m) =
                    self.initial_first(hay, i, fields, min_confidence)
                {
                    if body.contains(&m.span.start) {
                        i = m.span.end;
                        out.push(m);
                        continue;
                    }
                }
                i = skip_word(hay, i);
                continue;
            }
            // A word in capitals after a bracket is read only as a family
            // name before a given name (`(DURAND-BERTHOLET Camille)`):
            // `(MAX, MIN)`, `(LEA, LEA)` are no names.
            let bracketed = toks[0].caps
                && i > 0
                && hay[i - 1] == b'('
                && !starts_value(hay, i);
            let judged = if bracketed {
                self.caps_surname_first(hay, &toks, min_confidence)
            } else {
                self.judge(hay, &toks, fields, min_confidence)
                    .or_else(|| {
                        self.initial_last(hay, &toks, fields, min_confidence)
                    })
                    .or_else(|| {
                        self.caps_surname_first(hay, &toks, min_confidence)
                    })
            };
            if let Some(m) = judged {
                if body.contains(&m.span.start) {
                    i = m.span.end.max(i + 1);
                    out.push(m);
                    continue;
                }
            }
            i = end.max(i + 1);
        }
    }

    /// Read a run of name-like tokens starting at `start` into `toks`;
    /// returns where the run ends.
    fn read_run(
        &self,
        hay: &[u8],
        start: usize,
        fixed_width: bool,
        toks: &mut Vec<Tok>,
    ) -> usize {
        let mut pos = start;
        while let Some(tok) =
            self.read_token(hay, pos, toks.is_empty(), fixed_width)
        {
            let end = tok.span.end;
            toks.push(tok);
            pos = end;
            // Titles and initials may carry a period.
            if hay.get(pos) == Some(&b'.')
                && matches!(
                    toks.last().map(|t| t.kind),
                    Some(TokKind::Title | TokKind::Initial)
                )
            {
                pos += 1;
            }
            if toks.len() == MAX_TOKENS
                || hay.get(pos) != Some(&b' ')
                || !hay.get(pos + 1).is_some_and(|&c| {
                    c.is_ascii_alphabetic() || may_lead_letter(c)
                })
            {
                break;
            }
            pos += 1;
        }
        // A run never ends with a particle.
        while toks.last().is_some_and(|t| t.kind == TokKind::Particle) {
            toks.pop();
        }
        pos
    }

    /// One token at `pos`, if one starts there (`fixed_width`: the file
    /// is a fixed-width report, whose values may follow a single space).
    fn read_token(
        &self,
        hay: &[u8],
        pos: usize,
        first: bool,
        fixed_width: bool,
    ) -> Option<Tok> {
        let b = *hay.get(pos)?;
        if b.is_ascii_lowercase() {
            if first {
                return None;
            }
            let end = pos
                + hay[pos..]
                    .iter()
                    .take(6)
                    .take_while(|c| c.is_ascii_lowercase())
                    .count();
            let word = &hay[pos..end];
            let next = hay.get(end).copied();
            let tok = Tok {
                span: pos..end,
                kind: TokKind::Particle,
                flags: 0,
                caps: false,
            };
            return (next == Some(b' ') && PARTICLES.contains(&word))
                .then_some(tok);
        }
        // Capitalized particles inside a name (`Seán Ó Súilleabháin`,
        // `Aoife Ní Bhriain`, `Noor El Amrani`): never a run's first word,
        // and only before another capitalized word.
        if !first {
            if let Some(len) = CAPITAL_PARTICLES
                .iter()
                .map(|p| p.as_bytes())
                .find(|p| hay[pos..].starts_with(p))
                .map(<[u8]>::len)
            {
                if hay.get(pos + len) == Some(&b' ')
                    && upper_at(hay, pos + len + 1) > 0
                {
                    return Some(Tok {
                        span: pos..pos + len,
                        kind: TokKind::Particle,
                        flags: 0,
                        caps: false,
                    });
                }
            }
        }
        // An initial: one capital and a period (`J.`); `M.` may be a title.
        if b.is_ascii_uppercase()
            && hay.get(pos + 1) == Some(&b'.')
            && hay.get(pos + 2) == Some(&b' ')
        {
            let flags = self.gazetteer.flags(&hay[pos..pos + 1]);
            let kind = if flags & TITLE != 0 {
                TokKind::Title
            } else {
                TokKind::Initial
            };
            return Some(Tok { span: pos..pos + 1, kind, flags, caps: false });
        }
        // An initial without its period, inside a run: before another
        // capitalized word (`Dr A Bhattacharya`, `SHREYAS K GOWDA`) or
        // ending a field's value (`KAVYA M`, `MUTHANNA M C`: Indian
        // registers write a father's or village's initial after the
        // name). Not before a word in lower case (`Jo I think`).
        if !first && b.is_ascii_uppercase() && bare_initial_at(hay, pos) {
            return Some(Tok {
                span: pos..pos + 1,
                kind: TokKind::Initial,
                flags: 0,
                caps: false,
            });
        }
        // Initials run together (`M.J. de Wit`, `P.H. Verschoor`: Dutch
        // and Belgian records write every given name so): one token,
        // without its last period.
        let initials = hay[pos..]
            .chunks(2)
            .take(4)
            .take_while(|c| {
                c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.'
            })
            .count();
        if initials >= 2 && hay.get(pos + 2 * initials) == Some(&b' ') {
            let end = pos + 2 * initials - 1;
            return Some(Tok {
                span: pos..end,
                kind: TokKind::Initial,
                flags: 0,
                caps: false,
            });
        }
        let (end, caps) = match read_word(hay, pos) {
            Some(end) => (end, false),
            // A name in capitals is taken only as a field's value (after
            // a quote, `=`, `:`, a tab, a comma, a memo's ` - ` or a
            // fixed-width report's column gap): log levels and
            // acronyms in running text cost no lookup.
            None if !first
                || starts_value(hay, pos)
                || (pos >= 2 && &hay[pos - 2..pos] == b": ")
                || (pos >= 3 && &hay[pos - 3..pos] == b" - ")
                || (pos >= 1 && hay[pos - 1] == b'(')
                || (fixed_width && pos > 0 && hay[pos - 1] == b' ') =>
            {
                (read_caps_word(hay, pos)?, true)
            }
            None => return None,
        };
        // A particle in capitals inside a run in capitals, before another
        // word (`MARIA DAS GRACAS OLIVEIRA`, `BARBOSA DE MELO`): not one
        // of the name's words.
        if caps
            && !first
            && CAPS_PARTICLES.contains(&&hay[pos..end])
            && hay.get(end) == Some(&b' ')
            && upper_at(hay, end + 1) > 0
        {
            return Some(Tok {
                span: pos..end,
                kind: TokKind::Particle,
                flags: 0,
                caps: false,
            });
        }
        let flags = self.gazetteer.flags(&hay[pos..end]);
        // `DR`, `MS` in capitals are more often codes (`1005 DR
        // Amsterdam`) than titles, unless they open a field's value
        // (`MR DAVID JOHN HARRIS` in a share register).
        // The name after it is in capitals too (`MX Expires:` is a
        // country code before a key).
        let caps_title = caps
            && first
            && flags & GIVEN == 0
            && hay.get(end) == Some(&b' ')
            && hay.get(end + 1).is_some_and(u8::is_ascii_uppercase)
            && hay.get(end + 2).is_some_and(|b| !b.is_ascii_lowercase())
            && starts_value(hay, pos);
        let kind = if flags & TITLE != 0
            && ((!caps && (hay.get(end) == Some(&b'.') || flags & GIVEN == 0))
                || caps_title)
        {
            TokKind::Title
        } else {
            TokKind::Word
        };
        Some(Tok { span: pos..end, kind, flags, caps })
    }

    /// Score a run and return the name it holds, if any reaches
    /// `min_confidence`.
    fn judge(
        &self,
        hay: &[u8],
        toks: &[Tok],
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        // Leading greetings, labels and titles are evidence, not name.
        let mut idx = 0;
        let mut title = false;
        // The title is one letter (`M.`, which is also a town's `m.` for
        // `miasto` in a Polish address).
        let mut letter_title = false;
        let mut greeting = false;
        let mut label = false;
        while idx < toks.len() {
            let t = &toks[idx];
            match t.kind {
                TokKind::Title if idx + 1 < toks.len() => {
                    title = true;
                    letter_title = t.span.len() == 1;
                    idx += 1;
                }
                TokKind::Word if is_bad(t.flags) => {
                    let word = &hay[t.span.clone()];
                    greeting |= is_greeting(word);
                    // Only the word right before the name is its label.
                    label = fold_eq(word, LABELS);
                    idx += 1;
                }
                // A relative's title opening a sentence (`Daughter Joanna
                // holds POA`): the name follows it.
                TokKind::Word
                    if idx + 1 < toks.len()
                        && fold_eq(&hay[t.span.clone()], RELATIONS) =>
                {
                    label = false;
                    idx += 1;
                }
                _ => break,
            }
        }
        // The name runs to the first common word after it.
        let mut end = idx;
        while end < toks.len()
            && !(toks[end].kind == TokKind::Word && is_bad(toks[end].flags))
            && toks[end].kind != TokKind::Title
        {
            end += 1;
        }
        let mut name = &toks[idx..end];
        while name.last().is_some_and(|t| t.kind != TokKind::Word) {
            name = &name[..name.len() - 1];
        }
        // Capitalized words before a name (German nouns: `Mein Nachbar
        // Leon Weber`) are not part of it: start at the word that makes
        // the best first name, the earliest on a tie. The whole value of
        // a full-name field is one name (`Spouse – full legal name`:
        // `Abdirahman Mohamed Farah`).
        if name.len() > 2
            && !title
            && !self.full_field_value(hay, name, fields)
        {
            if let Some(last) = name.last() {
                let l = grade_last(last.flags);
                let pair = |first: u8| {
                    score_pair(grade_first(first), l)
                        .max(surname_first(first, last.flags))
                };
                let mut best = (pair(name[0].flags), 0);
                for (i, t) in name.iter().enumerate().take(name.len() - 1) {
                    if t.kind == TokKind::Word {
                        let s = pair(t.flags);
                        if s > best.0 {
                            best = (s, i);
                        }
                    }
                }
                name = &name[best.1..];
            }
        }
        let n_words = name.iter().filter(|t| t.kind == TokKind::Word).count();
        if n_words == 0 || n_words > MAX_NAME_WORDS {
            return None;
        }
        if let Some(m) =
            self.caps_comma_form(hay, name, fields, min_confidence)
        {
            return Some(m);
        }
        if let Some(m) =
            self.double_surname_comma_form(hay, name, fields, min_confidence)
        {
            return Some(m);
        }
        if let Some(m) =
            self.padded_columns_form(hay, name, fields, min_confidence)
        {
            return Some(m);
        }
        if name.iter().any(|t| t.caps)
            && !self.capitals_vouched(hay, name, n_words, title, fields)
        {
            return None;
        }
        let first = &name[0];
        let last = name.last().expect("non-empty");
        let span = first.span.start..last.span.end;

        let base = if first.kind == TokKind::Initial {
            match grade_last(last.flags) {
                Grade::Strong => 0.7,
                Grade::Weak => 0.53,
                Grade::Shape => 0.41,
                Grade::Bad => return None,
            }
        } else if n_words == 1 && title {
            0.8 + 0.1 * grade_rank(grade_last(last.flags))
        } else if n_words == 1 {
            // `Smith, John`: a surname, a comma, a given name.
            if first.kind == TokKind::Word {
                if let Some(m) =
                    self.comma_form(hay, first, fields, min_confidence)
                {
                    return Some(m);
                }
            }
            return self.single(
                hay,
                span,
                last.flags,
                greeting,
                fields,
                min_confidence,
            );
        } else {
            let f = grade_first(first.flags);
            let l = grade_last(last.flags);
            let mut s =
                score_pair(f, l).max(surname_first(first.flags, last.flags));
            if s < 0.4 && self.full_field_value(hay, name, fields) {
                s = 0.4;
            }
            if title {
                s.max(0.8 + 0.1 * grade_rank(l))
            } else {
                s
            }
        };
        // Cheap exit: even the largest boost cannot reach the threshold.
        if self.confidence * base + self.boost * 1.5 < min_confidence {
            return None;
        }
        // `Charles Schwab`, `Mercedes Benz`, `Santa Clara`: name words
        // naming a firm or a place.
        if n_words >= 2 && !title {
            let mut words: [&[u8]; MAX_TOKENS] = [&[]; MAX_TOKENS];
            let mut n = 0;
            for t in name.iter().filter(|t| t.kind == TokKind::Word) {
                words[n] = &hay[t.span.clone()];
                n += 1;
            }
            if self.gazetteer.starts_not_person(&words[..n]) {
                return None;
            }
        }
        let ev = self.evidence(hay, &span, fields);
        let title_vouches = title && !letter_title;
        if ev.field == Some(FieldClass::NotPerson) && !title_vouches {
            return None;
        }
        let strong = title
            || label
            || label_before(hay, span.start)
            || self.title_before(hay, span.start)
            || mailbox_after(hay, &span, name)
            || matches!(
                ev.field,
                Some(
                    FieldClass::Given | FieldClass::Surname | FieldClass::Full
                )
            );
        // Loose evidence (a context word somewhere near, a greeting, a
        // `name` key) counts only for a run with one strong name word:
        // `Customer Support Team` near `Rose Gold` makes no name.
        let loose = base >= 0.5
            && (ev.context
                || ev.greeting
                || greeting
                || ev.field == Some(FieldClass::Generic)
                // After a phrase naming whom someone dealt with, or a
                // relative's title (`tante Nadia Haddouche`); read last,
                // as it is rarely needed.
                || cue_before(hay, span.start)
                || relation_before(hay, span.start)
                || (n_words >= 2 && list_item(hay, &span)));
        let boost = if strong {
            self.boost * 1.5
        } else if loose {
            self.boost
        } else {
            0.0
        };
        self.finish(hay, span, base, boost, min_confidence)
    }

    /// A run with words in capitals (`AMELIE DUBOIS`, `ERROR WORKER`) is
    /// a name only as two or three known name words, all in capitals or
    /// a known surname in capitals before given names (`LI Wei`), with a
    /// field or context word vouching for them, or as one word in a
    /// surname or given-name field.
    fn capitals_vouched(
        &self,
        hay: &[u8],
        name: &[Tok],
        n_words: usize,
        title: bool,
        fields: &FieldMap,
    ) -> bool {
        let words = || name.iter().filter(|t| t.kind == TokKind::Word);
        let in_caps = words().filter(|t| t.caps).count();
        // East Asian order with the surname in capitals (`LI Wei`,
        // `PARK Ji-woo`, `TANAKA Hiroshi`): only the first word.
        let surname_in_caps = in_caps == 1
            && name[0].caps
            && n_words >= 2
            && name[0].flags & SURNAME != 0;
        let (first, last) = (&name[0], &name[name.len() - 1]);
        // Given names, then the surname in capitals (`Mohammed Arif
        // HUSSAIN`, `Saima RASHID`: British health records), the first a
        // known given name that is no common word.
        let surname_last_in_caps = in_caps == 1
            && last.caps
            && n_words >= 2
            && !first.caps
            && first.flags & GIVEN != 0
            && first.flags & (COMMON | STOP) == 0;
        // The surname in capitals first, then known given names (`CAMBON
        // Pierre`, `KOWALEWSKA Joanna`: French and Polish registers).
        let given_after_caps_surname = in_caps == 1
            && name[0].caps
            && n_words >= 2
            && name.get(1).is_some_and(|t| {
                t.kind == TokKind::Word
                    && t.flags & GIVEN != 0
                    && t.flags & (COMMON | STOP) == 0
            });
        let marked_order = surname_in_caps
            || surname_last_in_caps
            || given_after_caps_surname;
        // After a title only a surname marked by capitals counts (`Dr
        // NGUYEN Quoc Bao`): a title before words all in capitals is as
        // often a heading or a firm (`MR PRICE HOME`).
        if (title || in_caps < n_words) && !marked_order {
            // Unless a full-name field says a titled name is a holder's
            // (`MR DAVID JOHN HARRIS` under `Registered Name Line 1`).
            return title
                && in_caps == n_words
                && n_words >= 2
                && self.field_class(
                    hay,
                    word_before(hay, first.span.start),
                    fields,
                ) == Some(FieldClass::Full);
        }
        // A surname or given-name field vouches for any words in it
        // (`ADEBAYO`, `THI MAI`): forms write names that way. One word in
        // capitals needs such a field.
        let field = self.field_class(hay, first.span.start, fields);
        if matches!(field, Some(FieldClass::Surname | FieldClass::Given)) {
            return true;
        }
        // A plain name key beside a given name's holds the surname, and
        // the other way round (`NOM=GIROD|PRENOM=Lucas`).
        if field == Some(FieldClass::Generic)
            && plain_column(hay, first.span.start, fields)
                != fields::PlainName::AsNamed
        {
            return true;
        }
        // A known name word alone in a full-name or name field (`JORDI`
        // under a guest list's `NOMBRE`, `nom=MARTIN`; not the `POST` of
        // `"name": "POST /api"`).
        if n_words == 1 {
            // After a speaker's or a label's `: ` (`CUSTOMER: PAN ...`), a
            // word in capitals alone is as often an acronym.
            let at = first.span.start;
            if at >= 2 && &hay[at - 2..at] == b": " {
                return false;
            }
            let alone = field == Some(FieldClass::Full)
                || (field == Some(FieldClass::Generic)
                    && whole_value(hay, &first.span));
            return alone && first.flags & (GIVEN | SURNAME) != 0;
        }
        if self.full_field_value(hay, name, fields) {
            return true;
        }
        // The capitals mark the surname: a word that is both a given name
        // and a surname (`MARTIN Léa`, `THOMAS Chloé`) is the surname here.
        let marked = (surname_in_caps
            && last.flags & GIVEN != 0
            && last.flags & (COMMON | STOP) == 0
            && first.flags & (COMMON | STOP) == 0)
            || surname_last_in_caps;
        let known =
            score_pair(grade_first(first.flags), grade_last(last.flags))
                .max(surname_first(first.flags, last.flags))
                .max(if marked { 0.8 } else { 0.0 });
        if known < 0.8 {
            return false;
        }
        if title {
            return true;
        }
        let ev =
            self.evidence(hay, &(first.span.start..last.span.end), fields);
        ev.context
            || matches!(
                ev.field,
                Some(
                    FieldClass::Given
                        | FieldClass::Surname
                        | FieldClass::Full
                        | FieldClass::Generic
                )
            )
    }

    /// `name` is the whole value of a full-name field and holds a known
    /// name word (`<cognNome>ROSSETTI ANNAMARIA</cognNome>`, a driver
    /// column's `Kauã Henrique Batista`): the field vouches for the
    /// other words.
    fn full_field_value(
        &self,
        hay: &[u8],
        name: &[Tok],
        fields: &FieldMap,
    ) -> bool {
        let (first, last) = (&name[0], &name[name.len() - 1]);
        starts_value(hay, first.span.start)
            && whole_value(hay, &(first.span.start..last.span.end))
            && name.iter().any(|t| {
                t.kind == TokKind::Word && t.flags & (GIVEN | SURNAME) != 0
            })
            && self.field_class(hay, first.span.start, fields)
                == Some(FieldClass::Full)
    }

    /// A title the run's own tokens cannot hold ends right before
    /// `start`: written in lower case mid-sentence or shortened with
    /// periods inside (`la sig.ra Elena Rinaudo`, `Dott.ssa Paola
    /// Ferraris`, `dr. Smit`), never all in capitals.
    fn title_before(&self, hay: &[u8], start: usize) -> bool {
        if start < 2 {
            return false;
        }
        // A letter's address block puts the title on a line of its own
        // (`Herrn` above `Tobias Leimeister`).
        let own_line = hay[start - 1] == b'\n';
        let end = if own_line {
            let mut e = start - 1;
            while e > 0 && matches!(hay[e - 1], b' ' | b'\r') {
                e -= 1;
            }
            e
        } else if hay[start - 1] == b' ' {
            start - 1
        } else {
            return false;
        };
        let Some(i) = word_ending_at(hay, end, 10, |b| {
            b.is_ascii_alphabetic() || b == b'.'
        }) else {
            return false;
        };
        if own_line && !(i == 0 || matches!(hay[i - 1], b'\n' | b'{')) {
            return false;
        }
        let mut buf = [0u8; 10];
        let mut n = 0;
        for &b in hay[i..end].iter().filter(|&&b| b != b'.') {
            buf[n] = b;
            n += 1;
        }
        // `DR`, `SR` in capitals are codes (`2575 SR Den Haag`).
        n > 0
            && buf[..n].iter().any(u8::is_ascii_lowercase)
            && self.gazetteer.flags(&buf[..n]) & TITLE != 0
    }

    /// A name in Chinese characters (`王芳`, `黄志伟`): two to four CJK
    /// ideographs that are the whole value of a name field. Without the
    /// field nothing tells them from any other word, so nothing else
    /// counts.
    fn cjk(
        &self,
        hay: &[u8],
        run: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        let Range { start, end } = run;
        let value = &hay[start..end];
        let dots = memchr::memmem::find_iter(value, MIDDLE_DOT).count();
        let chars = (end - start - dots * MIDDLE_DOT.len()) / 3;
        // A relation in brackets may follow (`刘芳（妻）`, `王磊(兄)`).
        let value_ends = matches!(
            hay.get(end),
            None | Some(
                b'"' | b'\''
                    | b','
                    | b'\t'
                    | b'\n'
                    | b'\r'
                    | b'<'
                    | b' '
                    | b'('
            )
        ) || ["（", "，", "、"]
            .iter()
            .any(|w| hay[end..].starts_with(w.as_bytes()));
        let spaced = memchr::memchr(b' ', value).is_some();
        // A Japanese family name, a space and a given name, then an
        // honorific (`叔母の伊藤 由美子さん`): a person in any text.
        if spaced && dots == 0 {
            let space = start + memchr::memchr(b' ', value).unwrap_or(0);
            let honorific = HONORIFICS
                .iter()
                .filter_map(|h| {
                    memchr::memmem::find(&hay[space..end], h.as_bytes())
                })
                .min()
                .map(|i| space + i);
            if let Some(name_end) = honorific {
                // A relative before the family name (`妹小林 恵さん`: the
                // younger sister).
                let from = KINSHIP
                    .iter()
                    .find(|k| {
                        value.starts_with(k.as_bytes())
                            && space - start - k.len() >= 3
                            && space - start > 6
                    })
                    .map_or(start, |k| start + k.len());
                let family = (space - from) / 3;
                let given = hay[space + 1..name_end]
                    .iter()
                    .filter(|&&b| b & 0xC0 != 0x80)
                    .count();
                if (1..=3).contains(&family) && (1..=4).contains(&given) {
                    return self.finish(
                        hay,
                        from..name_end,
                        0.8,
                        0.0,
                        min_confidence,
                    );
                }
            }
        }
        // A relative's name in a sentence, before their id or phone
        // (`由儿子周晓东（身份证...`: by the son).
        if value_ends && !spaced && dots == 0 {
            let after_relative = CHINESE_RELATIVES
                .iter()
                .filter_map(|w| {
                    memchr::memmem::rfind(value, w.as_bytes())
                        .map(|i| start + i + w.len())
                })
                .max();
            if let Some(name) =
                after_relative.filter(|&name| before_id_number(hay, name..end))
            {
                return self.finish(hay, name..end, 0.8, 0.0, min_confidence);
            }
        }
        // A relative's name in a Korean register's family cell (`처 이지현
        // 1986.09.03`: the wife; `집사의 모친 박순자 권사`).
        if value_ends
            && !spaced
            && dots == 0
            && after_korean_relative(hay, run.clone())
        {
            return self.finish(hay, start..end, 0.8, 0.0, min_confidence);
        }
        let longest = if dots > 0 {
            12
        } else if spaced {
            6
        } else {
            4
        };
        // One ideograph is a whole family or given name only under its
        // own field (`金` under `姓`, `正` under `名`).
        if chars == 1 && value_ends && dots == 0 {
            let part = matches!(
                self.field_class(hay, start, fields),
                Some(FieldClass::Given | FieldClass::Surname)
            );
            return part
                .then(|| {
                    self.finish(
                        hay,
                        start..end,
                        0.8,
                        self.boost * 1.5,
                        min_confidence,
                    )
                })
                .flatten();
        }
        if !(2..=longest).contains(&chars)
            || !value_ends
            || CJK_NOT_NAMES
                .iter()
                .any(|w| memchr::memmem::find(value, w.as_bytes()).is_some())
        {
            return None;
        }
        self.name_field_value(hay, start..end, fields, min_confidence).or_else(
            || {
                (dots == 0 && !spaced && before_id_number(hay, start..end))
                    .then(|| {
                        self.finish(hay, start..end, 0.8, 0.0, min_confidence)
                    })
                    .flatten()
            },
        )
    }

    /// A name in Cyrillic, Arabic or an Indic script (`Шевченко`, `Олена
    /// Шевченко`, `خالد التميمي`, `ச. முருகன்`): one to four words that
    /// are the whole value of a name field, as for [`NameDetector::cjk`].
    fn in_script(
        &self,
        script: Script,
        hay: &[u8],
        run: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        let words =
            hay[run.clone()].iter().filter(|&&b| b == b' ').count() + 1;
        let value_ends = matches!(
            hay.get(run.end),
            None | Some(
                b'"' | b'\''
                    | b','
                    | b';'
                    | b'|'
                    | b'\t'
                    | b'\n'
                    | b'\r'
                    | b'<'
            )
        );
        if words > MAX_SCRIPT_WORDS
            || !value_ends
            || (run.start > 0 && hay[run.start - 1] == b' ')
        {
            return None;
        }
        // Kana only under a full name's field (`氏名フリガナ`, `連名1`): a
        // contact card's phonetic given and family names
        // (`X-PHONETIC-LAST-NAME:タナカ`) repeat a name found in letters.
        // A field that says it holds a kana reading takes a given name
        // or a surname too (`family_name_kana: "ナカムラ"`).
        if script == Script::Kana {
            let class = self.field_class(hay, run.start, fields);
            // A Japanese field (`氏名_姓`) in kana holds a foreign
            // person's name (`グエン`), and `フリガナ_セイ` a reading.
            let reading = || {
                fields::field_of(hay, run.start, fields).is_some_and(|f| {
                    let mut buf = [0u8; 48];
                    let norm = fields::normalize_key(f.name, &mut buf);
                    norm.ends_with(b"kana")
                        || norm.ends_with(b"furigana")
                        || !f.name.is_ascii()
                        || KANA_READING_FIELDS
                            .iter()
                            .any(|k| norm.ends_with(k.as_bytes()))
                })
            };
            let ok = match class {
                Some(FieldClass::Full) => true,
                Some(FieldClass::Given | FieldClass::Surname) => reading(),
                _ => false,
            };
            if !ok {
                return None;
            }
        }
        self.name_field_value(hay, run, fields, min_confidence)
    }

    /// One capitalized word: a name only with evidence that it is one (a
    /// name field, or a greeting or sign-off right before it).
    fn single(
        &self,
        hay: &[u8],
        span: Range<usize>,
        flags: u8,
        greeting: bool,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        let greeting = greeting
            || greeting_before(hay, span.start)
            || signature_line(hay, span.start);
        let field = self.field_class(hay, span.start, fields);
        if field == Some(FieldClass::NotPerson)
            || placeholder(&hay[span.clone()])
        {
            return None;
        }
        let given = grade_first(flags);
        let surname = grade_last(flags);
        // A plain name column beside a surname column holds given names
        // (`Nombre` after `Primer apellido`), beside a given-name column
        // surnames (`Nom` before `Prénom`): a well-known one alone counts
        // as in a `first_name` column.
        let paired = match field {
            None | Some(FieldClass::Full | FieldClass::Generic) => {
                plain_column(hay, span.start, fields)
            }
            _ => fields::PlainName::AsNamed,
        };
        // An unknown word counts beside a document's given-name key (an
        // object with both is a person), not in a table's column (a
        // `nombre` column lists firms too).
        let shape = if fields.csv.is_none() { 0.3 } else { 0.0 };
        let base = match (field, paired) {
            (_, fields::PlainName::Given) => pick(given, 0.6, 0.4, shape),
            (_, fields::PlainName::Surname) => pick(surname, 0.6, 0.4, shape),
            (Some(FieldClass::Given), _) => pick(given, 0.6, 0.4, 0.3),
            (Some(FieldClass::Surname), _) => pick(surname, 0.6, 0.4, 0.3),
            (Some(FieldClass::Full), _) => {
                pick(given.max(surname), 0.35, 0.12, 0.0)
            }
            // `nom=MARTIN`, `"from": "Youssef"`: a well-known name word
            // that is a plain name key's whole value.
            (Some(FieldClass::Generic), _) if whole_value(hay, &span) => {
                pick(given.max(surname), 0.3, 0.0, 0.0)
            }
            _ => 0.0,
        };
        // `Dear Wanjiru,`: an unknown word counts when the greeting phrase
        // ends right after it (not `Hi Acme team`).
        let ends_phrase = matches!(
            hay.get(span.end),
            None | Some(b',' | b'!' | b':' | b'\n' | b'\r')
        ) || escaped_break_at(hay, span.end);
        let shape = if ends_phrase { 0.25 } else { 0.1 };
        let base = if greeting {
            base.max(pick(given, 0.42, 0.18, shape))
        } else if relation_before(hay, span.start) {
            // `Daughter Joanna holds POA`, `Wife Carol handles billing`: a
            // well-known given name right after a relative's title.
            base.max(pick(given, 0.42, 0.0, 0.0))
        } else {
            base
        };
        if base == 0.0 {
            return None;
        }
        let boost = match field {
            Some(
                FieldClass::Given | FieldClass::Surname | FieldClass::Full,
            ) => self.boost * 1.5,
            _ if paired != fields::PlainName::AsNamed => self.boost * 1.5,
            _ => self.boost,
        };
        let mut found = self.finish(hay, span, base, boost, min_confidence)?;
        // A surname field's value starts at its particles (`van der
        // Meulen`).
        if field == Some(FieldClass::Surname)
            || paired == fields::PlainName::Surname
        {
            found.span.start = particles_before(hay, found.span.start);
        }
        Some(found)
    }

    /// `KOSKINEN          DALE R`: a print in capitals (a licensing
    /// system's or a mainframe's records) lays the surname and the given
    /// names out in columns padded with spaces: a surname (known, or any
    /// word in capitals before a known given name), two spaces or more,
    /// then a known given name; no common words. Each part is reported on
    /// its own, as a column's value.
    fn padded_columns_form(
        &self,
        hay: &[u8],
        name: &[Tok],
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        if !fields.capitals
            || !name.iter().all(|t| t.caps || t.kind != TokKind::Word)
        {
            return None;
        }
        let (first, last) = (&name[0], &name[name.len() - 1]);
        let known = |flags: u8, list: u8| {
            flags & list != 0 && flags & (COMMON | STOP) == 0
        };
        let n_words = name.iter().filter(|t| t.kind == TokKind::Word).count();
        let this = &hay[first.span.clone()];
        // The other column: a word in capitals, no common word; a given
        // name must be known, a surname need not (`KOSKINEN` is in no
        // list).
        let caps_column = |word: Option<&[u8]>, list: u8| {
            word.is_some_and(|w| {
                let flags = self.gazetteer.flags(w);
                w.len() >= 3
                    && w.iter().all(|b| !b.is_ascii_lowercase())
                    && flags & (COMMON | STOP) == 0
                    && (list == 0 || flags & list != 0)
                    // A town beside its province (`VALENCIA   VALENCIA`).
                    && !w.eq_ignore_ascii_case(this)
                    && !self.gazetteer.starts_not_person(&[w])
            })
        };
        let surname_column = n_words == 1
            && known(first.flags, SURNAME)
            && caps_column(word_after_padding(hay, last.span.end), GIVEN);
        // Before a word that is a surname too (`VALENCIA`, a province
        // after its town), only a known surname vouches.
        let before = word_before_padding(hay, first.span.start);
        let given_column = n_words <= 2
            && first.kind == TokKind::Word
            && this.len() >= 3
            && known(first.flags, GIVEN)
            && (caps_column(before, SURNAME)
                || (first.flags & SURNAME == 0 && caps_column(before, 0)));
        if !(surname_column || given_column) {
            return None;
        }
        self.finish(
            hay,
            first.span.start..last.span.end,
            0.6,
            0.0,
            min_confidence,
        )
    }

    /// `THOMPSON, GRAHAM ROBERT`, `SÁNCHEZ GARRE, JOSÉ ANTONIO`,
    /// `NGUYEN, Quang Minh`: one or two surnames in capitals, a comma,
    /// then up to three given names (registers and prints list people
    /// so). One of the surnames and the first given name must be known
    /// and no common word.
    fn caps_comma_form(
        &self,
        hay: &[u8],
        name: &[Tok],
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        // A print's label in capitals before the name (`CLAIMANT CHAVEZ,
        // DOLORES`) is no part of it.
        let name = match name.split_first() {
            Some((label, rest))
                if !rest.is_empty()
                    && fold_eq(&hay[label.span.clone()], PERSON_ROLES) =>
            {
                rest
            }
            _ => name,
        };
        if name.len() > 2
            || !name.iter().all(|t| t.kind == TokKind::Word && t.caps)
        {
            return None;
        }
        let surname = name.last()?;
        let p = surname.span.end;
        if hay.get(p..p + 2) != Some(b", ") {
            return None;
        }
        let only = |flags: u8, list: u8| {
            flags & list != 0 && flags & (COMMON | STOP) == 0
        };
        // A family name nobody listed, as the whole value after a print's
        // label (`APPL 1    : BRANNIGAN, SEAN P`): the given name decides.
        let labelled = hay[..name[0].span.start].ends_with(b": ");
        if !labelled && !name.iter().any(|t| only(t.flags, SURNAME)) {
            return None;
        }
        let mut end = p + 2;
        let mut givens = 0;
        while givens < 3 {
            let start = if givens == 0 { end } else { end + 1 };
            if givens > 0 && hay.get(end) != Some(&b' ') {
                break;
            }
            // The given names in capitals too, or capitalized (`NGUYEN,
            // Quang Minh`).
            let Some(word_end) =
                caps_word(hay, start).or_else(|| read_word(hay, start))
            else {
                break;
            };
            let flags = self.gazetteer.flags(&hay[start..word_end]);
            if flags & STOP != 0 || (givens == 0 && !only(flags, GIVEN)) {
                break;
            }
            end = word_end;
            givens += 1;
        }
        // A list of words (`SMITH, JOHN, BROWN`) is not one name.
        if givens == 0 || hay.get(end) == Some(&b',') {
            return None;
        }
        // Particles in capitals open the surname (`EL AMRANI`, `VAN DEN
        // BERG`).
        let mut start = name[0].span.start;
        for _ in 0..2 {
            let Some(at) = start.checked_sub(1).filter(|&i| hay[i] == b' ')
            else {
                break;
            };
            match word_ending_at(hay, at, 4, |b| b.is_ascii_uppercase()) {
                Some(word) if CAPS_PARTICLES.contains(&&hay[word..at]) => {
                    start = word;
                }
                _ => break,
            }
        }
        let span = start..end;
        let ev = self.evidence(hay, &span, fields);
        let boost = if ev.context
            || label_before(hay, span.start)
            || matches!(ev.field, Some(FieldClass::Full | FieldClass::Surname))
        {
            self.boost * 1.5
        } else {
            0.0
        };
        self.finish(hay, span, 0.82, boost, min_confidence)
    }

    /// `Mendoza Lopez, Ana Maria`: two known surnames (a Spanish-speaking
    /// family's paternal and maternal), a comma, then one or two known
    /// given names. Two surnames alone read as no name, so the comma
    /// form has to be tried on the pair.
    fn double_surname_comma_form(
        &self,
        hay: &[u8],
        name: &[Tok],
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        let known = |flags: u8, list: u8| {
            flags & list != 0 && flags & (COMMON | STOP) == 0
        };
        let [first, second] = name else { return None };
        // Both surnames, and the first no given name: in a list of full
        // names (`Owen Taylor, Matthias Clasen`) the pair is a given name
        // and a surname.
        if !name.iter().all(|t| {
            t.kind == TokKind::Word && !t.caps && known(t.flags, SURNAME)
        }) || first.flags & GIVEN != 0
        {
            return None;
        }
        let p = second.span.end;
        if hay.get(p..p + 2) != Some(b", ") {
            return None;
        }
        let mut end = read_word(hay, p + 2)?;
        if !known(self.gazetteer.flags(&hay[p + 2..end]), GIVEN) {
            return None;
        }
        if hay.get(end) == Some(&b' ') {
            if let Some(next) = read_word(hay, end + 1) {
                if known(self.gazetteer.flags(&hay[end + 1..next]), GIVEN) {
                    end = next;
                }
            }
        }
        // A list of words (`Lopez Perez, Ana, Luis`) is not one name, nor
        // is a given name with its own surname after it.
        let next_capitalized = hay.get(end) == Some(&b' ')
            && hay.get(end + 1).is_some_and(u8::is_ascii_uppercase);
        if hay.get(end) == Some(&b',') || next_capitalized {
            return None;
        }
        let span = first.span.start..end;
        let ev = self.evidence(hay, &span, fields);
        let boost = if ev.context
            || label_before(hay, span.start)
            || matches!(ev.field, Some(FieldClass::Full | FieldClass::Surname))
        {
            self.boost * 1.5
        } else {
            0.0
        };
        self.finish(hay, span, 0.8, boost, min_confidence)
    }

    /// `Smith, John` (or `Smith, John Paul`) starting with `surname`.
    fn comma_form(
        &self,
        hay: &[u8],
        surname: &Tok,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        let p = surname.span.end;
        if hay.get(p..p + 2) != Some(b", ") {
            return None;
        }
        let given_end = read_word(hay, p + 2)?;
        let given = self.gazetteer.flags(&hay[p + 2..given_end]);
        let s = grade_last(surname.flags);
        let g = grade_first(given);
        let base = match (s, g) {
            (Grade::Strong, Grade::Strong) => 0.82,
            (Grade::Strong | Grade::Weak, Grade::Strong | Grade::Weak) => 0.5,
            _ => return None,
        };
        // A list of words (`Smith, John, Brown`) is not one name.
        if hay.get(given_end) == Some(&b',') {
            return None;
        }
        let span = surname.span.start..given_end;
        let ev = self.evidence(hay, &span, fields);
        // Two weak words (`Grant, Bill`) need a name field or a label;
        // a context word somewhere near is not enough.
        let strong = label_before(hay, span.start)
            || matches!(
                ev.field,
                Some(FieldClass::Full | FieldClass::Surname)
            );
        let boost = if strong {
            self.boost * 1.5
        } else if base > 0.5 && (ev.context || ev.greeting) {
            self.boost
        } else {
            0.0
        };
        self.finish(hay, span, base, boost, min_confidence)
    }

    /// Context words, greeting or signature, and the field of `span`.
    fn evidence(
        &self,
        hay: &[u8],
        span: &Range<usize>,
        fields: &FieldMap,
    ) -> Evidence {
        let mut field = self.field_class(hay, span.start, fields);
        let signature = signature_line(hay, span.start);
        // A line holding only a name right after `Kind regards,` is a
        // signature: as strong as a name field.
        if signature && ends_line(hay, span.end) {
            field = field.or(Some(FieldClass::Full));
        }
        let greeting = signature || greeting_before(hay, span.start);
        let context = self.context.as_ref().is_some_and(|ctx| {
            let (before, after) =
                super::context_window(hay, span, self.window);
            ctx.found_in(&hay[before..span.start])
                || ctx.found_in(&hay[span.end..after])
        });
        Evidence { context, greeting, field }
    }

    fn field_class(
        &self,
        hay: &[u8],
        start: usize,
        fields: &FieldMap,
    ) -> Option<FieldClass> {
        // A value may begin with particles (`de Vries`, `van den Berg`),
        // or with a one-letter title (`M. Wrocław`).
        let mut start = particles_before(hay, start);
        if start >= 3
            && hay[start - 1] == b' '
            && hay[start - 2] == b'.'
            && hay[start - 3].is_ascii_uppercase()
            && (start == 3 || !hay[start - 4].is_ascii_alphanumeric())
        {
            start -= 3;
        }
        // Cheap filter: a field value starts after a quote, `=`, `:`,
        // `: `, a tab, a delimiter (`|` too), two spaces (one in a
        // fixed-width report) or at a line start.
        let before = if start == 0 { b'\n' } else { hay[start - 1] };
        let joint = joint_holder(hay, start);
        let ok = joint
            || hay[..start].ends_with("：".as_bytes())
            || match before {
                b'"' | b'\'' | b'=' | b':' | b'\t' | b',' | b';' | b'|'
                | b'\n' | b'>' => true,
                b' ' => {
                    start >= 2 && matches!(hay[start - 2], b':' | b'|')
                        || (fields.mybatis && hay[start - 2] == b',')
                        || hay[..start].ends_with(b"=> ")
                        || hay[..start - 1].ends_with("│".as_bytes())
                        || aligned_value(hay, start)
                        || fields.fixed_width()
                        || fields.underlined
                }
                _ => false,
            };
        if !ok {
            return None;
        }
        // A second holder's cell starts at its `+ `.
        let cell = if joint { start - 2 } else { start };
        let field = fields::field_of(hay, cell, fields)?;
        let field_name = if field.column {
            field.name
        } else {
            slash_joined(hay, field.name)
        };
        // `Applicant Name (Tamil)`: a note in parentheses says in which
        // script or form; the name before it says what the field holds.
        // A note saying `name` makes the field a name's (`Kind (naam)`:
        // the child's name).
        let name = match memchr::memchr(b'(', field_name) {
            Some(i) if field_name[..i].iter().any(u8::is_ascii_alphabetic) => {
                let note = field_name[i + 1..]
                    .split(|&b| b == b')')
                    .next()
                    .unwrap_or_default()
                    .trim_ascii();
                if fold_eq(note, NAME_NOTES) {
                    return Some(FieldClass::Full);
                }
                &field_name[..i]
            }
            _ => field_name,
        };
        // `Aidant principal / personne de confiance`: two names for one
        // field; the last says it when the whole is no known one.
        // German names both genders so (`Kontoinhaber/in`,
        // `Mitarbeiter/-in`): the field is the part before the slash.
        let name = match memchr::memrchr(b'/', name) {
            Some(i) if gender_ending(&name[i + 1..]) => &name[..i],
            Some(i) if !known_field(name) => name[i + 1..].trim_ascii(),
            _ => name,
        };
        let name = fields::without_party(name);
        let mut buf = [0u8; 48];
        let norm = fields::normalize_key(name, &mut buf);
        // `full_name_local`, `nameNative`, `NAME_AR`: the name in its own
        // script (not `titular`, a name field of its own).
        let norm = match [
            &b"local"[..],
            b"native",
            b"ar",
            b"arabic",
            b"cyrillic",
            b"kana",
            b"furigana",
        ]
        .iter()
        .find_map(|s| norm.strip_suffix(*s).filter(|n| !n.is_empty()))
        {
            Some(stripped) if !is_field_class(norm) => stripped,
            _ => norm,
        };
        // `Forename1`, `Forename2`, `name_2`: numbered fields of one kind.
        let bare = norm.trim_ascii_end();
        let unnumbered = match bare.iter().rposition(|b| !b.is_ascii_digit()) {
            Some(i) => &bare[..=i],
            None => bare,
        };
        // A vCard's `FN` is a formatted name, a company's too: the vCard
        // detector reads it, knowing which cards are companies.
        if fields.vcard && norm == b"fn" {
            return None;
        }
        let class = FIELD_CLASSES
            .iter()
            .find(|(k, _)| k.as_bytes() == norm || k.as_bytes() == unnumbered)
            .map(|(_, c)| *c);
        // `{"Name":"Force","Value":"True"}`: a setting's name.
        if class == Some(FieldClass::Generic)
            && (names_a_setting(hay, start) || names_an_element(hay, start))
        {
            return Some(FieldClass::NotPerson);
        }
        // A `name` column of a table of people is a full name; of any
        // other table (products, stores) it says nothing.
        if class == Some(FieldClass::Generic) && field.column {
            return field.people.then_some(FieldClass::Full);
        }
        // Likewise the `name` of a JSON object describing a person, or of
        // a record printed as `key: value` lines (MySQL's `\G`), or of a
        // kintone user.
        if class == Some(FieldClass::Generic)
            && ((fields.json
                && (describes_a_person(hay, start)
                    || names_a_kintone_user(hay, start)))
                || record_lines_describe_a_person(hay, start))
        {
            return Some(FieldClass::Full);
        }
        class.or_else(|| {
            // `customer_full_name`, `billing_last_name`, ...
            let ends = |s: &[u8]| norm.len() > s.len() && norm.ends_with(s);
            // `Co-applicant Name`, `Nominee Name`, `Father Name`: a
            // person's role, then `name`.
            let role_name = norm.strip_suffix(b"name").is_some_and(|role| {
                PERSON_ROLES.iter().any(|r| role.ends_with(r.as_bytes()))
            });
            if ends(b"fullname")
                || ends(b"legalname")
                || role_name
                || fields::names_who_did(field.name)
            {
                Some(FieldClass::Full)
            } else if norm == b"last" && first_beside(hay, start) {
                // A form's `Last: HOLLOWAY   First/Middle: Brenda Kay`.
                Some(FieldClass::Surname)
            } else if let Some(class) = name_object_part(hay, start, norm) {
                Some(class)
            } else if person_part(norm, b"first") {
                Some(FieldClass::Given)
            } else if person_part(norm, b"last") {
                Some(FieldClass::Surname)
            } else if ends(b"firstname")
                || ends(b"givenname")
                || ends(b"givennames")
                || ends(b"vorname")
                || ends(b"forename")
                || ends(b"forenames")
            {
                Some(FieldClass::Given)
            } else if ends(b"lastname")
                || ends(b"surname")
                || ends(b"familyname")
                || ends(b"familienname")
                || ends(b"geburtsname")
            {
                Some(FieldClass::Surname)
            } else if fields::cjk_key_ends_with(norm, CJK_PERSON_FIELDS) {
                Some(FieldClass::Full)
            } else {
                qualified_name_field(field.name)
            }
        })
    }

    /// One or two capitalized words, then a lone initial, as the whole
    /// value of a full-name field (`Muthulakshmi P`, `Antony Samy J`):
    /// South Indian records write the father's or the family's name as an
    /// initial after the given name. Nothing but the field says so.
    fn initial_last(
        &self,
        hay: &[u8],
        toks: &[Tok],
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        // The run may have read the initial itself.
        let kept = toks.len()
            - toks
                .iter()
                .rev()
                .take_while(|t| t.kind == TokKind::Initial)
                .count();
        let toks = &toks[..kept];
        let words = toks.len();
        let plain = |t: &Tok| t.kind == TokKind::Word && !t.caps;
        if !(1..=2).contains(&words) || !toks.iter().all(plain) {
            return None;
        }
        let start = toks[0].span.start;
        let end = toks[words - 1].span.end;
        let initial = end + 1;
        let mut stop = initial + 1;
        if hay.get(end) != Some(&b' ')
            || !hay.get(initial).is_some_and(u8::is_ascii_uppercase)
        {
            return None;
        }
        if hay.get(stop) == Some(&b'.') {
            stop += 1;
        }
        if !starts_value(hay, start) || !whole_value(hay, &(start..stop)) {
            return None;
        }
        self.full_field_only(hay, start..stop, fields, min_confidence)
    }

    /// A family name in capitals, then one known given name
    /// (`DURAND-BERTHOLET Camille`, `<Salarie: GONTHIER Lucas>`): how
    /// French administration and many registers write a person. The
    /// family name need not be known; it must be no common word, title or
    /// known non-person, and be four letters or more unless known.
    fn caps_surname_first(
        &self,
        hay: &[u8],
        toks: &[Tok],
        min_confidence: f64,
    ) -> Option<Match> {
        let [family, given] = toks else { return None };
        let letters = hay[family.span.clone()]
            .iter()
            .filter(|&&b| b.is_ascii_alphabetic() || b >= 0x80)
            .count();
        // Three capitals are an acronym more often (`GMP Manual`, `GNU
        // Savannah`) unless a known family name (`LEE`).
        let family_ok = family.caps
            && family.kind == TokKind::Word
            && family.flags & (COMMON | STOP | TITLE) == 0
            && (letters >= 4 || family.flags & SURNAME != 0)
            && hay[family.span.end..given.span.start] == *b" "
            && !self.gazetteer.starts_not_person(&[&hay[family.span.clone()]]);
        let given_ok = given.kind == TokKind::Word
            && !given.caps
            && given.flags & GIVEN != 0
            && given.flags & (COMMON | STOP) == 0;
        (family_ok && given_ok)
            .then(|| {
                self.finish(
                    hay,
                    family.span.start..given.span.end,
                    0.75,
                    0.0,
                    min_confidence,
                )
            })
            .flatten()
    }

    /// A lone initial, then one surname (in capitals or not), as the
    /// whole value of a full-name field: how cards write the holder
    /// (`"holder": "T WISNIEWSKI"`). As with
    /// [`NameDetector::initial_last`], nothing but the field says so.
    fn initial_first(
        &self,
        hay: &[u8],
        start: usize,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        if !hay[start].is_ascii_uppercase()
            || hay.get(start + 1) != Some(&b' ')
            || !starts_value(hay, start)
        {
            return None;
        }
        let word = start + 2;
        let end =
            read_word(hay, word).or_else(|| read_caps_word(hay, word))?;
        if !whole_value(hay, &(start..end)) {
            return None;
        }
        self.full_field_only(hay, start..end, fields, min_confidence)
    }

    /// `span` as a full-name field's whole value that nothing but the
    /// field vouches for: half the rule's score, the field's boost.
    fn full_field_only(
        &self,
        hay: &[u8],
        span: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        match self.field_class(hay, span.start, fields)? {
            FieldClass::Full => {
                self.finish(hay, span, 0.5, self.boost * 1.5, min_confidence)
            }
            _ => None,
        }
    }

    /// `span` as the whole value of a name field of any class (a name in
    /// a script the gazetteers do not read).
    fn name_field_value(
        &self,
        hay: &[u8],
        span: Range<usize>,
        fields: &FieldMap,
        min_confidence: f64,
    ) -> Option<Match> {
        match self.field_class(hay, span.start, fields)? {
            FieldClass::Full | FieldClass::Given | FieldClass::Surname => {
                self.finish(hay, span, 0.8, self.boost * 1.5, min_confidence)
            }
            _ => None,
        }
    }

    /// Final score, threshold and shape check.
    fn finish(
        &self,
        hay: &[u8],
        span: Range<usize>,
        base: f64,
        boost: f64,
        min_confidence: f64,
    ) -> Option<Match> {
        let confidence = (self.confidence * base + boost).min(1.0);
        let confidence = (confidence * 100.0).round() / 100.0;
        if confidence < min_confidence || span.is_empty() {
            return None;
        }
        let value = &hay[span.clone()];
        if !self.shape.fits(value)
            || post_office_box(value)
            || says_who_in_words(value)
            || firm_follows(hay, &span)
            || city_state_zip(hay, &span)
            || street_follows(hay, span.end)
        {
            return None;
        }
        Some(Match { span, rule: self.rule, confidence, synthetic: false })
    }
}

/// Words that make the name before them a street's (`Bhawani Singh
/// Road`, `Martin Luther King Avenue`).
const STREET_TYPES: &[&str] = &[
    "road",
    "rd",
    "street",
    "avenue",
    "ave",
    "lane",
    "boulevard",
    "blvd",
    "marg",
];

/// A street type follows the name ending at `end`.
fn street_follows(hay: &[u8], end: usize) -> bool {
    if hay.get(end) != Some(&b' ') {
        return false;
    }
    let word = &hay[end + 1..];
    let n =
        word.iter().take(12).take_while(|b| b.is_ascii_alphabetic()).count();
    n > 0
        && !word.get(n).is_some_and(u8::is_ascii_alphanumeric)
        && STREET_TYPES
            .iter()
            .any(|t| word[..n].eq_ignore_ascii_case(t.as_bytes()))
}

/// US state and territory codes.
pub(crate) const US_STATES: &[&[u8; 2]] = &[
    b"AL", b"AK", b"AZ", b"AR", b"CA", b"CO", b"CT", b"DE", b"DC", b"FL",
    b"GA", b"HI", b"ID", b"IL", b"IN", b"IA", b"KS", b"KY", b"LA", b"ME",
    b"MD", b"MA", b"MI", b"MN", b"MS", b"MO", b"MT", b"NE", b"NV", b"NH",
    b"NJ", b"NM", b"NY", b"NC", b"ND", b"OH", b"OK", b"OR", b"PA", b"RI",
    b"SC", b"SD", b"TN", b"TX", b"UT", b"VT", b"VA", b"WA", b"WV", b"WI",
    b"WY", b"PR", b"GU", b"VI",
];

/// `Columbus OH 43232`: a city, its state's code and a ZIP code, not a
/// name ending with two capitals.
fn city_state_zip(hay: &[u8], span: &Range<usize>) -> bool {
    let value = &hay[span.clone()];
    let n = value.len();
    n > 3
        && value[n - 3] == b' '
        && US_STATES.iter().any(|s| &value[n - 2..] == *s)
        && hay.get(span.end) == Some(&b' ')
        && hay
            .get(span.end + 1..span.end + 6)
            .is_some_and(|z| z.iter().all(u8::is_ascii_digit))
}

/// A word that makes a field's value a firm's name (`VO & TRAN CPAS
/// PLLC`, `Ravi Traders`, `Clínica Equilíbrio Ltda`), any case.
fn is_firm_word(word: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"ltd"
            | b"llc"
            | b"pllc"
            | b"inc"
            | b"gmbh"
            | b"corp"
            | b"plc"
            | b"llp"
            | b"pvt"
            | b"pty"
            | b"srl"
            | b"snc"
            | b"sarl"
            | b"bv"
            | b"nv"
            | b"ag"
            | b"cpas"
            | b"cpa"
            | b"traders"
            | b"enterprises"
            | b"associates"
            | b"holdings"
            | b"limited"
            | b"company"
            | b"ltda"
            | b"sl"
            | b"slu"
            | b"sas"
            | b"spa"
            | b"eireli"
    )
}

/// The name at `span` opens a field's value that holds a firm's word
/// before the value ends: the value names a firm, not a person.
fn firm_follows(hay: &[u8], span: &Range<usize>) -> bool {
    // The value may open with words before the name (`Hotel Alla Corte
    // s.n.c.`).
    let lead = hay[span.start.saturating_sub(48)..span.start]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic() || **b == b' ')
        .count();
    let value_start = span.start - lead;
    if !(starts_value(hay, span.start)
        || (lead > 0 && starts_value(hay, value_start)))
    {
        return false;
    }
    let limit = (span.end + 48).min(hay.len());
    let tail = &hay[span.start..limit];
    // The value ends at a delimiter (`&amp;` in XML is none).
    let end = (0..tail.len())
        .find(|&i| match tail[i] {
            b';' => !tail[..i].ends_with(b"&amp"),
            b => matches!(
                b,
                b'<' | b'"' | b'\t' | b'\n' | b'\r' | b'|' | b',' | b'('
            ),
        })
        .unwrap_or(tail.len());
    // A note in parentheses may say so (`Shree Shyam Namkeen
    // (partnership)`).
    let noted = tail.get(end) == Some(&b'(') && {
        let note = &tail[end + 1..];
        let n = note.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        note.get(n) == Some(&b')')
            && [&b"partnership"[..], b"firm", b"huf", b"trust"]
                .iter()
                .any(|w| note[..n].eq_ignore_ascii_case(w))
    };
    // Abbreviations keep their periods (`S.r.l.`, `s.n.c.`, `S.p.A.`).
    let dotted = |word: &[u8]| {
        let mut letters = [0u8; 12];
        let mut n = 0;
        for &b in word.iter().filter(|&&b| b != b'.') {
            if n == letters.len() {
                return false;
            }
            letters[n] = b;
            n += 1;
        }
        n < word.len() && is_firm_word(&letters[..n])
    };
    noted
        || tail[..end].split(|b| !b.is_ascii_alphabetic()).any(is_firm_word)
        || tail[..end].split(|&b| b == b' ').any(dotted)
}

/// The part after a slash is a feminine ending (`in`, `-in`, `innen`).
fn gender_ending(part: &[u8]) -> bool {
    let part = part.strip_prefix(b"-").unwrap_or(part);
    part.eq_ignore_ascii_case(b"in") || part.eq_ignore_ascii_case(b"innen")
}

/// `name` normalized is one of [`FIELD_CLASSES`].
/// A field named `name` holds a person's name (or part of one) by its
/// name alone: one of [`FIELD_CLASSES`] naming a person, or a Chinese,
/// Japanese or Korean person's field.
pub(crate) fn person_field(name: &[u8]) -> bool {
    let mut buf = [0u8; 48];
    let norm = fields::normalize_key(name, &mut buf);
    FIELD_CLASSES.iter().any(|(k, c)| {
        k.as_bytes() == norm
            && matches!(
                c,
                FieldClass::Given | FieldClass::Surname | FieldClass::Full
            )
    }) || fields::cjk_key_ends_with(norm, CJK_PERSON_FIELDS)
}

fn known_field(name: &[u8]) -> bool {
    let mut buf = [0u8; 48];
    is_field_class(fields::normalize_key(name, &mut buf))
}

/// `norm`, a normalized field name, is one of [`FIELD_CLASSES`].
fn is_field_class(norm: &[u8]) -> bool {
    FIELD_CLASSES.iter().any(|(k, _)| k.as_bytes() == norm)
}

/// A relation or `Self` where a name could stand (`Collected By: Self`,
/// `Husband`): who, said in words.
fn says_who_in_words(value: &[u8]) -> bool {
    value.len() <= 16
        && (value.eq_ignore_ascii_case(b"self") || fold_eq(value, RELATIONS))
}

/// `P.O. Box`, `P. O. Box`: initials and a capitalized word that are a
/// postal address, not a name.
fn post_office_box(value: &[u8]) -> bool {
    let mut letters = value
        .iter()
        .take(10)
        .filter(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase);
    b"pobox".iter().all(|&want| letters.next() == Some(want))
}

/// A surname then a given name (`Zhang Wei`, `Nguyen Minh`: the order
/// in Chinese, Vietnamese, Korean and Hungarian names, and in rosters):
/// as strong as the other order less a little, when each word is only in
/// its list and neither is a common word.
fn surname_first(first: u8, last: u8) -> f64 {
    let only = |flags: u8, list: u8, other: u8| {
        flags & list != 0 && flags & (other | COMMON | STOP) == 0
    };
    if only(first, SURNAME, GIVEN) && only(last, GIVEN, SURNAME) {
        0.8
    } else {
        0.0
    }
}

/// Score of a two-or-more-word name from the grades of its first and
/// last word, as a fraction of the rule's confidence.
fn score_pair(first: Grade, last: Grade) -> f64 {
    use Grade::*;
    match (first, last) {
        (Bad, _) | (_, Bad) => 0.0,
        (Strong, Strong) => 1.0,
        (Strong, Weak) => 0.8,
        (Weak, Strong) => 0.5,
        (Strong, Shape) | (Shape, Strong) => 0.53,
        (Weak, Weak) => 0.35,
        (Shape, Weak) | (Weak, Shape) => 0.2,
        (Shape, Shape) => 0.18,
    }
}

fn pick(g: Grade, strong: f64, weak: f64, shape: f64) -> f64 {
    match g {
        Grade::Strong => strong,
        Grade::Weak => weak,
        Grade::Shape => shape,
        Grade::Bad => 0.0,
    }
}

fn grade_rank(g: Grade) -> f64 {
    match g {
        Grade::Strong => 1.0,
        Grade::Weak => 0.5,
        _ => 0.0,
    }
}

/// A stop word, or a common word in no name list.
fn is_bad(flags: u8) -> bool {
    flags & STOP != 0
        || (flags & COMMON != 0 && flags & (GIVEN | SURNAME) == 0)
}

fn grade_first(flags: u8) -> Grade {
    grade(flags, GIVEN, SURNAME)
}

fn grade_last(flags: u8) -> Grade {
    grade(flags, SURNAME, GIVEN)
}

/// A word in a position where list `expected` fits (given names first,
/// surnames last) is strong evidence, one from `other` list is weak; a
/// common word weakens either, and a stop word rules it out.
fn grade(flags: u8, expected: u8, other: u8) -> Grade {
    if flags & STOP != 0 {
        return Grade::Bad;
    }
    let common = flags & COMMON != 0;
    if flags & expected != 0 {
        if common {
            Grade::Weak
        } else {
            Grade::Strong
        }
    } else if flags & other != 0 {
        if common {
            Grade::Bad
        } else {
            Grade::Weak
        }
    } else if common {
        Grade::Bad
    } else {
        Grade::Shape
    }
}

/// The high bit of each byte of `word` (little-endian) that is an ASCII
/// capital or a non-ASCII byte (SWAR: adding to the low seven bits tells
/// whether a byte is at or above `A`, and above `Z`, without carries
/// between bytes).
fn name_start_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = word & !HIGH;
    let at_least_a = low.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let above_z = low.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
    (word | (at_least_a & !above_z)) & HIGH
}

/// `b` may start the UTF-8 encoding of a CJK unified ideograph
/// (U+4E00..U+9FFF) or a Hangul syllable (U+AC00..U+D7A3).
fn is_cjk_lead(b: u8) -> bool {
    (0xE4..=0xED).contains(&b)
}

/// Scripts whose names are read as a name field's whole value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Script {
    /// U+0400..U+04FF.
    Cyrillic,
    /// U+0600..U+06FF (letters; not its digits and punctuation).
    Arabic,
    /// The scripts of India, U+0900..U+0DFF (Devanagari, Bengali,
    /// Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam,
    /// Sinhala): letters and vowel signs; not their digits and dandas.
    Indic,
    /// Japanese kana, U+3041..U+30FF (with `・` between a foreign name's
    /// parts and `ー`), and kanji after the first kana (`ヨシ子`): readings
    /// (`ヤマダ ケンイチ`) and names written in kana.
    Kana,
}

/// Most words of a name in Cyrillic, Arabic or an Indic script.
const MAX_SCRIPT_WORDS: usize = 4;

impl Script {
    /// The script whose letters' UTF-8 encoding starts with `b`.
    fn of_lead(b: u8) -> Option<Script> {
        match b {
            0xD0..=0xD3 => Some(Script::Cyrillic),
            0xD8..=0xDB => Some(Script::Arabic),
            0xE0 => Some(Script::Indic),
            0xE3 => Some(Script::Kana),
            _ => None,
        }
    }

    /// A letter of this script starts at `i`: its length.
    fn letter_at(self, hay: &[u8], i: usize) -> usize {
        let (Some(&lead), Some(&next)) = (hay.get(i), hay.get(i + 1)) else {
            return 0;
        };
        if self == Script::Kana {
            let Some(&last) = hay.get(i + 2) else { return 0 };
            let continuation = |b: u8| (0x80..=0xBF).contains(&b);
            if !(0xE3..=0xE9).contains(&lead)
                || !continuation(next)
                || !continuation(last)
            {
                return 0;
            }
            let cp = (u32::from(lead & 0x0F) << 12)
                | (u32::from(next & 0x3F) << 6)
                | u32::from(last & 0x3F);
            let kana = (0x3041..=0x30FF).contains(&cp);
            let kanji = (0x4E00..=0x9FFF).contains(&cp);
            return if kana || kanji { 3 } else { 0 };
        }
        if Script::of_lead(lead) != Some(self)
            || !(0x80..=0xBF).contains(&next)
        {
            return 0;
        }
        if self == Script::Indic {
            let Some(&last) = hay.get(i + 2) else { return 0 };
            let cp = (u32::from(next & 0x3F) << 6) | u32::from(last & 0x3F);
            // Each block's digits sit at +0x66..+0x6F; the dandas at
            // U+0964..U+0965.
            let in_block = cp & 0x7F;
            let letter = (0x0900..=0x0DFF).contains(&cp)
                && (0x80..=0xBF).contains(&last)
                && !(0x66..=0x6F).contains(&in_block)
                && !(0x0964..=0x0965).contains(&cp);
            return if letter { 3 } else { 0 };
        }
        let cp = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
        let letter = match self {
            // (Indic and kana letters were read above.)
            Script::Cyrillic | Script::Indic | Script::Kana => true,
            // Arabic-Indic digits, separators and punctuation are no
            // letters.
            Script::Arabic => {
                !(0x0660..=0x066D).contains(&cp)
                    && !(0x0600..=0x0620).contains(&cp)
                    && !(0x06D4..=0x06ED).contains(&cp)
                    && !(0x06F0..=0x06F9).contains(&cp)
            }
        };
        if letter {
            2
        } else {
            0
        }
    }

    /// Where the run of words of this script starting at `start` ends:
    /// letters (a hyphen inside a word), one space between words, an
    /// initial's period before it (`ச. முருகன்`, `О. Шевченко`).
    fn run_end(self, hay: &[u8], start: usize) -> usize {
        let mut i = start;
        let mut end = start;
        loop {
            let n = self.letter_at(hay, i);
            if n > 0 {
                i += n;
                end = i;
            } else if i > start
                && matches!(hay.get(i), Some(b' ' | b'-'))
                && self.letter_at(hay, i + 1) > 0
            {
                i += 1;
            } else if i > start
                && hay.get(i) == Some(&b'.')
                && hay.get(i + 1) == Some(&b' ')
                && self.letter_at(hay, i + 2) > 0
            {
                i += 2;
            } else {
                return end;
            }
        }
    }
}

/// U+00B7, the dot between the parts of a transliterated name.
const MIDDLE_DOT: &[u8] = "\u{b7}".as_bytes();

/// Japanese honorifics after a name: Mr or Ms, formal, (a boy's), (a
/// child's), doctor or teacher.
const HONORIFICS: &[&str] = &["さん", "様", "さま", "くん", "ちゃん", "先生"];

/// Japanese relatives written right before a name: younger and elder
/// sister and brother, mother, father, wife, husband, daughter, grandchild.
const KINSHIP: &[&str] =
    &["妹", "姉", "弟", "兄", "母", "父", "妻", "夫", "娘", "孫"];

/// U+3005, the ideographic iteration mark (`佐々木`).
const ITERATION_MARK: &[u8] = "\u{3005}".as_bytes();

/// Japanese fields of a name's reading in kana: family name, given name.
const KANA_READING_FIELDS: &[&str] = &["セイ", "メイ", "せい", "めい"];

/// The commonest Chinese family names (together some 85% of people).
const CHINESE_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Relatives named before a Chinese name (`由儿子周晓东（身份证...`: by
/// the son): son, daughter, husband, wife, father, mother.
const CHINESE_RELATIVES: &[&str] =
    &["儿子", "女儿", "丈夫", "妻子", "父亲", "母亲"];

/// The commonest Korean family names, the two-syllable ones first.
const KOREAN_SURNAMES: &[&str] = &[
    "황보", "남궁", "제갈", "선우", "독고", "사공", "서문", "김", "이", "박",
    "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
    "황", "안", "송", "류", "유", "전", "홍", "고", "문", "양", "손", "배",
    "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구",
    "민", "진", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변",
    "염", "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위",
    "표", "명", "기", "반", "왕", "금", "옥", "육", "인", "맹", "모", "탁",
    "국", "은", "편", "용", "예", "경", "봉", "라", "나",
];

/// Relatives named before a Korean name in a register (`처 이지현`): wife,
/// husband, spouse, son, daughter, eldest and second son and daughter,
/// mother, father, grandson, granddaughter, daughter- and son-in-law,
/// guardian.
const KOREAN_RELATIVES: &[&str] = &[
    "처",
    "남편",
    "아내",
    "부인",
    "배우자",
    "자",
    "녀",
    "아들",
    "딸",
    "장남",
    "차남",
    "삼남",
    "장녀",
    "차녀",
    "삼녀",
    "모친",
    "부친",
    "어머니",
    "아버지",
    "손자",
    "손녀",
    "며느리",
    "사위",
    "보호자",
    "부",
    "모",
];

/// Titles written beside a Korean name, one space away (`전도사 조은비`,
/// `황보미란 권사`, `김민수 과장`): church offices and office ranks.
const KOREAN_TITLES: &[&str] = &[
    "목사",
    "전도사",
    "장로",
    "권사",
    "집사",
    "간사",
    "교구장",
    "구역장",
    "과장",
    "부장",
    "차장",
    "대리",
    "팀장",
    "실장",
    "주임",
    "사원",
    "원장",
    "선생님",
    "담당자",
];

/// `name`, a run of Hangul syllables, is a Korean name (a common family
/// name and a given name of one or two syllables) written after a
/// relative's word and one space, the word itself opening its cell or
/// after a space, a comma or a bracket; or, three syllables or more,
/// beside a title ([`KOREAN_TITLES`]) one space away.
fn after_korean_relative(hay: &[u8], name: Range<usize>) -> bool {
    let chars = (name.end - name.start) / 3;
    let value = &hay[name.clone()];
    // A given name of one or two syllables after the family name: a
    // longer word opening with a family name's syllable is a common noun
    // (`고객센터`, the customer centre; `한빛면세점`, a shop).
    let surname = KOREAN_SURNAMES
        .iter()
        .find(|s| value.starts_with(s.as_bytes()) && value.len() > s.len());
    let given = surname.map_or(0, |s| chars - s.len() / 3);
    if !(1..=2).contains(&given)
        || !value.iter().step_by(3).all(|&b| (0xEA..=0xED).contains(&b))
        || name.start < 4
        || hay[name.start - 1] != b' '
    {
        return false;
    }
    let before = &hay[..name.start - 1];
    let word_before = |words: &[&str]| {
        words.iter().any(|w| {
            before.ends_with(w.as_bytes()) && {
                let at = before.len() - w.len();
                at == 0
                    || matches!(
                        hay[at - 1],
                        b' ' | b',' | b'(' | b'>' | b'\n' | b'\t'
                    )
            }
        })
    };
    // A title beside a name of two syllables would take common words
    // (`이번`, `정말`) too: three or more.
    let titled = chars >= 3
        && (word_before(KOREAN_TITLES)
            || hay.get(name.end) == Some(&b' ')
                && KOREAN_TITLES.iter().any(|w| {
                    let after = &hay[name.end + 1..];
                    after.starts_with(w.as_bytes())
                        && !cjk_at(hay, name.end + 1 + w.len())
                }));
    titled || word_before(KOREAN_RELATIVES)
}

/// A register's line or a chat message's name, written bare before the
/// person's resident id or mobile (`张伟 370203198507154413`, `王浩然，
/// 4101...`, `刘淑芬 身份证3702...`): two or three ideographs opening
/// with a common family name, after a line start, a space or a
/// separator, then the number after at most a separator and a label.
fn before_id_number(hay: &[u8], name: Range<usize>) -> bool {
    let chars = (name.end - name.start) / 3;
    let first = std::str::from_utf8(&hay[name.start..name.start + 3]);
    if !(2..=3).contains(&chars)
        || !first.is_ok_and(|c| CHINESE_SURNAMES.contains(c))
    {
        return false;
    }
    let opens = name.start == 0
        || matches!(hay[name.start - 1], b'\n' | b' ' | b'\t')
        || ["：", "，", "、"]
            .iter()
            .chain(CHINESE_RELATIVES)
            .any(|w| hay[..name.start].ends_with(w.as_bytes()));
    if !opens {
        return false;
    }
    let mut at = name.end;
    for _ in 0..2 {
        if let Some(sep) = [" ", ",", "，", "、", "（", "("]
            .iter()
            .find(|w| hay[at..].starts_with(w.as_bytes()))
        {
            at += sep.len();
        }
    }
    if let Some(label) = ["身份证号", "身份证", "手机号", "手机", "电话"]
        .iter()
        .find(|w| hay[at..].starts_with(w.as_bytes()))
    {
        at += label.len();
        if let Some(colon) =
            [":", "："].iter().find(|w| hay[at..].starts_with(w.as_bytes()))
        {
            at += colon.len();
        }
    }
    hay[at..].iter().take(18).take_while(|b| b.is_ascii_digit()).count() >= 11
}

/// Words in a name field's value that say it holds no name: who signed
/// for a parcel (`本人` oneself, `家人` family, `同事` a colleague, `前台`
/// the front desk, `门卫` the gatekeeper, `物业` the building office,
/// `仓` a warehouse, `快递柜` a locker, `驿站` a pick-up station,
/// `代收`/`签收` "received for"), or a company (`公司`); an insurance list's beneficiary `法定`
/// (the heirs by law) and relations (`配偶` spouse, `母亲` mother, ...).
const CJK_NOT_NAMES: &[&str] = &[
    "本人",
    "家人",
    "同事",
    "前台",
    "门卫",
    "物业",
    "保安",
    "快递柜",
    "驿站",
    "代收",
    "签收",
    // A warehouse (`仓库`, `退货仓` the returns warehouse).
    "仓",
    "公司",
    // A beneficiary column's "as by law" and relations to the insured.
    "法定",
    "配偶",
    "父亲",
    "母亲",
    "子女",
    "儿子",
    "女儿",
    "丈夫",
    "妻子",
    "员工",
];

/// The end of a given name in ideographs or kana after one space
/// following the ideographs from `start` to `end`, if one follows.
fn spaced_given_name(hay: &[u8], start: usize, end: usize) -> Option<usize> {
    if end == start || hay.get(end) != Some(&b' ') {
        return None;
    }
    let kana = |j: usize| {
        matches!(hay.get(j..j + 3), Some(&[0xE3, 0x81..=0x83, 0x80..=0xBF]))
    };
    let mut j = end + 1;
    while cjk_at(hay, j) || kana(j) {
        j += 3;
    }
    (j > end + 1).then_some(j)
}

/// A CJK unified ideograph (U+4E00..U+9FFF) or a Hangul syllable
/// (U+AC00..U+D7A3) starts at `i`.
fn cjk_at(hay: &[u8], i: usize) -> bool {
    match hay.get(i..i + 3) {
        Some(&[a, b, c]) => {
            is_cjk_lead(a)
                && (0x80..=0xBF).contains(&b)
                && (0x80..=0xBF).contains(&c)
                && (a != 0xE4 || b >= 0xB8)
                && (a != 0xEA || b >= 0xB0)
                && (a != 0xED || b < 0x9E || (b == 0x9E && c <= 0xA3))
        }
        _ => false,
    }
}

/// `b` may start the UTF-8 encoding of a letter [`gazetteer::letter_at`]
/// reads.
fn may_lead_letter(b: u8) -> bool {
    matches!(b, 0xC3..=0xC9 | 0xE1)
}

/// The capital at `i` stands alone before another capitalized word or
/// at the end of a value (a line, cell or quoted string).
fn bare_initial_at(hay: &[u8], i: usize) -> bool {
    match hay.get(i + 1) {
        None => true,
        // Not before an initial with its period (`A J. Smith` reads `J.`
        // as the initial).
        Some(b' ') => {
            upper_at(hay, i + 2) > 0 && hay.get(i + 3) != Some(&b'.')
        }
        Some(&c) => {
            matches!(c, b'\n' | b'\r' | b'"' | b',' | b'|' | b'\t' | b';')
        }
    }
}

/// Length of the upper-case letter at `i` (0 if none).
fn upper_at(hay: &[u8], i: usize) -> usize {
    match hay.get(i) {
        Some(b) if b.is_ascii_uppercase() => 1,
        Some(_) => gazetteer::letter_at(hay, i)
            .filter(|&(c, _)| gazetteer::is_upper_cp(c))
            .map_or(0, |(_, len)| len),
        None => 0,
    }
}

/// Particles of surnames written in capitals (`EL AMRANI`, `VAN DEN
/// BERG`, `DA SILVA`).
const CAPS_PARTICLES: &[&[u8]] = &[
    b"EL", b"AL", b"VAN", b"DEN", b"DER", b"DE", b"DA", b"DI", b"DOS", b"DAS",
    b"DEL", b"LA", b"LE", b"VON", b"DO",
];

/// Where a word of two or more capitals (hyphens inside) starting at
/// `pos` ends, if one does and no letter or digit follows it.
fn caps_word(hay: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos;
    let mut letters = 0;
    loop {
        let u = upper_at(hay, i);
        if u > 0 {
            i += u;
            letters += 1;
        } else if letters > 0
            && hay.get(i) == Some(&b'-')
            && upper_at(hay, i + 1) > 0
        {
            i += 1;
        } else {
            break;
        }
    }
    let ends = !hay.get(i).is_some_and(|b| b.is_ascii_alphanumeric())
        && lower_at(hay, i) == 0;
    (letters >= 2 && ends).then_some(i)
}

/// Length of the lower-case letter at `i` (0 if none).
fn lower_at(hay: &[u8], i: usize) -> usize {
    match hay.get(i) {
        Some(b) if b.is_ascii_lowercase() => 1,
        Some(_) => gazetteer::letter_at(hay, i)
            .filter(|&(c, _)| gazetteer::is_lower_cp(c))
            .map_or(0, |(_, len)| len),
        None => 0,
    }
}

/// The end of a capitalized name word at `pos` (`Smith`, `O'Brien`,
/// `Jean-Luc`, `McDonald`, `Müller`), or `None`.
fn read_word(hay: &[u8], pos: usize) -> Option<usize> {
    let u = upper_at(hay, pos);
    if u == 0 {
        return None;
    }
    let mut i = pos + u;
    let mut lowers = 0;
    loop {
        let l = lower_at(hay, i);
        if l > 0 {
            i += l;
            lowers += 1;
            continue;
        }
        // `O'Brien`, `Jean-Luc`, `d'Arc`: a joiner then a capital.
        if matches!(hay.get(i), Some(b'\'' | b'-')) && lowers > 0
            || (i == pos + u && hay.get(i) == Some(&b'\''))
        {
            let u2 = upper_at(hay, i + 1);
            if u2 > 0 && lower_at(hay, i + 1 + u2) > 0 {
                i += 1 + u2;
                continue;
            }
            // Romanized Korean given names: `Ji-hoon`, `Seo-yeon`.
            if hay[i] == b'-' && lower_at(hay, i + 1) > 0 {
                i += 1;
                continue;
            }
        }
        // `McDonald`, `MacKenzie`, `DiMaggio`, `LeBlanc`: a capital after
        // a known prefix.
        if lowers > 0
            && upper_at(hay, i) > 0
            && lower_at(hay, i + upper_at(hay, i)) > 0
        {
            let prefix = &hay[pos..i];
            if matches!(
                prefix,
                b"Mc"
                    | b"Mac"
                    | b"Di"
                    | b"De"
                    | b"Da"
                    | b"La"
                    | b"Le"
                    | b"Van"
                    | b"Von"
                    | b"Fitz"
            ) {
                i += upper_at(hay, i);
                continue;
            }
            return None;
        }
        break;
    }
    if lowers == 0 || i - pos > gazetteer::MAX_WORD {
        return None;
    }
    // What may follow a name: space, punctuation that ends a phrase, a
    // quote or bracket. Not `/`, `@`, `_`, `=`, `(`, digits, or a period
    // that continues an identifier (`Mozilla/5.0`, `java.util`).
    match hay.get(i) {
        None => Some(i),
        Some(
            b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b',' | b';' | b':'
            | b')' | b']' | b'}' | b'>' | b'<' | b'!' | b'?' | b'|',
        ) => Some(i),
        // An escaped quote (JSON inside a JSON string) or line break.
        Some(b'\\')
            if hay.get(i + 1) == Some(&b'"') || escaped_break_at(hay, i) =>
        {
            Some(i)
        }
        // HTML's escaped bracket or quote (`&lt;Salarie: Lucas Gonthier&gt;`).
        Some(b'&') if entity_at(hay, i) => Some(i),
        Some(b'.') => match hay.get(i + 1) {
            None | Some(b' ' | b'\n' | b'\r' | b'"' | b'\'' | b',' | b')') => {
                Some(i)
            }
            _ => None,
        },
        _ => None,
    }
}

/// Chinese, Korean and Japanese field names of a person, by their last
/// words:
/// name, full name, and the roles ending in 人 (sender 寄件人, recipient
/// 收件人, contact 联系人, applicant 申请人) or 员 (staff: courier 揽收员).
const CJK_PERSON_FIELDS: &[&str] = &[
    "姓名",
    "名字",
    "人",
    "员",
    // Korean: full name, name, head of household, guardian, applicant.
    "성명",
    "이름",
    "세대주",
    "보호자",
    "신청인",
    // Japanese: name, its reading in kana, joint names on a card.
    "氏名",
    "名前",
    "フリガナ",
    "ふりがな",
    "連名",
    // Japanese: the staff member in charge.
    "担当",
    "担当者",
    // Chinese: the judge, the official handling a case, the police
    // officer (`经办民警`).
    "法官",
    "民警",
    "警官",
    "承办人",
    "经办人",
];

/// Keys that only an object describing a person has beside its `name`
/// (normalized): how to reach them, who they are to someone, their birth
/// and identity documents.
const PERSON_KEYS: &[&str] = &[
    "email",
    "emailaddress",
    "msisdn",
    "mobile",
    "phone",
    "phonenumber",
    "dob",
    "dateofbirth",
    "birthdate",
    "gender",
    "relation",
    "relationship",
    "nationalid",
    "idnumber",
    "ssn",
    "passport",
];

/// Keys only a firm's or an institution's object has (tax and company
/// registration numbers, a website).
const ORGANIZATION_KEYS: &[&str] = &[
    "gstin",
    "vat",
    "vatnumber",
    "vatid",
    "ein",
    "companynumber",
    "registrationnumber",
    "website",
];

/// The quoted value starting at `at` is followed by a `Value` key: it
/// names a setting or a parameter (`{"Name":"Force","Value":"True"}`, an
/// audit log's cmdlet parameters), not a person.
fn names_a_setting(hay: &[u8], at: usize) -> bool {
    let rest = &hay[at..hay.len().min(at + 96)];
    let Some(quote) = memchr::memchr(b'"', rest) else { return false };
    let key = rest[quote..]
        .iter()
        .position(|b| !matches!(b, b'"' | b'\\' | b',' | b' '))
        .map(|i| quote + i);
    key.is_some_and(|k| {
        rest.get(k..k + 5).is_some_and(|w| w.eq_ignore_ascii_case(b"value"))
            && matches!(rest.get(k + 5), Some(b'"' | b'\\'))
    })
}

/// Elements whose `name` attribute names what they hold, not who: a
/// Lotus Notes item (`<item name='Cognome'><text>...`), a form's field,
/// a setting.
const FIELD_ELEMENTS: &[&str] = &[
    "item",
    "field",
    "column",
    "col",
    "param",
    "parameter",
    "property",
    "attribute",
    "attr",
    "entry",
    "setting",
    "option",
    "var",
    "variable",
    "input",
    "meta",
    "arg",
    "element",
    "cell",
];

/// The value at `at` is the `name` attribute of an element that holds a
/// field or a setting ([`FIELD_ELEMENTS`]).
fn names_an_element(hay: &[u8], at: usize) -> bool {
    let Some(tag) = fields::tag_before(hay, at) else { return false };
    // From the element's name to the value's opening quote.
    let tag = &hay[tag.start + 1..at - 1];
    let element_len = tag
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b':'))
        .unwrap_or(tag.len());
    let local = fields::local_name(&tag[..element_len]);
    tag.len() >= 6
        && tag[tag.len() - 6..].eq_ignore_ascii_case(b" name=")
        && FIELD_ELEMENTS
            .iter()
            .any(|e| local.eq_ignore_ascii_case(e.as_bytes()))
}

/// kintone field types whose values are users (`{"code": "k.fujii",
/// "name": "藤井 和也"}`).
const KINTONE_USER_TYPES: &[&[u8]] =
    &[b"USER_SELECT\"", b"CREATOR\"", b"MODIFIER\"", b"STATUS_ASSIGNEE\""];

/// The JSON value at `at` is the `name` of a user of a kintone record: a
/// `code` (the login) just before it, a user field's type before that.
fn names_a_kintone_user(hay: &[u8], at: usize) -> bool {
    let before = &hay[at.saturating_sub(200)..at];
    let Some(code) = memchr::memmem::rfind(before, b"\"code\":") else {
        return false;
    };
    let gap = &before[code..];
    memchr::memchr2(b'{', b'}', &gap[1..]).is_none()
        && KINTONE_USER_TYPES
            .iter()
            .any(|t| memchr::memmem::find(&before[..code], t).is_some())
}

/// The JSON string value starting at `at` is a member of an object with a
/// person's keys (`{"name": "Hodan Abdi", "relation": "sister",
/// "msisdn": ...}`) and none of a firm's.
fn describes_a_person(hay: &[u8], at: usize) -> bool {
    keys_describe_a_person(|look| {
        super::json_pairs::object_keys_around(hay, at, look)
    })
}

/// The keys `visit` hands to its callback name a person's data
/// ([`PERSON_KEYS`]) and none an organisation's.
fn keys_describe_a_person(visit: impl FnOnce(&mut dyn FnMut(&[u8]))) -> bool {
    let (mut person, mut firm) = (false, false);
    visit(&mut |key| {
        let mut buf = [0u8; 48];
        let key = fields::normalize_key(key, &mut buf);
        person |= PERSON_KEYS.iter().any(|k| k.as_bytes() == key);
        firm |= ORGANIZATION_KEYS.iter().any(|k| k.as_bytes() == key);
    });
    person && !firm
}

/// Lines read up and down from a value for the keys of its record.
const RECORD_LINES: usize = 40;

/// The value at `at` stands in a record printed as `key: value` lines
/// (MySQL's vertical `\G` output, `  name: 陈思远` under `donor_id:`,
/// above `id_card_no:`), whose other keys name a person's data and no
/// organisation's. The record runs over the lines around that are all
/// `key: value`.
fn record_lines_describe_a_person(hay: &[u8], at: usize) -> bool {
    let line_start = memchr::memrchr(b'\n', &hay[..at]).map_or(0, |i| i + 1);
    if key_of_line(&hay[line_start..at]).is_none() {
        return false;
    }
    keys_describe_a_person(|look| {
        // Down from the value's line, then up from the line before it.
        let mut start = line_start;
        for _ in 0..RECORD_LINES {
            let end = memchr::memchr(b'\n', &hay[start..])
                .map_or(hay.len(), |i| start + i);
            match key_of_line(&hay[start..end]) {
                Some(key) => look(key),
                None => break,
            }
            if end >= hay.len() {
                break;
            }
            start = end + 1;
        }
        let mut end = line_start;
        for _ in 0..RECORD_LINES {
            let Some(last) = end.checked_sub(1) else { break };
            let begin =
                memchr::memrchr(b'\n', &hay[..last]).map_or(0, |i| i + 1);
            match key_of_line(&hay[begin..last]) {
                Some(key) => look(key),
                None => break,
            }
            end = begin;
        }
    })
}

/// The key of a `key: value` line (spaces may pad it on the left): a
/// word of letters, digits and `_`, then `: `.
fn key_of_line(line: &[u8]) -> Option<&[u8]> {
    let lead = line.iter().take_while(|&&b| b == b' ').count();
    let rest = &line[lead..];
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    (len > 0 && rest[len..].starts_with(b": ")).then(|| &rest[..len])
}

/// A column's note in parentheses saying it holds a name (`Kind (naam)`,
/// `Contact (name)`).
const NAME_NOTES: &[&str] =
    &["name", "naam", "nom", "nombre", "nome", "imię", "imie", "full name"];

/// Roles only a person plays, before `name` in a column's name.
const PERSON_ROLES: &[&str] = &[
    "applicant",
    "borrower",
    "guarantor",
    "nominee",
    "father",
    "mother",
    "guardian",
    "husband",
    "wife",
    "spouse",
    "insured",
    "student",
    "parent",
    "member",
    "holder",
    "witness",
    "invitee",
    "inviter",
    "recipient",
    "patient",
    "tenant",
    "partner",
    "donor",
    "contact",
    "caller",
    "declarant",
    "resident",
    "passenger",
    "guest",
    "visitor",
    // Read as the end of the words before `name`: `nextofkin`, not `kin`
    // (`skin`), and no `son` (`season`, `reason`).
    "nextofkin",
    "beneficiary",
    "owner",
    "child",
    "daughter",
    "sibling",
    "deceased",
    "victim",
    "attendee",
    "participant",
    "subscriber",
    "pupil",
    "claimant",
];

/// A key `name` (a slice of `hay`) with the word a slash joins before it
/// (`First/Middle:`, where the key read is `Middle`).
fn slash_joined<'a>(hay: &'a [u8], name: &'a [u8]) -> &'a [u8] {
    // Only a key read from `hay` itself has a word before it there.
    let Some(at) = (name.as_ptr() as usize)
        .checked_sub(hay.as_ptr() as usize)
        .filter(|&at| at + name.len() <= hay.len())
    else {
        return name;
    };
    if at < 2 || hay[at - 1] != b'/' {
        return name;
    }
    let word = hay[..at - 1]
        .iter()
        .rev()
        .take(24)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if word == 0 {
        return name;
    }
    &hay[at - 1 - word..at + name.len()]
}

/// A `First:` (or `First/Middle:`) label follows on the line of the
/// value at `start`: a bare `Last:` before it is the surname's.
fn first_beside(hay: &[u8], start: usize) -> bool {
    let end = memchr::memchr(b'\n', &hay[start..])
        .map_or(hay.len(), |i| start + i)
        .min(start + 120);
    memchr::memmem::find_iter(&hay[start..end], b"First")
        .any(|i| matches!(hay.get(start + i + 5), Some(b':' | b'/')))
}

/// A name's parts as the keys of its own object (`"name": {"first":
/// "Harpreet", "middle": "Singh", "last": "Sandhu"}`): bare `first` or
/// `last` say nothing until the object's key says it is a name.
fn name_object_part(
    hay: &[u8],
    start: usize,
    norm: &[u8],
) -> Option<FieldClass> {
    let class = match norm {
        b"first" | b"middle" => FieldClass::Given,
        b"last" => FieldClass::Surname,
        _ => return None,
    };
    let parent = fields::parent_key(hay, start)?;
    let mut buf = [0u8; 48];
    fields::normalize_key(parent, &mut buf).ends_with(b"name").then_some(class)
}

/// Whose name part a field names, short (`CustFirst`, `CustLast`,
/// `ApplicantLast`): `part` after a customer or a person's role.
fn person_part(norm: &[u8], part: &[u8]) -> bool {
    norm.strip_suffix(part).is_some_and(|who| {
        matches!(who, b"cust" | b"customer" | b"client" | b"emp" | b"employee")
            || PERSON_ROLES.iter().any(|r| r.as_bytes() == who)
    })
}

/// A surname or given-name field named first and qualified after a
/// separator (`COGNOME_ALUNNO`, `NOME_GEN1`, `Nachname-Mutter`), or a
/// name field of any class named last after whose it is
/// (`Defunto_Cognome`, `Committente_Nominativo`): whose name it is does
/// not change what it holds. Never a bare `name` (`server_name`,
/// `name_server` hold no person), nor a class that is no person's.
fn qualified_name_field(name: &[u8]) -> Option<FieldClass> {
    let name = fields::without_custom_suffix(name);
    let is_cut = |b: &u8| matches!(b, b'_' | b'-' | b' ' | b'.');
    let first_cut = name.iter().position(is_cut)?;
    let last_cut = name.iter().rposition(is_cut)?;
    let class_of = |part: &[u8]| {
        let mut buf = [0u8; 48];
        let key = fields::normalize_key(part, &mut buf);
        // Numbered (`Vendedor_Apellido1`).
        let digits =
            key.iter().rev().take_while(|b| b.is_ascii_digit()).count();
        let key = &key[..key.len() - digits];
        FIELD_CLASSES
            .iter()
            .find(|(k, _)| k.as_bytes() == key)
            .map(|(_, c)| *c)
    };
    let last_part = &name[last_cut + 1..];
    let first_part = &name[..first_cut];
    // Two-letter abbreviations (`fn`, `ln`, `sn`) open code identifiers
    // too (`fn_token`, `sn_count`): only a whole key names a field so.
    let abbreviated = first_part.len() <= 2;
    match (class_of(first_part), class_of(last_part)) {
        (Some(c @ (FieldClass::Given | FieldClass::Surname)), _)
            if !abbreviated =>
        {
            Some(c)
        }
        // `font-family`, `product_family`: no surname.
        (
            _,
            Some(
                c @ (FieldClass::Given
                | FieldClass::Surname
                | FieldClass::Full),
            ),
        ) if !last_part.eq_ignore_ascii_case(b"family") => Some(c),
        // `titular_nombre`, `holder_name`: the name of a person named by
        // their role.
        (Some(FieldClass::Full), Some(FieldClass::Generic)) => {
            Some(FieldClass::Full)
        }
        _ => None,
    }
}

/// `span` is a field's whole value: a quoted value's closing quote right
/// after it, or an unquoted one's end (a delimiter, the line's end, or a
/// space in `key=value` text). `Ma'am` after `AGENT:` is no value.
fn whole_value(hay: &[u8], span: &Range<usize>) -> bool {
    let before = span.start.checked_sub(1).map(|i| hay[i]);
    let after = hay.get(span.end).copied();
    match before {
        Some(q @ (b'"' | b'\'')) => after == Some(q),
        Some(b'=') => matches!(
            after,
            None | Some(
                b' ' | b'\t' | b',' | b';' | b'|' | b'\n' | b'\r' | b'&'
            )
        ),
        // A printed form's value ends at two spaces too.
        _ => {
            matches!(
                after,
                None | Some(b'\t' | b',' | b';' | b'|' | b'\n' | b'\r' | b'<')
            ) || hay.get(span.end..span.end + 2) == Some(b"  ")
                || hay[span.end..].starts_with(" │".as_bytes())
        }
    }
}

/// The byte before `pos` opens a field's value.
fn starts_value(hay: &[u8], pos: usize) -> bool {
    pos > 0
        && (matches!(
            hay[pos - 1],
            b'"' | b'\''
                | b'='
                | b':'
                | b'\t'
                | b','
                | b';'
                | b'|'
                | b'>'
                | b'\n'
        ) || (pos > 1
            && hay[pos - 1] == b' '
            && (hay[pos - 2] == b'|'
                || hay[..pos - 1].ends_with("│".as_bytes())))
            || aligned_value(hay, pos)
            || joint_holder(hay, pos))
}

/// The value at `pos` is a second holder's, after `+ ` or `& ` opening a
/// cell (a share register's `Registered Name Line 2`: `+ MRS THI LAN
/// NGUYEN`).
fn joint_holder(hay: &[u8], pos: usize) -> bool {
    pos >= 3
        && matches!(&hay[pos - 2..pos], b"+ " | b"& ")
        && matches!(hay[pos - 3], b',' | b';' | b'\t' | b'|' | b'"')
}

/// The value at `pos` follows two or more spaces (a printed form's
/// column: `Surname or family name   NGUYEN`).
fn aligned_value(hay: &[u8], pos: usize) -> bool {
    pos >= 2 && hay[pos - 1] == b' ' && hay[pos - 2] == b' '
}

/// The word after two spaces or more from `end` on its line (the next
/// column of a padded print).
fn word_after_padding(hay: &[u8], end: usize) -> Option<&[u8]> {
    let pad = hay[end..].iter().take_while(|&&b| b == b' ').count();
    let start = end + pad;
    let len = hay[start..]
        .iter()
        .take(gazetteer::MAX_WORD + 1)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (pad >= 2 && len > 0 && len <= gazetteer::MAX_WORD)
        .then(|| &hay[start..start + len])
}

/// The word (letters only) ending two spaces or more before `start` on
/// its line (the previous column of a padded print).
fn word_before_padding(hay: &[u8], start: usize) -> Option<&[u8]> {
    let pad = hay[..start].iter().rev().take_while(|&&b| b == b' ').count();
    let end = start - pad;
    let len = hay[..end]
        .iter()
        .rev()
        .take(gazetteer::MAX_WORD + 1)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (pad >= 2 && len > 0 && len <= gazetteer::MAX_WORD)
        .then(|| &hay[end - len..end])
}

/// Where the word before the one at `pos` starts (the title before a
/// name: the field's value starts there).
fn word_before(hay: &[u8], pos: usize) -> usize {
    let mut i = pos;
    while i > 0 && hay[i - 1] == b' ' {
        i -= 1;
    }
    while i > 0 && hay[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    i
}

/// An upper-case word of two letters or more (`DUBOIS`, `MÜLLER`), with
/// what [`read_word`] allows to follow a name after it.
fn read_caps_word(hay: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos;
    loop {
        let u = upper_at(hay, i);
        if u > 0 {
            i += u;
        } else if hay.get(i) == Some(&b'\'')
            && upper_at(hay, i + 1) > 0
            && i > pos
        {
            // `O'BRIEN`
            i += 1;
        } else if hay.get(i) == Some(&b'-')
            && upper_at(hay, i + 1) > 0
            && i > pos
        {
            i += 1;
        } else {
            break;
        }
    }
    if i - pos < 2 || i - pos > gazetteer::MAX_WORD || lower_at(hay, i) > 0 {
        return None;
    }
    match hay.get(i) {
        None
        // `<` ends an XML element's text (`<cognNome>CARUSO SALVATORE<`).
        | Some(
            b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b',' | b';' | b'|'
            | b'<',
        ) => Some(i),
        // A line break escaped in a JSON string.
        Some(b'\\') if escaped_break_at(hay, i) => Some(i),
        Some(b'&') if entity_at(hay, i) => Some(i),
        _ => None,
    }
}

/// An HTML entity that ends a word starts at `i`: an escaped bracket,
/// quote or ampersand, or a numeric one.
fn entity_at(hay: &[u8], i: usize) -> bool {
    let rest = &hay[i + 1..hay.len().min(i + 8)];
    [&b"gt;"[..], b"lt;", b"quot;", b"amp;", b"apos;", b"nbsp;", b"#"]
        .iter()
        .any(|e| rest.starts_with(e))
}

/// May a name start at `i`: the byte before is not part of a word, path,
/// identifier or address.
fn boundary_before(hay: &[u8], i: usize) -> bool {
    if i == 0 || escaped_break_before(hay, i) {
        return true;
    }
    matches!(
        hay[i - 1],
        b' ' | b'\t'
            | b'\n'
            | b'\r'
            | b'"'
            | b'\''
            | b'('
            | b'['
            | b'{'
            | b'<'
            | b','
            | b';'
            | b':'
            | b'='
            | b'>'
            | b'*'
            | b'|'
    )
}

/// Skip past the word-ish run at `i` (letters, digits, `_`, non-ASCII).
fn skip_word(hay: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < hay.len()
        && (hay[j].is_ascii_alphanumeric() || hay[j] == b'_' || hay[j] >= 0x80)
    {
        j += 1;
    }
    j
}

fn fold_eq(word: &[u8], list: &[&str]) -> bool {
    let mut buf = [0u8; gazetteer::MAX_WORD];
    match gazetteer::fold(word, &mut buf) {
        Some(w) => list.iter().any(|g| g.as_bytes() == w),
        None => false,
    }
}

fn is_greeting(word: &[u8]) -> bool {
    word.len() <= 12 && fold_eq(word, GREETINGS)
}

/// Relatives named before a given name in notes (lower case; several
/// languages).
const RELATIONS: &[&str] = &[
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "brother",
    "sister",
    "granddaughter",
    "grandson",
    "niece",
    "nephew",
    "fiancé",
    "fiancée",
    "fiance",
    "tochter",
    "sohn",
    "ehefrau",
    "ehemann",
    "ehegatte",
    "ehegattin",
    "mutter",
    "vater",
    "bruder",
    "schwester",
    "dochter",
    "zoon",
    "moeder",
    "vader",
    "fille",
    "fils",
    "épouse",
    "époux",
    "mère",
    "père",
    "hija",
    "hijo",
    "esposa",
    "esposo",
    "madre",
    "padre",
    "hermana",
    "hermano",
    "figlia",
    "figlio",
    "moglie",
    "marito",
    "córka",
    "syn",
    "żona",
    "mąż",
    "matka",
    "ojciec",
    "wnuczka",
    "wnuk",
    // Polish declines them (`do córki Ewa`, `po ojcu Janusz`).
    "córki",
    "córce",
    "syna",
    "synowi",
    "żony",
    "męża",
    "matki",
    "ojca",
    "ojcu",
    "brata",
    "siostry",
    "filha",
    "filho",
    // Aunts, uncles, cousins, grandparents and flatmates.
    "aunt",
    "uncle",
    "cousin",
    "grandmother",
    "grandfather",
    "grandma",
    "grandpa",
    "flatmate",
    "roommate",
    "tante",
    "oncle",
    "neveu",
    "nièce",
    "cousine",
    "onkel",
    "neffe",
    "nichte",
    "oma",
    "opa",
    "mitbewohner",
    "mitbewohnerin",
    "oom",
    "neef",
    "tía",
    "tío",
    "sobrino",
    "sobrina",
    "abuela",
    "abuelo",
    "zia",
    "zio",
    "nipote",
    "nonna",
    "nonno",
    "ciocia",
    "wujek",
    "babcia",
    "dziadek",
    "siostra",
    "brat",
    "avó",
    "avô",
    "irmã",
    "irmão",
];

/// A relative's title (`Daughter`, `wnuczka`) right before `start`, one
/// space between.
fn relation_before(hay: &[u8], start: usize) -> bool {
    if start < 2 || hay[start - 1] != b' ' {
        return false;
    }
    let end = start - 1;
    word_ending_at(hay, end, 16, is_letter_byte)
        .is_some_and(|i| fold_eq(&hay[i..end], RELATIONS))
}

/// A greeting word right before `start` (`Dear `, `Thanks, `, `Hi `).
fn greeting_before(hay: &[u8], start: usize) -> bool {
    let mut i = start;
    let mut seps = 0;
    while i > 0 && matches!(hay[i - 1], b' ' | b',') && seps < 2 {
        i -= 1;
        seps += 1;
    }
    if seps == 0 {
        return false;
    }
    let end = i;
    word_ending_at(hay, end, 12, is_letter_byte)
        .is_some_and(|i| is_greeting(&hay[i..end]))
}

/// A byte of a letter: ASCII, or any byte of a non-ASCII character.
fn is_letter_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// Where the word of `letter` bytes ending at `end` starts, if there is
/// one of at most `max` bytes standing alone (no letter or digit right
/// before it).
pub(crate) fn word_ending_at(
    hay: &[u8],
    end: usize,
    max: usize,
    letter: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = end;
    while i > 0 && end - i < max && letter(hay[i - 1]) {
        i -= 1;
    }
    (i < end && (i == 0 || !hay[i - 1].is_ascii_alphanumeric())).then_some(i)
}

/// Phrases a support note or CRM log puts right before the person dealt
/// with (`Spoke with Jack Fairweather, who confirmed`). Only right before
/// the run: a context word anywhere near (`voicemail ... about the Oak
/// Desk Lamp`) would vouch for product names later in the sentence.
const CUES: &[&str] = &[
    "spoke with",
    "spoke to",
    "talked to",
    "talked with",
    "speaking with",
    "call with",
    "met with",
    "meeting with",
    "voicemail for",
    "message for",
    "on behalf of",
    "escalated to",
    "assigned to",
];

/// A [`CUES`] phrase, as whole words, ends one space before `start`.
fn cue_before(hay: &[u8], start: usize) -> bool {
    let Some(end) = start.checked_sub(1).filter(|&i| hay[i] == b' ') else {
        return false;
    };
    CUES.iter().any(|cue| {
        let cue = cue.as_bytes();
        end >= cue.len()
            && hay[end - cue.len()..end].eq_ignore_ascii_case(cue)
            && (end == cue.len()
                || !hay[end - cue.len() - 1].is_ascii_alphanumeric())
    })
}

/// The name at `span` is what a numbered list's item is about: it opens
/// the item (`1. Brayden Kowalchuk: NSLSC record...`, `> 3) Mohamed Abdi
/// Warsame  (SIS 200418874)`, quoted in a reply) and a colon, a bracket
/// or padding follows.
fn list_item(hay: &[u8], span: &Range<usize>) -> bool {
    let after = &hay[span.end..hay.len().min(span.end + 3)];
    let closes = after.starts_with(b":")
        || after.starts_with(b" (")
        || after.starts_with(b"  ");
    if !closes || span.start < 3 {
        return false;
    }
    // `N. ` or `N) ` back to the line's start, quote marks and spaces
    // aside.
    let mut i = span.start;
    if hay[i - 1] != b' ' || !matches!(hay[i - 2], b'.' | b')') {
        return false;
    }
    i -= 2;
    let digits =
        hay[..i].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    i -= digits;
    let lead = hay[..i]
        .iter()
        .rev()
        .take_while(|&&b| matches!(b, b' ' | b'\t' | b'>'))
        .count();
    i -= lead;
    i == 0 || hay[i - 1] == b'\n'
}

/// `Kalani Pennywhistle <kalani.p@example.com>`: a mailbox right after
/// the name whose local part holds one of its words (compared on the
/// ASCII letters before any other character, at least three).
fn mailbox_after(hay: &[u8], span: &Range<usize>, name: &[Tok]) -> bool {
    let rest = &hay[span.end..hay.len().min(span.end + 72)];
    let Some(lt) = rest.iter().take(3).position(|&b| b == b'<') else {
        return false;
    };
    if !rest[..lt].iter().all(|&b| b == b'"' || b == b' ') {
        return false;
    }
    let local = &rest[lt + 1..];
    let Some(at) =
        local.iter().position(|&b| b == b'@' || b == b'>' || b == b'\n')
    else {
        return false;
    };
    if local[at] != b'@' {
        return false;
    }
    let local = &local[..at];
    name.iter().filter(|t| t.kind == TokKind::Word).any(|t| {
        let word = &hay[t.span.clone()];
        let n = word.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        n >= 3 && local.windows(n).any(|w| w.eq_ignore_ascii_case(&word[..n]))
    })
}

/// Where a value starts that ends with the name at `start`, counting
/// up to two particles before it (`van den Berg` for `Berg`).
fn particles_before(hay: &[u8], start: usize) -> usize {
    let mut s = start;
    for _ in 0..2 {
        if s < 2 || hay[s - 1] != b' ' {
            break;
        }
        let end = s - 1;
        let mut i = end;
        while i > 0 && end - i < 5 && hay[i - 1].is_ascii_lowercase() {
            i -= 1;
        }
        if i < end && PARTICLES.contains(&&hay[i..end]) {
            s = i;
        } else {
            break;
        }
    }
    s
}

/// A role word ([`LABELS`]) right before `start`, separated by a space,
/// `: ` or `=`, optionally with a quote (`customer="`, `Customer `).
fn label_before(hay: &[u8], start: usize) -> bool {
    let mut i = start;
    let mut gap = 0;
    while i > 0
        && matches!(hay[i - 1], b' ' | b':' | b'=' | b'"' | b'\'')
        && gap < 3
    {
        i -= 1;
        gap += 1;
    }
    if gap == 0 {
        return false;
    }
    let end = i;
    while i > 0 && end - i < 12 && hay[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    i < end
        && (i == 0 || !hay[i - 1].is_ascii_alphanumeric())
        && fold_eq(&hay[i..end], LABELS)
}

/// Only spaces (or nothing) follow `end` on its line.
fn ends_line(hay: &[u8], end: usize) -> bool {
    hay[end..]
        .iter()
        .take(8)
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'))
        .map_or(true, |&b| b == b'\n')
}

/// `start` begins a line whose previous line is a sign-off
/// (`Kind regards,`), as in a mail signature.
fn signature_line(hay: &[u8], start: usize) -> bool {
    let mut line_start = start;
    while line_start > 0 && matches!(hay[line_start - 1], b' ' | b'\t') {
        line_start -= 1;
    }
    // A line break, or one escaped in a JSON string (`Gracias,\nMarisol`).
    let prev_end = if line_start > 0 && hay[line_start - 1] == b'\n' {
        line_start - 1
    } else if escaped_break_before(hay, line_start) {
        line_start - 2
    } else {
        return false;
    };
    let lower = prev_end.saturating_sub(40);
    let before = &hay[lower..prev_end];
    let real = memchr::memrchr(b'\n', before).map(|p| p + 1);
    let escaped = memchr::memmem::rfind(before, b"\\n").map(|p| p + 2);
    let prev_start = lower + real.max(escaped).unwrap_or(0);
    let mut line = &hay[prev_start..prev_end];
    if let Some(rest) = line.strip_suffix(b"\\r") {
        line = rest;
    }
    while let Some((&last, rest)) = line.split_last() {
        if matches!(last, b',' | b'!' | b'.' | b' ' | b'\r' | b'\t') {
            line = rest;
        } else {
            break;
        }
    }
    while let Some((&first, rest)) = line.split_first() {
        if matches!(first, b' ' | b'\t' | b'>' | b'"') {
            line = rest;
        } else {
            break;
        }
    }
    !line.is_empty() && line.len() <= 30 && fold_eq(line, SIGN_OFFS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn detector() -> NameDetector {
        let mut c = Catalog::default();
        c.add_source(
            "t.toml",
            r#"
schema = 1
family = "t"
[[rule]]
id = "person-name"
kind = "person_name"
regex = '''.+'''
confidence = 0.85
context = ["name", "customer", "holder", "from", "dear"]
context_boost = 0.3
  [[rule.positive]]
  text = "x"
  [[rule.positive]]
  text = "y"
  [[rule.negative]]
  text = "x"
  [[rule.negative]]
  text = "y"
"#,
        )
        .unwrap();
        NameDetector::new(0, &c.rules[0])
    }

    fn names(text: &str) -> Vec<(String, f64)> {
        let d = detector();
        let file = super::super::FileStart::whole(text.as_bytes());
        let fields = FieldMap::new(&file, text.as_bytes(), 0..text.len());
        let mut out = Vec::new();
        d.scan(text.as_bytes(), 0..text.len(), &fields, 0.5, &mut out);
        out.iter()
            .map(|m| (text[m.span.clone()].to_string(), m.confidence))
            .collect()
    }

    fn found(text: &str) -> Vec<String> {
        names(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn names_in_a_table_drawn_with_box_characters() {
        let table = "   ┌─order_no─┬─mother_name─┬─mobile──────┐\n1. │ YN20241  │ Wanda Holt  │ 13857163208 │\n2. │ YN20242  │ 王梦瑶      │ 18768120547 │\n   └──────────┴─────────────┴─────────────┘\n";
        assert_eq!(found(table), ["Wanda Holt", "王梦瑶"]);
    }

    #[test]
    fn padded_columns_of_a_print_in_capitals() {
        let print = "D0004418 JVERTANEN 115 RES DEER COMBO\n\
            D0004419 3100  NORDQUIST         ERIK T          M602188BLU\n\
            D0004420 3100  LAHTI             KAREN J         F505142GRN\n\
            D0004421 3100  MARQUETTE         VALENCIA        MI\n";
        let names = found(print);
        assert!(names.contains(&"ERIK".to_string()), "{names:?}");
        assert!(names.contains(&"KAREN".to_string()), "{names:?}");
        // A given name that is a surname too needs a known surname
        // before; a state's code is no given name.
        assert!(
            !names.iter().any(|n| n == "VALENCIA" || n == "MI"),
            "{names:?}"
        );
    }

    #[test]
    fn surnames_in_capitals_before_a_comma() {
        let print = "0431    THOMPSON, GRAHAM ROBERT          NIE X3318407J\n\
            0412    SÁNCHEZ GARRE, JOSÉ ANTONIO      NIF 22961047D\n\
            0450    EL AMRANI, MOHAMED               NIE Y4019233K\n";
        assert_eq!(
            found(print),
            [
                "THOMPSON, GRAHAM ROBERT",
                "SÁNCHEZ GARRE, JOSÉ ANTONIO",
                "EL AMRANI, MOHAMED"
            ]
        );
        assert_eq!(
            found("Parent 1: NGUYEN, Quang Minh (present)"),
            ["NGUYEN, Quang Minh"]
        );
        // Words in capitals that are no names, and a list of names.
        assert!(found("ERROR, WARNING AND NOTICE").is_empty());
        assert!(found("SMITH, JOHN, BROWN").is_empty());
    }

    #[test]
    fn places_and_streets_named_after_people() {
        // A city and its state before a ZIP code.
        assert!(!found(
            "Emergency contact: 5870 Chatterton Rd, Columbus OH 43232"
        )
        .contains(&"Columbus OH".to_string()));
        // A road named after a person.
        assert!(
            found("landlord at C-47, Bhawani Singh Road, Jaipur").is_empty()
        );
        assert!(found("22, Govind Marg, Raja Park").is_empty());
    }

    #[test]
    fn form_labels_for_name_parts() {
        let form = "    Last: WARSAME               First/Middle: Hodan Abdi            DOB: 01/12/1990\n";
        assert_eq!(found(form), ["WARSAME", "Hodan Abdi"]);
        // `Last:` with no `First` beside it says nothing.
        assert!(found("Last: Tuesday, first run").is_empty());
        let csv = "AppID,CustLast,CustFirst,DOB\nUB-1,OKAFOR,Chukwuemeka,1999-11-27\n";
        assert_eq!(found(csv), ["OKAFOR", "Chukwuemeka"]);
    }

    #[test]
    fn markdown_table_columns() {
        let md = "# Tracker\n\n| # | Proprietor | Father / Husband | PIN |\n\
            |---|---|---|---|\n\
            | 1 | Sunita Meena | Ramprasad Meena | 302029 |\n\
            | 5 | Shree Shyam Namkeen (partnership) | - | 302013 |\n";
        assert_eq!(found(md), ["Sunita Meena", "Ramprasad Meena"]);
    }

    #[test]
    fn japanese_names_with_a_space() {
        let tsv = "取引番号\t相手方氏名\tフリガナ\nK1\t佐藤 健一\tサトウ ケンイチ\nK2\t村上 トシ子\tムラカミ トシコ\n";
        let got = found(tsv);
        assert!(got.contains(&"佐藤 健一".to_string()), "{got:?}");
        assert!(got.contains(&"村上 トシ子".to_string()), "{got:?}");
    }

    #[test]
    fn swar_finds_capitals_and_non_ascii() {
        for b in 0u8..=255 {
            let word = u64::from_le_bytes([
                b'x', b'1', b, b'-', b' ', b'a', b'z', b'0',
            ]);
            let want = b.is_ascii_uppercase() || b >= 0x80;
            let got = name_start_bytes(word);
            assert_eq!(got != 0, want, "byte {b:#x}");
            if want {
                assert_eq!(got.trailing_zeros() / 8, 2);
            }
        }
    }

    #[test]
    fn name_fields_qualified_by_whose_they_are() {
        let class = qualified_name_field;
        assert_eq!(class(b"COGNOME_ALUNNO"), Some(FieldClass::Surname));
        assert_eq!(class(b"Defunto_Cognome"), Some(FieldClass::Surname));
        assert_eq!(class(b"Committente_Nominativo"), Some(FieldClass::Full));
        assert_eq!(class(b"Antragsteller-Vorname"), Some(FieldClass::Given));
        assert_eq!(class(b"titular_nombre"), Some(FieldClass::Full));
        assert_eq!(class(b"server_name"), None);
        assert_eq!(class(b"font-family"), None);
        assert_eq!(class(b"device_brand"), None);
        // Salesforce's custom fields end `__c`.
        assert_eq!(class(b"Defunto_Cognome__c"), Some(FieldClass::Surname));
        assert_eq!(
            found("\"ID\",\"PREFERRED_FIRST_NAME__C\",\"EMERGENCY_CONTACT_NAME__C\"\n\"a0B\",\"Jenny\",\"Loretta Deschenie\"\n"),
            ["Jenny", "Loretta Deschenie"]
        );
        // Who did something, by name; a relation or `Self` is no name.
        assert_eq!(
            found("Item,ID Checked By,Collected By\n1,Kirsty Aldred,Self\n2,Kirsty Aldred,Husband\n"),
            ["Kirsty Aldred", "Kirsty Aldred"]
        );
        // Kana readings under a full name's field, not a card's phonetic
        // given or family name.
        assert_eq!(
            found(
                "\"氏名フリガナ\",\"連名1\"\n\"ヤマダ ケンイチ\",\"ヨシ子\"\n"
            ),
            ["ヤマダ ケンイチ", "ヨシ子"]
        );
        assert!(found("{\"phonetic_last_name\":\"タナカ\"}").is_empty());
        // `NOM Prénom`, and a field with two names.
        assert_eq!(
            found("Id\tMédecin\tAidant principal / personne de confiance\n1\tCAMBON Pierre\tLACOMBE Michel (fils)\n"),
            ["CAMBON Pierre", "LACOMBE Michel"]
        );
        // A firm's name in a name field, in XML and CSV; a firm in the
        // next column says nothing of the name.
        assert!(found(
            "<RawPartyFullName>VO &amp; TRAN CPAS PLLC</RawPartyFullName>"
        )
        .is_empty());
        assert_eq!(
            found("FirstName,LastName,Company\nMarco,Ibarra,Saguaro Edge Landscaping LLC\n"),
            ["Marco", "Ibarra"]
        );
        // The parties to a sale, surnames numbered; a firm among them.
        assert_eq!(
            found("Exp;Vendedor_Nombre;Comprador_Nombre;Comprador_Apellido1\n1;AUTOMÓVILES SEGURA SL;José Antonio;Martínez\n"),
            ["José Antonio", "Martínez"]
        );
        // Not a role: `season` ends like `son`.
        assert!(found("id,season_name\n1,Winter Classic\n").is_empty());
        // A person's role before `name`.
        assert_eq!(
            found("Sl No,Donor Name,City\n1,Padma Ravindran,Hyderabad\n2,Vasudha Infra Projects Pvt Ltd,Hyderabad\n"),
            ["Padma Ravindran"]
        );
        assert_eq!(
            found(r#"{"Defunto_Cognome":"LORUSSO","Defunto_CAP":"70124"}"#),
            ["LORUSSO"]
        );
        // A Rails log's parameters: Ruby's `"key"=>"value"`.
        assert_eq!(
            found(r#"{"pro"=>{"first_name"=>"Tomás", "city"=>"Denver"}}"#),
            ["Tomás"]
        );
    }

    #[test]
    fn titled_holders_in_capitals_need_a_name_column() {
        assert_eq!(
            found("Holder,Registered Name Line 1,State\nX1,MR DAVID JOHN HARRIS,QLD\n"),
            ["DAVID JOHN HARRIS"]
        );
        // The same words in a store list are a firm.
        assert!(found("Store,Brand,State\nX1,MR PRICE HOME,QLD\n").is_empty());
        // A joint holder on the second line, after `+ `.
        assert_eq!(
            found("Holder,Registered Name Line 1,Registered Name Line 2\nX1,MR VAN MINH NGUYEN,+ MRS THI LAN NGUYEN\n"),
            ["VAN MINH NGUYEN", "THI LAN NGUYEN"]
        );
    }

    #[test]
    fn family_names_in_capitals_before_a_given_name() {
        assert_eq!(
            found("NIR invalide pour le salarié n°7 (DURAND-BERTHOLET Camille) : clé 93"),
            ["DURAND-BERTHOLET Camille"]
        );
        assert_eq!(found("<Salarie: GONTHIER Lucas>"), ["GONTHIER Lucas"]);
        assert_eq!(
            found("[&lt;Salarie: GONTHIER Lucas&gt;, &lt;Salarie: MARCOZ Élodie&gt;]"),
            ["GONTHIER Lucas", "MARCOZ Élodie"]
        );
        // A log level or an acronym before a given name is no family name.
        assert_eq!(found("(INFO Daniel)"), Vec::<String>::new());
        assert!(found("(UK April)").iter().all(|n| n != "UK April"));
        assert!(found("the GMP Manual and GNU Savannah").is_empty());
        assert!(found("register pairs (MAX, MIN) and (LEA, LEA)").is_empty());
    }

    #[test]
    fn names_of_records_printed_as_key_value_lines() {
        let row = "*************************** 1. row ***************************\n      donor_id: D20190318227\n          name: 陈思远\n    id_card_no: 330106199203154175\n        mobile: 13857112480\n*************************** 2. row ***************************\n          name: Jonas Weber\n         email: jw@example.de\n";
        assert_eq!(found(row), ["陈思远", "Jonas Weber"]);
        // A site's record: no person's keys.
        assert!(found("     site_id: 1041\n          name: 武林广场\n          city: 杭州\n").is_empty());
    }

    #[test]
    fn japanese_names_before_an_honorific() {
        assert_eq!(found("送迎は叔母の伊藤 由美子さん"), ["伊藤 由美子"]);
        assert_eq!(found("担当は山田 トシ子様です"), ["山田 トシ子"]);
        assert_eq!(found("付き添いは母の妹小林 恵さん"), ["小林 恵"]);
        // Unspaced words before an honorific are left alone (`患者様`).
        assert!(found("患者様の受付").is_empty());
    }

    #[test]
    fn korean_names_beside_relatives_and_titles() {
        assert_eq!(
            found("<hp:t>처 이지현 1986.09.03 (집사)</hp:t><hp:t>, 자 김서윤 2021.03.14</hp:t>"),
            ["이지현", "김서윤"]
        );
        assert_eq!(
            found("교구 담당 전도사 조은비 (010-3920-4471) · 작성: 황보미란 권사"),
            ["조은비", "황보미란"]
        );
        // Two syllables beside a title are as often a common word; so is
        // a longer word opening with a family name's syllable.
        assert!(found("이번 과장 회의").is_empty());
        assert!(found("고객센터 과장 연결").is_empty());
        // A relative's word inside another word, a name with no surname.
        assert!(found("남자 이지현").is_empty());
    }

    #[test]
    fn names_in_a_query_result_underlined_with_dashes() {
        let spool = "SQL*Plus: Release 19.0.0.0.0 - Production\n\nConnected to:\nOracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production\n1\n2\n3\n4\n5\n6\n7\nSQL> select * from x;\n\n ID_INVITO COGNOME              NOME            CAP\n---------- -------------------- --------------- -----\n   7704118 BARBERIS             GRAZIELLA       10034\n";
        assert_eq!(found(spool), ["BARBERIS", "GRAZIELLA"]);
    }

    #[test]
    fn names_in_hangul_indic_scripts_and_romanized_korean() {
        assert_eq!(found(r#"{"first_name":"지훈","city":"서울"}"#), ["지훈"]);
        // Tamil beside Latin script, an initial too; Devanagari; never
        // digits.
        assert_eq!(
            found("No,Applicant Name,Applicant Name (Tamil),Load\n1,S. Murugan,ச. முருகன்,3\n"),
            ["S. Murugan", "ச. முருகன்"]
        );
        assert_eq!(found(r#"{"full_name":"सुनीता शर्मा"}"#), ["सुनीता शर्मा"]);
        assert!(found(r#"{"full_name":"१२३४"}"#).is_empty());
        assert_eq!(
            found(r#"{"first_name":"Ji-hoon","city":"Burnaby"}"#),
            ["Ji-hoon"]
        );
    }

    #[test]
    fn kintone_records_fields_and_users() {
        let doc = "{\n  \"records\": [\n    {\n      \"氏名_姓\": {\n        \"type\": \"SINGLE_LINE_TEXT\",\n        \"value\": \"佐々木\"\n      },\n      \"フリガナ_セイ\": {\n        \"type\": \"SINGLE_LINE_TEXT\",\n        \"value\": \"ササキ\"\n      },\n      \"担当\": {\n        \"type\": \"USER_SELECT\",\n        \"value\": [\n          {\n            \"code\": \"k.fujii\",\n            \"name\": \"藤井 和也\"\n          }\n        ]\n      },\n      \"部署\": {\n        \"type\": \"ORGANIZATION_SELECT\",\n        \"value\": [\n          {\n            \"code\": \"uketsuke\",\n            \"name\": \"受付\"\n          }\n        ]\n      }\n    }\n  ]\n}\n";
        assert_eq!(found(doc), ["佐々木", "ササキ", "藤井 和也"]);
    }

    #[test]
    fn the_name_of_a_json_object_describing_a_person() {
        let doc = "{\n  \"contact\": {\n    \"name\": \"Hodan Abdi\",\n    \"relation\": \"sister\"\n  },\n  \"hospital\": {\n    \"name\": \"Maitri Multispeciality Hospital\",\n    \"phone\": \"022 2789 0000\",\n    \"gstin\": \"27AAHCM4821K1Z3\"\n  },\n  \"product\": {\n    \"name\": \"Aroma Blend\"\n  }\n}\n";
        assert_eq!(found(doc), ["Hodan Abdi"]);
    }

    #[test]
    fn relatives_titles_before_names() {
        assert_eq!(
            found("Logée chez sa tante Nadia Haddouche à Betton"),
            ["Nadia Haddouche"]
        );
        assert_eq!(
            found("odbiera babcia Halina Nowicka, tel."),
            ["Halina Nowicka"]
        );
        // A relative's title before words that are no name.
        assert!(found("my aunt Visited Today").is_empty());
    }

    #[test]
    fn chinese_names_before_their_id_numbers() {
        assert_eq!(
            found("群聊\n张伟 370203198507154413 13853241187 3号楼\n"),
            ["张伟"]
        );
        assert_eq!(
            found("帮我妈登记：刘淑芬 身份证370202196204183027"),
            ["刘淑芬"]
        );
        assert_eq!(
            found("王浩然，410105199203062813，18661730925"),
            ["王浩然"]
        );
        // No common family name, or no number after.
        assert_eq!(
            found("车主年迈，由儿子周晓东（身份证34010419750322135X，电话13856032471）"),
            ["周晓东"]
        );
        assert!(found("泰迪 370203198507154413").is_empty());
        assert!(found("张伟 说 370203198507154413").is_empty());
    }

    #[test]
    fn names_opening_a_numbered_item() {
        // One known word (`Dhillon`) is enough where the item opens
        // with the name.
        let mail = "Hi,\n\n6. Zorwen Dhillon: dates corrected\n> 3) Zorwen Dhillon  (SIS 200418874)\n";
        assert_eq!(found(mail), ["Zorwen Dhillon", "Zorwen Dhillon"]);
        // Not a list item, or nothing closes it.
        assert!(found("Re Zorwen Dhillon: dates\n").is_empty());
        assert!(found("6. Zorwen Dhillon has dates\n").is_empty());
    }

    #[test]
    fn settings_named_in_name_keys() {
        assert!(found(r#"{"Name":"Force","Value":"True"}"#).is_empty());
        assert_eq!(found(r#"{"Name":"Force","Email":"x"}"#), ["Force"]);
    }

    #[test]
    fn two_surnames_before_a_comma() {
        assert_eq!(
            found("Household: Mendoza Lopez, Ana Maria (06/11/1989); Lopez Perez, Rigoberto (02/27/1986)"),
            ["Mendoza Lopez, Ana Maria", "Lopez Perez, Rigoberto"]
        );
        // A list of surnames is no name, nor a list of full names.
        assert!(found("Lopez Perez, Garcia, Smith").is_empty());
        let list = found("Thanks to Owen Taylor, Matthias Clasen and others");
        assert!(list.contains(&"Owen Taylor".to_string()));
        assert!(list.iter().all(|n| !n.contains(',')), "{list:?}");
    }

    #[test]
    fn name_parts_as_keys_of_a_name_object() {
        let doc = "{\n  \"name\": {\n    \"first\": \"Harpreet\",\n    \"middle\": \"Singh\",\n    \"last\": \"Sandhu\"\n  },\n  \"range\": {\n    \"first\": \"Alpha\",\n    \"last\": \"Omega\"\n  }\n}\n";
        assert_eq!(found(doc), ["Harpreet", "Singh", "Sandhu"]);
    }

    #[test]
    fn plain_name_columns_of_a_flat_opendocument_sheet() {
        let cell = |t: &str| {
            format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>")
        };
        let row = |cells: &[&str]| {
            let cells: String = cells.iter().map(|c| cell(c)).collect();
            format!("<table:table-row>{cells}</table:table-row>\n")
        };
        let doc = format!(
            "<?xml version=\"1.0\"?>\n<office:document office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">\n<office:body><office:spreadsheet><table:table table:name=\"V\">\n{}{}<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>{}</table:table-row>\n</table:table></office:spreadsheet></office:body></office:document>\n",
            row(&["Nom", "Prénom", "Ville"]),
            row(&["GIRARD", "Chloé", "Vertus"]),
            cell("Moreau"),
        );
        // `Nom` beside `Prénom` holds surnames; the third row's cell after
        // a blank spanning two columns is a town's.
        assert_eq!(found(&doc), ["GIRARD", "Chloé"]);
    }

    #[test]
    fn relations_warehouses_and_post_office_boxes() {
        // A relation in brackets after a contact's name.
        assert_eq!(
            found("序号,紧急联系人,电话\n1,刘芳（妻）,139\n"),
            ["刘芳"]
        );
        // A returns warehouse is no one.
        assert!(found("序号,收件人,电话\n1,退货仓（北京）,139\n").is_empty());
        let found = found(
            r#"{"name":"Wanjiru Kamau","postal_address":"P.O. Box 52718-00200"}"#,
        );
        assert!(!found.is_empty());
        assert!(found.iter().all(|n| !n.contains("Box")));
    }

    #[test]
    fn names_in_capitals_need_a_field() {
        assert_eq!(
            found(r#"{"cvc":"***","holder":"MARIA GARCIA"}"#),
            ["MARIA GARCIA"]
        );
        assert_eq!(
            found(r#"amount=12.00 name="LIAM NGUYEN" trace=1"#),
            ["LIAM NGUYEN"]
        );
        // Capitals without a field, log levels, unknown words: no name.
        assert!(found("ERROR WORKER failed; EMILY CHEN shipped").is_empty());
        assert!(found(r#"{"name":"ACME WIDGETS"}"#).is_empty());
        assert!(found("Billing address: Dorpsstraat 95, 1075 MS Amsterdam.")
            .is_empty());
        assert!(found(r#"{"holder":"Amelie DUBOIS"}"#).len() <= 1);
    }

    #[test]
    fn surname_marked_by_capitals() {
        // `MARTIN` is a given name too; in capitals before a given name
        // it is the surname (French and East Asian records).
        assert_eq!(
            found("nouveau patient : MARTIN Léa né(e) le"),
            ["MARTIN Léa"]
        );
        assert_eq!(found(r#"{"holder":"WANG Fang"}"#), ["WANG Fang"]);
        // Without a label or field, capitals stay unvouched.
        assert!(found("INFO MARTIN Léa").is_empty());
    }

    #[test]
    fn whole_value_of_a_full_name_field() {
        // Unknown leading words stay when the field holds a full name.
        assert_eq!(
            found(r#"{"spouse_legal_name":"Abdirahman Mohamed Farah"}"#),
            ["Abdirahman Mohamed Farah"]
        );
        // Elsewhere capitalized words before a name are not part of it.
        assert_eq!(found("Mein Nachbar Leon Weber kam"), ["Leon Weber"]);
    }

    #[test]
    fn romanian_vietnamese_turkish_letters() {
        assert_eq!(
            found("Angajat: Ștefan Popescu, din Iași"),
            ["Ștefan Popescu"]
        );
        assert_eq!(found("Liên hệ: Nguyễn Thị Hương"), ["Nguyễn Thị Hương"]);
        assert_eq!(found("Sayın İbrahim Yılmaz,"), ["İbrahim Yılmaz"]);
    }

    #[test]
    fn names_in_escaped_json() {
        assert_eq!(
            found(
                r#""text": "{\"ship_to\":{\"name\":\"Amélie Dubois\",\"x\":1}}""#
            ),
            ["Amélie Dubois"]
        );
    }

    #[test]
    fn firms_and_places_made_of_name_words() {
        assert!(
            found("moved his account to Charles Schwab last year").is_empty()
        );
        assert!(found(
            "drives a Mercedes-Benz to Jackson Hole Mountain Resort"
        )
        .is_empty());
        assert!(found("office in Santa Clara, CA").is_empty());
        // The people themselves still are.
        assert_eq!(found("Dear Charles Smith,"), ["Charles Smith"]);
    }

    #[test]
    fn irish_and_arabic_particles() {
        assert_eq!(
            found("Contact: Siobhán Ní Cheallaigh, HR"),
            ["Siobhán Ní Cheallaigh"]
        );
        assert_eq!(
            found("Dear Seán Ó Súilleabháin,"),
            ["Seán Ó Súilleabháin"]
        );
        assert_eq!(
            found("Employee Noor El Amrani joined"),
            ["Noor El Amrani"]
        );
        // Not at a run's start, not before a lowercase word.
        assert!(found("El Camino and Al fresco").is_empty());
    }

    #[test]
    fn cjk_ideographs() {
        let hay = "王芳,上".as_bytes();
        assert!(cjk_at(hay, 0) && cjk_at(hay, 3) && !cjk_at(hay, 6));
        assert!(cjk_at(hay, 7));
        // Hangul syllables are read; kana, Hangul jamo and U+4000 (below
        // the unified block) are not.
        assert!(cjk_at("한".as_bytes(), 0));
        assert!(!cjk_at("\u{3131}".as_bytes(), 0));
        assert!(!cjk_at("\u{D7B0}".as_bytes(), 0));
        assert!(cjk_at("\u{D7A3}".as_bytes(), 0));
        assert!(!cjk_at("カ".as_bytes(), 0));
        assert!(!cjk_at("\u{4000}".as_bytes(), 0));
    }

    #[test]
    fn test_records_are_no_people() {
        assert!(placeholder(b"DONOTUSE"));
        assert!(placeholder(b"XXTESTPATIENT-TGNP"));
        assert!(placeholder(b"Testpersoon"));
        assert!(!placeholder(b"Testa"));
        assert!(!placeholder(b"Okafor"));
    }

    #[test]
    fn surname_then_given_name() {
        assert_eq!(found("Applicant: Zhang Wei, id 42"), ["Zhang Wei"]);
        assert_eq!(found("met Nguyen Linh at the desk"), ["Nguyen Linh"]);
    }

    #[test]
    fn given_plus_surname() {
        assert_eq!(found("I spoke with James Smith today"), ["James Smith"]);
        // A phrase naming whom someone dealt with, right before the name,
        // is evidence for a run with one known name word; not for two
        // unknown words, nor for capitalized words later on.
        assert_eq!(
            found("Spoke with Jack Fairweather, who confirmed the order"),
            ["Jack Fairweather"]
        );
        assert_eq!(
            found("Left a voicemail for Tavita Nguyen today"),
            ["Tavita Nguyen"]
        );
        assert!(found("Spoke with Acme Support about it").is_empty());
        assert!(found("voicemail left about the Oak Desk Lamp").is_empty());
        assert_eq!(
            found("Anna Schmidt und Łukasz Wiśniewski"),
            ["Anna Schmidt", "Łukasz Wiśniewski"]
        );
        assert_eq!(
            found("Daan de Jong, Lotte van den Berg"),
            ["Daan de Jong", "Lotte van den Berg"]
        );
        assert_eq!(
            found("Mary O'Brien and Jean-Luc McDonald"),
            ["Mary O'Brien", "Jean-Luc McDonald"]
        );
    }

    #[test]
    fn common_words_need_evidence() {
        assert!(
            found("Will Smith").is_empty() || names("Will Smith")[0].1 < 0.7
        );
        assert!(found("Grant Access to the Bill Payment page in May Release")
            .is_empty());
        assert!(found("Victoria Street and Madison Avenue").is_empty());
        assert!(found(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X) AppleWebKit Gecko"
        )
        .is_empty());
        assert!(
            found("java.lang.IllegalStateException: Cannot Order").is_empty()
        );
    }

    #[test]
    fn places_and_firms_in_their_fields_are_not_people() {
        // Each run is a person under a person's key, and not under a key
        // that holds places, firms or channels.
        for (key, run) in [
            ("bank", "Grace Kelly"),
            ("city", "Florence Hamilton"),
            ("company_name", "Henry Walton"),
            ("via", "Sydney Barnes"),
            ("merchant", "Victor Hugo"),
        ] {
            let person = format!(r#"{{"payer":"{run}","amount":12}}"#);
            assert_eq!(found(&person), [run], "{person}");
            let place = format!(r#"{{"{key}":"{run}","amount":12}}"#);
            assert!(found(&place).is_empty(), "{place}");
        }
        assert!(found("company=Charles Schwab status=ok").is_empty());
        // A firm named after people is a firm under any key.
        assert!(found(r#"{"payer":"Morgan Stanley","amount":12}"#).is_empty());
        // A title still makes a person whatever the field.
        assert_eq!(found(r#"{"store":"Dr. Emily Carter"}"#), ["Emily Carter"]);
    }

    #[test]
    fn titles_initials_commas_greetings() {
        assert_eq!(found("Dear Mr. Kowalczyk,"), ["Kowalczyk"]);
        assert_eq!(found("signed J. Smith"), ["J. Smith"]);
        assert_eq!(found("customer: Smith, John"), ["Smith, John"]);
        assert_eq!(found("Please refund it. Thanks, James"), ["James"]);
        assert_eq!(found("Kind regards,\nWanjiru Kamau\n"), ["Wanjiru Kamau"]);
        assert!(found("Thanks, Support").is_empty());
    }

    #[test]
    fn lists_of_common_words_are_not_names() {
        assert!(found(
            "names that are words (Will, May, Grant, Bill) need a name"
        )
        .is_empty());
        assert!(found("See Knuth, vol. 3, and Call Dot").is_empty());
        assert_eq!(found("holder: Brown, Grace"), ["Brown, Grace"]);
    }

    #[test]
    fn fields_make_unknown_names() {
        // Words in no name list: only the field makes them a name.
        assert_eq!(
            found(r#"{"holder":"Tjeerd Uijterwaal"}"#),
            ["Tjeerd Uijterwaal"]
        );
        assert_eq!(
            found("id,first_name,last_name\n1,Tjeerd,Uijterwaal\n"),
            ["Tjeerd", "Uijterwaal"]
        );
        assert!(found(r#"{"name":"Acme Widget"}"#).is_empty());
        assert!(found(r#"{"service":"Tjeerd Uijterwaal"}"#).is_empty());
    }
}
