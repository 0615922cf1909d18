//! The labelled sample: which files exist and what goes in each.
//!
//! Logs reuse the benchmark's line generators; tickets, mails and fixtures
//! are written here from small per-locale templates. `clean/` holds only
//! look-alikes (every finding there is a false positive).

use super::clock;
use super::doc::Doc;
use super::people::{self, Loc, Person, LOCS};
use super::records::{
    self, build4, id_key, id_label, invoice_id, order_id, semver, Gen,
};
use super::values;

/// How a file is stored; truth offsets are always into the plain content.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Plain,
    Gzip,
    Zstd,
}

pub struct OutFile {
    /// Relative to the corpus root, `/`-separated.
    pub path: String,
    pub doc: Doc,
    pub codec: Codec,
}

fn out(path: &str, doc: Doc, codec: Codec) -> OutFile {
    OutFile { path: path.to_string(), doc, codec }
}

/// Every file of the labelled sample.
pub fn labelled() -> Vec<OutFile> {
    let mut v = vec![
        lines("logs/app.jsonl", 220, records::app_json, Codec::Plain),
        lines("logs/auth.log", 300, records::auth_syslog, Codec::Plain),
        lines("logs/access.log", 240, records::nginx, Codec::Plain),
        lines("logs/app.log.gz", 220, records::log4j, Codec::Gzip),
        lines("logs/worker.log.zst", 220, records::logfmt, Codec::Zstd),
        tickets_csv(),
    ];
    v.extend(emails());
    v.push(users_json());
    v.push(customers_yaml());
    v.push(seed_sql());
    v.push(app_config());
    v.push(kyc_csv());
    v.extend(super::contacts::files());
    v.extend(clean());
    v
}

fn lines(
    path: &str,
    n: usize,
    f: fn(&mut Gen, &mut Doc),
    codec: Codec,
) -> OutFile {
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    for _ in 0..n {
        f(&mut g, &mut d);
    }
    out(path, d, codec)
}

fn tickets_csv() -> OutFile {
    let path = "tickets/export.csv";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text(records::CSV_HEADER);
    for _ in 0..150 {
        records::csv_ticket(&mut g, &mut d);
    }
    out(path, d, Codec::Plain)
}

/// A value to put into a template slot.
pub enum Slot {
    Pii(&'static str, String),
    Neg(&'static str, String),
    Text(String),
}

/// Write `tpl` into `d`, replacing each `${key}` with its slot (`$` keeps
/// the braces of code templates literal); an unknown key is a bug here.
pub fn render(d: &mut Doc, tpl: &str, slots: &[(&str, &Slot)]) {
    let mut rest = tpl;
    while let Some(open) = rest.find("${") {
        d.text(&rest[..open]);
        let close = open + rest[open..].find('}').expect("unclosed slot");
        let key = &rest[open + 2..close];
        let slot = slots
            .iter()
            .find(|(k, _)| *k == key)
            .unwrap_or_else(|| panic!("template slot ${{{key}}} has no value"))
            .1;
        match slot {
            Slot::Pii(kind, v) => d.pii(kind, v),
            Slot::Neg(what, v) => d.neg(what, v),
            Slot::Text(v) => d.text(v),
        };
        rest = &rest[close + 1..];
    }
    d.text(rest);
}

/// Per-locale mail: (file tag, subject, body, sign-off label for phone).
fn mail_template(
    loc: Loc,
) -> (&'static str, &'static str, &'static str, &'static str) {
    match loc {
        Loc::Us => (
            "en-us",
            "Double charge on order ${order}",
            "Hello,\n\nI was charged twice for order ${order} on ${date}. The card on file is ${card}.\n\
             For verification, my ${idlabel} is ${id} and my date of birth is ${dob}.\n\
             If a refund by transfer is easier, my bank's routing number is ${aba}.\n\nThanks,\n",
            "Phone:",
        ),
        Loc::Gb => (
            "en-gb",
            "Change of bank details",
            "Hi,\n\nPlease update my bank details to ${iban} before the next payment run.\n\
             My National Insurance number is ${id} and my NHS number is ${id2}, in case the\n\
             health plan needs them. Date of birth: ${dob}.\n\nKind regards,\n",
            "Tel:",
        ),
        Loc::Ca => (
            "en-ca",
            "Tax receipt for invoice ${invoice}",
            "Hello,\n\nI need a tax receipt for invoice ${invoice}. My SIN is ${id}\n\
             and my date of birth is ${dob}.\n\nBest,\n",
            "Phone:",
        ),
        Loc::Au => (
            "en-au",
            "Payroll details",
            "G'day,\n\nFor the contractor payroll form: my TFN is ${id}, date of birth ${dob}.\n\
             The invoice number is ${invoice}.\n\nCheers,\n",
            "Mobile:",
        ),
        Loc::In => (
            "en-in",
            "KYC documents for order ${order}",
            "Dear team,\n\nFor KYC please find my details: Aadhaar ${id}, PAN ${id2},\n\
             date of birth ${dob}. Order reference ${order}.\n\nRegards,\n",
            "Mob:",
        ),
        Loc::Cn => (
            "en-cn",
            "Customs declaration for order ${order}",
            "Hello,\n\nFor the customs declaration of order ${order}, my resident ID number\n\
             is ${id}. Date of birth: ${dob}.\n\nThank you,\n",
            "Tel:",
        ),
        Loc::De => (
            "de",
            "Änderung meiner Bankverbindung",
            "Guten Tag,\n\nbitte ändern Sie meine Bankverbindung für die Rechnung ${invoice}.\n\
             Neue IBAN: ${iban}\nMeine Steuer-ID lautet ${id}, mein Geburtsdatum ist der ${dob}.\n\n\
             Mit freundlichen Grüßen\n",
            "Tel.:",
        ),
        Loc::Fr => (
            "fr",
            "Remboursement de la commande ${order}",
            "Bonjour,\n\nje n'ai toujours pas reçu le remboursement de la commande ${order}.\n\
             Merci de le verser sur mon compte ${iban}.\nMon numéro de sécurité sociale est ${id} \
             et ma date de naissance le ${dob}.\n\nCordialement,\n",
            "Tél. :",
        ),
        Loc::Es => (
            "es",
            "Cambio de datos bancarios",
            "Hola:\n\nquiero cambiar la cuenta de domiciliación a ${iban}.\n\
             Mi ${idlabel} es ${id} y mi fecha de nacimiento es ${dob}.\n\
             Gracias por su ayuda con el pedido ${order}.\n\nUn saludo,\n",
            "Tel.:",
        ),
        Loc::Nl => (
            "nl",
            "Wijziging rekeningnummer",
            "Beste klantenservice,\n\nWilt u mijn rekeningnummer wijzigen in ${iban}?\n\
             Mijn BSN is ${id} en mijn geboortedatum is ${dob}. Het gaat om factuur ${invoice}.\n\n\
             Met vriendelijke groet,\n",
            "Tel.:",
        ),
        Loc::It => (
            "it",
            "Fattura ${invoice}: dati errati",
            "Buongiorno,\n\nla fattura ${invoice} riporta un codice fiscale sbagliato: quello \
             corretto è ${id}.\nPer il rimborso potete usare l'IBAN ${iban}. Data di nascita: ${dob}.\n\n\
             Cordiali saluti,\n",
            "Tel.:",
        ),
        Loc::Pl => (
            "pl",
            "Zwrot za zamówienie ${order}",
            "Dzień dobry,\n\nproszę o zwrot środków za zamówienie ${order} na konto ${iban}.\n\
             Mój PESEL: ${id}, data urodzenia: ${dob}.\n\nZ poważaniem,\n",
            "Tel.:",
        ),
        Loc::Br => (
            "pt-br",
            "Cobrança indevida no cartão",
            "Olá,\n\nfoi feita uma cobrança em duplicidade no meu cartão ${card} referente ao \
             pedido ${order}.\nMeu CPF é ${id} e minha data de nascimento é ${dob}.\n\n\
             Atenciosamente,\n",
            "Tel.:",
        ),
    }
}

/// One support mail per locale: headers, a body in the customer's language,
/// a signature block with address and phone, and the quoted agent reply.
fn emails() -> Vec<OutFile> {
    let mut v = Vec::new();
    for (i, &loc) in LOCS.iter().enumerate() {
        let (tag, subject, body, phone_label) = mail_template(loc);
        let path = format!("tickets/mail-{:02}-{tag}.eml", i + 1);
        let mut g = Gen::new(&path);
        let p = g.person_in(loc);
        let ids = values::national_ids(loc, i as u64);
        let id = Slot::Pii(ids[0], g.id(ids[0], &p));
        let id2 = match ids.get(1) {
            Some(k) if loc != Loc::Us => Slot::Pii(k, g.id(k, &p)),
            _ => Slot::Text(String::new()),
        };
        let t = clock::START_MS + g.r.range(0, 14 * 86_400_000);
        let earlier = t - g.r.range(3_600_000, 3 * 86_400_000);
        let slots: Vec<(&str, Slot)> = vec![
            ("order", Slot::Neg("order_id", order_id(&mut g.r))),
            ("invoice", Slot::Neg("invoice_id", invoice_id(&mut g.r))),
            (
                "date",
                Slot::Neg("date", clock::iso_s(earlier)[..10].to_string()),
            ),
            ("card", Slot::Pii("credit_card", g.id("credit_card", &p))),
            ("iban", Slot::Pii("iban", g.id("iban", &p))),
            ("aba", Slot::Pii("us_bank_routing", g.id("us_bank_routing", &p))),
            ("idlabel", Slot::Text(id_label(ids[0]).to_string())),
            ("id", id),
            ("id2", id2),
            ("dob", Slot::Pii("date_of_birth", p.dob_local())),
        ];
        let slots: Vec<(&str, &Slot)> =
            slots.iter().map(|(k, s)| (*k, s)).collect();
        let mut d = Doc::labelled();
        d.text("From: \"")
            .pii("person_name", &p.full_name())
            .text("\" <")
            .pii("email", &p.email)
            .text(">\nTo: Acme Shop Support <")
            .pii("email", "support@acme-shop.example")
            .text(">\nSubject: ");
        render(&mut d, subject, &slots);
        d.text("\nDate: ")
            .neg("date", &clock::rfc2822(t))
            .text("\nMessage-ID: <")
            .neg("message_id", &format!("{}.{}@mail.acme-mail.com", g.r.hex(16), g.r.range(1000, 99_999)))
            .text(">\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\
                   Content-Transfer-Encoding: 8bit\n\n");
        render(&mut d, body, &slots);
        let a = people::address(&mut g.r, loc);
        d.pii("person_name", &p.full_name())
            .text("\n")
            .segs(&a.segments("\n"))
            .text(&format!("\n{phone_label} "))
            .pii("phone", &g.phone(loc))
            .text("\n\n> On ")
            .neg("date", &clock::rfc2822(earlier))
            .text(", Acme Shop Support <")
            .pii("email", "support@acme-shop.example")
            .text("> wrote:\n> Thank you for contacting us about ticket ")
            .text(&format!("TCK-{:06}", g.r.range(100_000, 199_999)))
            .text(".\n> Please reply with the details we need to help you.\n");
        v.push(out(&path, d, Codec::Plain));
    }
    v
}

/// People for the fixtures, spread evenly over the locales so every
/// national-id kind gets a similar count.
fn fixture_people(g: &mut Gen, n: usize) -> Vec<Person> {
    (0..n).map(|i| g.person_in(LOCS[i % LOCS.len()])).collect()
}

fn users_json() -> OutFile {
    let path = "fixtures/users.json";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let people = fixture_people(&mut g, 78);
    d.text("[\n");
    for (i, p) in people.iter().enumerate() {
        let a = people::address(&mut g.r, p.loc);
        let (ipk, ip) = values::ip(&mut g.r);
        d.text(&format!("  {{\n    \"id\": {},\n    \"uuid\": \"", 1001 + i))
            .neg("uuid", &values::uuid(&mut g.r))
            .text("\",\n    \"name\": \"")
            .pii("person_name", &p.full_name())
            .text("\",\n    \"username\": \"")
            .pii("username", &p.username)
            .text("\",\n    \"email\": \"")
            .pii("email", &p.email)
            .text("\",\n    \"phone\": \"")
            .pii("phone", &g.phone(p.loc))
            .text("\",\n    \"date_of_birth\": \"")
            .pii("date_of_birth", &p.dob_iso())
            .text("\",\n    \"address\": {\n      \"street\": \"")
            .pii("street_address", &a.street)
            .text("\",\n      \"postal_code\": \"")
            .pii("postal_code", &a.postal)
            .text(&format!(
                "\",\n      \"city\": \"{}\",\n      \"country\": \"{}\"\n    }},\n    \"national_ids\": {{",
                a.city,
                p.loc.code()
            ));
        for (j, kind) in
            values::national_ids(p.loc, i as u64 / 13).iter().enumerate()
        {
            let v = g.id(kind, p);
            d.text(if j == 0 { "\n      \"" } else { ",\n      \"" })
                .text(id_key(kind))
                .text("\": \"")
                .pii(kind, &v)
                .text("\"");
        }
        d.text("\n    },\n    \"payment\": {");
        if p.loc == Loc::Us {
            d.text("\n      \"routing_number\": \"")
                .pii("us_bank_routing", &g.id("us_bank_routing", p))
                .text("\",\n      \"card\": \"")
                .pii("credit_card", &g.id("credit_card", p))
                .text("\"");
        } else if g.r.chance(50) {
            d.text("\n      \"iban\": \"")
                .pii("iban", &g.id("iban", p))
                .text("\"");
        } else {
            d.text("\n      \"card\": \"")
                .pii("credit_card", &g.id("credit_card", p))
                .text("\"");
        }
        d.text("\n    },\n    \"last_login_ip\": \"")
            .pii(ipk, &ip)
            .text("\",\n    \"device\": {\n      \"mac\": \"")
            .pii("mac_address", &values::mac_address(&mut g.r))
            .text("\",\n      \"location\": \"")
            .pii("geo_coordinates", &people::geo(&mut g.r, p.loc))
            .text("\"\n    },\n    \"created_at\": ")
            .neg(
                "epoch_millis",
                &(clock::START_MS - g.r.range(0, 400 * 86_400_000))
                    .to_string(),
            )
            .text(if i + 1 == people.len() { "\n  }\n" } else { "\n  },\n" });
    }
    d.text("]\n");
    out(path, d, Codec::Plain)
}

fn customers_yaml() -> OutFile {
    let path = "fixtures/customers.yaml";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let people = fixture_people(&mut g, 65);
    d.text("# Seed customers for the staging environment.\n# Generated by examples/gen_corpus.rs: every value is synthetic.\ncustomers:\n");
    for (i, p) in people.iter().enumerate() {
        let a = people::address(&mut g.r, p.loc);
        let (ipk, ip) = values::ip(&mut g.r);
        let signup = clock::START_MS - g.r.range(0, 400 * 86_400_000);
        d.text("  - id: cus_")
            .text(&g.r.hex(14))
            .text("\n    full_name: ")
            .pii("person_name", &p.full_name())
            .text("\n    email: ")
            .pii("email", &p.email)
            .text("\n    phone: \"")
            .pii("phone", &g.phone(p.loc))
            .text("\"\n    birth_date: \"")
            .pii("date_of_birth", &p.dob_local())
            .text("\"\n    address: \"")
            .segs(&a.segments(", "))
            .text("\"\n");
        for kind in values::national_ids(p.loc, i as u64 / 13 + 1) {
            let v = g.id(kind, p);
            d.text(&format!("    {}: \"", id_key(kind)))
                .pii(kind, &v)
                .text("\"\n");
        }
        if p.loc == Loc::Us || g.r.chance(40) {
            d.text("    card_number: \"")
                .pii("credit_card", &g.id("credit_card", p))
                .text("\"\n");
        } else {
            d.text("    iban: \"").pii("iban", &g.id("iban", p)).text("\"\n");
        }
        d.text("    signup:\n      ip: \"")
            .pii(ipk, &ip)
            .text("\"\n      at: ")
            .neg("timestamp", &clock::iso_s(signup))
            .text("\n    home_location: \"")
            .pii("geo_coordinates", &people::geo(&mut g.r, p.loc))
            .text("\"\n");
    }
    out(path, d, Codec::Plain)
}

fn seed_sql() -> OutFile {
    let path = "fixtures/seed.sql";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let people = fixture_people(&mut g, 65);
    d.text(
        "-- Seed data for local development. Every value is synthetic\n\
         -- (generated by examples/gen_corpus.rs).\n\
         CREATE TABLE customers (\n  id BIGINT PRIMARY KEY,\n  full_name TEXT NOT NULL,\n  \
         email TEXT NOT NULL,\n  phone TEXT,\n  date_of_birth DATE,\n  national_id_type TEXT,\n  \
         national_id TEXT,\n  signup_ip INET,\n  created_at TIMESTAMP NOT NULL\n);\n\n\
         INSERT INTO customers (id, full_name, email, phone, date_of_birth, national_id_type, \
         national_id, signup_ip, created_at) VALUES\n",
    );
    let mut methods = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let (kind, id) = g.national_id(p);
        let (ipk, ip) = values::ip(&mut g.r);
        let created = clock::START_MS - g.r.range(0, 400 * 86_400_000);
        let ts = clock::iso_s(created).replace('T', " ").replace('Z', "");
        d.text(&format!("  ({}, '", i + 1))
            .pii("person_name", &p.full_name())
            .text("', '")
            .pii("email", &p.email)
            .text("', '")
            .pii("phone", &g.phone(p.loc))
            .text("', '")
            .pii("date_of_birth", &p.dob_iso())
            .text(&format!("', '{kind}', '"))
            .pii(kind, &id.replace([' ', '-', '.'], ""))
            .text("', '")
            .pii(ipk, &ip)
            .text("', '")
            .neg("timestamp", &ts)
            .text(if i + 1 == people.len() { "');\n" } else { "'),\n" });
        methods.push(i + 1);
    }
    d.text(
        "\nCREATE TABLE payment_methods (\n  customer_id BIGINT REFERENCES customers(id),\n  \
         kind TEXT NOT NULL,\n  card_number TEXT,\n  iban TEXT,\n  routing_number TEXT,\n  \
         token TEXT NOT NULL\n);\n\nINSERT INTO payment_methods (customer_id, kind, card_number, \
         iban, routing_number, token) VALUES\n",
    );
    for (j, (cid, p)) in methods.iter().zip(&people).enumerate() {
        d.text(&format!("  ({cid}, "));
        match (p.loc, j % 2) {
            (Loc::Us, _) => {
                d.text("'ach', NULL, NULL, '")
                    .pii("us_bank_routing", &g.id("us_bank_routing", p))
                    .text("', 'pm_");
            }
            (_, 0) => {
                d.text("'card', '")
                    .pii(
                        "credit_card",
                        &g.id("credit_card", p).replace([' ', '-'], ""),
                    )
                    .text("', NULL, NULL, 'pm_");
            }
            _ => {
                d.text("'sepa', NULL, '")
                    .pii("iban", &g.id("iban", p).replace(' ', ""))
                    .text("', NULL, 'pm_");
            }
        }
        d.text(&g.r.hex(24)).text(if j + 1 == people.len() {
            "');\n"
        } else {
            "'),\n"
        });
    }
    out(path, d, Codec::Plain)
}

/// Identity checks exported for a test: one national id per row, rotating
/// through every id kind so each gets the same support. (No birth date
/// column: 250 dates whose only context is the header would dominate the
/// date_of_birth score; the expiry date is a look-alike instead.)
fn kyc_csv() -> OutFile {
    let path = "fixtures/kyc_verifications.csv";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let kinds: Vec<(&str, Loc)> = values::MADE
        .iter()
        .filter_map(|&(k, loc)| Some((k, loc?)))
        .filter(|(k, _)| *k != "us_bank_routing")
        .collect();
    d.text("verification_id,verified_at,full_name,country,document_type,document_number,document_expiry,payout_account\n");
    for i in 0..kinds.len() * 14 {
        let (kind, loc) = kinds[i % kinds.len()];
        let p = g.person_in(loc);
        let t = g.tick();
        d.text(&format!("KYC-{:07},", 3_100_000 + i))
            .neg("timestamp", &clock::iso_s(t))
            .text(",")
            .pii("person_name", &p.full_name())
            .text(&format!(",{},{},", loc.code(), id_key(kind)))
            .pii(kind, &g.id(kind, &p))
            .text(",")
            .neg(
                "date",
                &format!(
                    "{}-{:02}-{:02}",
                    g.r.range(2025, 2034),
                    g.r.range(1, 12),
                    g.r.range(1, 28)
                ),
            )
            .text(",");
        if loc == Loc::Us {
            d.text("ABA ")
                .pii("us_bank_routing", &g.id("us_bank_routing", &p));
        } else if matches!(
            loc,
            Loc::Gb
                | Loc::De
                | Loc::Fr
                | Loc::Es
                | Loc::Nl
                | Loc::It
                | Loc::Pl
        ) {
            let country = values::iban_country(&mut g.r, loc);
            d.pii("iban", &values::iban_compact(&mut g.r, country));
        }
        d.text("\n");
    }
    out(path, d, Codec::Plain)
}

/// A settings file committed by mistake: connection strings with passwords,
/// cloud keys, mail addresses, plus versions, ports and build numbers.
fn app_config() -> OutFile {
    let path = "fixtures/app-config.yaml";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text("# Settings per environment (synthetic credentials, never deployed).\napp:\n  name: acme-shop\n  version: ")
        .neg("version_string", &semver(&mut g.r))
        .text("\n  build: ")
        .neg("build_number", &build4(&mut g.r))
        .text("\n  listen_port: 8443\n  release_epoch: ")
        .neg("epoch_seconds", &(clock::START_MS / 1000 - g.r.range(0, 9_999_999)).to_string())
        .text("\nenvironments:\n");
    for env in ["dev", "qa", "staging", "perf"] {
        let pw = values::password(&mut g.r);
        let mq = values::password(&mut g.r);
        let smtp = values::password(&mut g.r);
        let admin = g.person();
        d.text(&format!("  {env}:\n    database_url: postgres://"))
            .pii("url_credentials", &format!("app_rw:{pw}"))
            .text(&format!(
                "@db.{env}.corp.example:5432/shop\n    broker_url: amqp://"
            ))
            .pii("url_credentials", &format!("orders:{mq}"))
            .text(&format!(
                "@mq.{env}.corp.example:5672/\n    smtp_url: smtp://"
            ))
            .pii("url_credentials", &format!("mailer:{smtp}"))
            .text("@smtp.mailbox.test:587\n    aws_access_key_id: ")
            .pii("aws_access_key", &values::aws_access_key(&mut g.r))
            .text("\n    region: eu-central-1\n    service_token: ")
            .pii(
                "jwt",
                &values::jwt(
                    &mut g.r,
                    &format!("svc-{env}"),
                    clock::START_MS / 1000,
                ),
            )
            .text("\n    admin_contact: ")
            .pii("email", &admin.email)
            .text("\n    oncall_phone: \"")
            .pii("phone", &g.phone(admin.loc))
            .text("\"\n    request_timeout_ms: 30000\n    max_body_bytes: ")
            .count("byte_count", g.r.range(1_000_000, 99_999_999))
            .text("\n");
    }
    out(path, d, Codec::Plain)
}

/// The PII-free section: every span planted here is a negative.
fn clean() -> Vec<OutFile> {
    let mut v = Vec::new();

    // Metrics, scheduler and cache lines: timestamps, epochs, counters, UUIDs.
    let path = "clean/metrics.log";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    while d.len() < 24_000 {
        let mut line = Doc::labelled();
        records::noise(&mut g, &mut line);
        // Keep metrics/scheduler/cache/order lines; HDFS and builds have files of their own.
        let first = line.negs.first().map(|s| s.tag);
        let text = String::from_utf8_lossy(&line.buf);
        if first == Some("timestamp") && !text.contains("[ci]") {
            append(&mut d, line);
        }
    }
    v.push(out(path, d, Codec::Plain));

    let path = "clean/hdfs.log";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    while d.len() < 18_000 {
        let mut line = Doc::labelled();
        records::noise(&mut g, &mut line);
        if line.negs.first().map(|s| s.tag) == Some("hdfs_timestamp") {
            append(&mut d, line);
        }
    }
    v.push(out(path, d, Codec::Plain));

    v.push(build_log());
    v.push(orders_csv());
    v.push(blobs());
    v.push(source_rs());
    v.push(source_py());
    v
}

/// Append `line` to `d`, shifting its spans.
fn append(d: &mut Doc, line: Doc) {
    let base = d.len();
    d.buf.extend_from_slice(&line.buf);
    for mut s in line.truth {
        s.start += base;
        s.end += base;
        d.truth.push(s);
    }
    for mut s in line.negs {
        s.start += base;
        s.end += base;
        d.negs.push(s);
    }
}

fn build_log() -> OutFile {
    let path = "clean/build.log";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let crates = [
        "serde", "regex", "memchr", "rayon", "clap", "zstd-sys", "flate2",
        "tokio",
    ];
    for i in 0..120 {
        let t = g.tick();
        match i % 4 {
            0 => {
                let mut line = Doc::labelled();
                // A [ci] build line from the shared noise generator.
                loop {
                    records::noise(&mut g, &mut line);
                    if String::from_utf8_lossy(&line.buf).contains("[ci]") {
                        break;
                    }
                    line = Doc::labelled();
                }
                append(&mut d, line);
            }
            1 => {
                d.neg("timestamp", &clock::iso_ms(t))
                    .text(&format!("    Compiling {} v", g.r.pick(&crates)))
                    .neg("version_string", &semver(&mut g.r))
                    .text("\n");
            }
            2 => {
                d.neg("timestamp", &clock::iso_ms(t))
                    .text(&format!(
                        "    Finished `release` profile [optimized] target(s) in {}.{:02}s\n",
                        g.r.range(20, 400),
                        g.r.below(100)
                    ));
            }
            _ => {
                d.neg("timestamp", &clock::iso_ms(t))
                    .text(" msbuild: product version ")
                    .neg("build_number", &build4(&mut g.r))
                    .text(", file version ")
                    .neg(
                        "build_number",
                        &format!("10.0.19041.{}", g.r.range(1, 4000)),
                    )
                    .text(", build id ")
                    .count("build_id", g.r.range(100_000, 99_999_999))
                    .text("\n");
            }
        }
    }
    out(path, d, Codec::Plain)
}

/// A 16-digit, card-shaped number whose Luhn check fails.
fn luhn_invalid(g: &mut Gen) -> String {
    loop {
        let prefix = *g.r.pick(&["4", "51", "52", "6011"]);
        let c = format!("{prefix}{}", g.r.digits(16 - prefix.len()));
        let c = c.as_str();
        if !values::valid("credit_card", c) && values::unambiguous("", c) {
            return values::group(
                c,
                &[4, 4, 4, 4],
                if g.r.chance(50) { " " } else { "" },
            );
        }
    }
}

/// SSN-shaped (3-2-4) with an area no SSN or ITIN uses: 000, 666, or 9xx
/// with a group outside the ITIN ranges.
fn ssn_invalid(g: &mut Gen) -> String {
    loop {
        let area = match g.r.below(3) {
            0 => "000".to_string(),
            1 => "666".to_string(),
            _ => format!("9{:02}", g.r.below(100)),
        };
        let group = g.r.range(10, 49);
        let c = format!("{area}{group:02}{:04}", g.r.range(1, 9999));
        if !values::valid("us_ssn", &c)
            && !values::valid("us_itin", &c)
            && values::unambiguous("", &c)
        {
            return format!("{}-{}-{}", &c[..3], &c[3..5], &c[5..]);
        }
    }
}

fn orders_csv() -> OutFile {
    let path = "clean/orders.csv";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text("order_id,invoice_id,created_at,sku,qty,amount,currency,tracking_ref,claim_ref,settlement_ref\n");
    for _ in 0..150 {
        let t = g.tick();
        d.neg("order_id", &order_id(&mut g.r))
            .text(",")
            .neg("invoice_id", &invoice_id(&mut g.r))
            .text(",")
            .neg("timestamp", &clock::iso_s(t))
            .text(&format!(
                ",SKU-{}-{},{},{}.{:02},EUR,",
                g.r.chars(3, b"ABCDEFGHJKLMNPQRSTUVWXYZ"),
                g.r.range(100, 9999),
                g.r.range(1, 9),
                g.r.range(1, 900),
                g.r.below(100)
            ));
        if g.r.chance(70) {
            let v = luhn_invalid(&mut g);
            d.neg("luhn_invalid_16", &v);
        }
        d.text(",");
        if g.r.chance(40) {
            let v = ssn_invalid(&mut g);
            d.neg("ssn_invalid_area", &v);
        }
        d.text(",");
        if g.r.chance(40) {
            let c = *g.r.pick(&["DE", "FR", "NL", "GB", "ES", "IT"]);
            let v = values::iban_bad_checksum(&mut g.r, c);
            d.neg("iban_bad_checksum", &v);
        }
        d.text("\n");
    }
    out(path, d, Codec::Plain)
}

/// Base64 payloads (a PEM block and data URIs) of random bytes.
fn blobs() -> OutFile {
    let path = "clean/blobs.txt";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text(
        "# Cached payloads from the image service (binary, base64-encoded)\n",
    );
    for i in 0..12 {
        if i % 3 == 0 {
            let n = g.r.range(300, 900) as usize;
            let b = values::b64(&g.r.bytes(n));
            d.text("-----BEGIN CERTIFICATE-----\n");
            for chunk in b.as_bytes().chunks(64) {
                d.neg(
                    "base64_blob",
                    std::str::from_utf8(chunk).unwrap_or_default(),
                )
                .text("\n");
            }
            d.text("-----END CERTIFICATE-----\n");
        } else {
            let n = g.r.range(200, 1200) as usize;
            d.text(&format!("thumb_{i:03}: data:image/png;base64,"))
                .neg("base64_blob", &values::b64(&g.r.bytes(n)))
                .text("\n");
        }
    }
    out(path, d, Codec::Plain)
}

fn source_rs() -> OutFile {
    let path = "clean/src/checksum.rs";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let slots: Vec<(&str, Slot)> = vec![
        ("build", Slot::Neg("build_number", build4(&mut g.r))),
        ("ver", Slot::Neg("version_string", semver(&mut g.r))),
        ("uuid", Slot::Neg("uuid", values::uuid(&mut g.r))),
        ("sha", Slot::Neg("git_sha", g.r.hex(40))),
        ("vector", Slot::Neg("test_vector", "123456789".to_string())),
        ("big", Slot::Neg("byte_count", "1073741824".to_string())),
        ("epoch", Slot::Neg("epoch_millis", clock::START_MS.to_string())),
        ("hex", Slot::Neg("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_string())),
    ];
    let slots: Vec<(&str, &Slot)> =
        slots.iter().map(|(k, s)| (*k, s)).collect();
    render(
        &mut d,
        r#"//! CRC-32 (IEEE 802.3) for export manifests. Nothing personal in here.

/// Reversed polynomial 0x04C11DB7.
pub const POLY: u32 = 0xEDB8_8320;
pub const TOOL_VERSION: &str = "${ver}";
pub const MIN_WINDOWS_BUILD: &str = "${build}";
pub const MANIFEST_SCHEMA: &str = "${uuid}";
pub const SOURCE_COMMIT: &str = "${sha}";
pub const EPOCH_OF_FORMAT_MS: u64 = ${epoch};

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
        assert_eq!(crc32(b"${vector}"), 0xCBF4_3926);
        assert_eq!(parse_size("${big}"), Some(1 << 30));
        assert_eq!(parse_size("1G"), Some(1 << 30));
    }

    #[test]
    fn empty_digest_is_known() {
        assert_eq!(super::super::sha256_hex(b""), "${hex}");
    }
}
"#,
        &slots,
    );
    out(path, d, Codec::Plain)
}

fn source_py() -> OutFile {
    let path = "clean/src/release.py";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let slots: Vec<(&str, Slot)> = vec![
        ("v1", Slot::Neg("version_string", semver(&mut g.r))),
        ("v2", Slot::Neg("build_number", build4(&mut g.r))),
        ("v3", Slot::Neg("build_number", build4(&mut g.r))),
        (
            "epoch",
            Slot::Neg("epoch_seconds", (clock::START_MS / 1000).to_string()),
        ),
        ("uuid", Slot::Neg("uuid", values::uuid(&mut g.r))),
        ("blk", Slot::Neg("block_id", "blk_1073741825_1001".to_string())),
        ("port", Slot::Neg("port", "50010".to_string())),
        ("inv", Slot::Neg("invoice_id", invoice_id(&mut g.r))),
    ];
    let slots: Vec<(&str, &Slot)> =
        slots.iter().map(|(k, s)| (*k, s)).collect();
    render(
        &mut d,
        r###""""Release helper: bumps versions and prints the changelog header."""

import time
import uuid

CURRENT = "${v1}"
SUPPORTED_CLIENT_BUILDS = ["${v2}", "${v3}"]
RELEASE_EPOCH = ${epoch}
NAMESPACE = uuid.UUID("${uuid}")
FIRST_BLOCK = "${blk}"
DATANODE_PORT = ${port}
SAMPLE_INVOICE = "${inv}"


def bump(version: str, part: str = "patch") -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def header(version: str) -> str:
    stamp = time.strftime("%Y-%m-%d", time.gmtime(RELEASE_EPOCH))
    return f"## {version} ({stamp})"
"###,
        &slots,
    );
    out(path, d, Codec::Plain)
}
