//! Contact data in depth: person names, street addresses, postal codes
//! and user names in the shapes they take in CSV exports, JSON lines,
//! YAML fixtures and letters, across locales; and a PII-free section of
//! capitalized phrases that look like names but are not.
//!
//! Half the people here have a rare given name or surname (none is in
//! piiscan's name lists), so the labels measure shape, field and context
//! evidence, not only list lookups. Capitalized look-alikes (product
//! names, campaigns, stores, headings) are planted as `capitalized_phrase`
//! negatives.

use super::clock;
use super::doc::Doc;
use super::files::{render, OutFile, Slot};
use super::people::{self, Address, Loc, Person, LOCS};
use super::records::{order_id, semver, Gen};
use super::values;

fn out(path: &str, doc: Doc) -> OutFile {
    OutFile { path: path.to_string(), doc, codec: super::files::Codec::Plain }
}

/// Half the people of these files have a rare name (see
/// [`people::rare_person`]), half common ones.
fn someone(g: &mut Gen, loc: Loc) -> Person {
    if g.r.chance(50) {
        people::rare_person(&mut g.r, loc)
    } else {
        g.person_in(loc)
    }
}

/// A surname as a scanner sees it: a leading particle (`van Oostveen`,
/// `de Jong`) is text, the capitalized rest is the name. Returns
/// (particle with its space, name).
fn split_particle(last: &str) -> (&str, &str) {
    match last.find(' ') {
        Some(i) if last[..1].chars().all(|c| c.is_lowercase()) => {
            (&last[..=i], &last[i + 1..])
        }
        _ => ("", last),
    }
}

/// Capitalized phrases that are not names (look-alikes).
const PHRASES: &[&str] = &[
    "Grant Access",
    "Bill Payment Reminder",
    "May Day Sale",
    "Will Retry",
    "Mark Complete",
    "Summer Sale",
    "Victoria Station",
    "Madison Square",
    "Long Beach",
    "Rose Gold",
    "Golden Hour",
    "Express Checkout",
    "Order Status",
    "Customer Support Team",
    "Service Desk",
    "Privacy Policy",
    "Terms Of Service",
    "Black Friday Deals",
    "Oak Desk Lamp",
    "Stone Grey Throw",
];

/// The postal code of an address in a CSV column: compact forms too.
fn contacts_csv() -> OutFile {
    let path = "fixtures/contacts.csv";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text("contact_id,first_name,last_name,username,street,postal_code,city,country,phone,ssn,notes\n");
    for i in 0..91 {
        let loc = LOCS[i % LOCS.len()];
        let p = someone(&mut g, loc);
        let a = people::address(&mut g.r, loc);
        let (particle, last) = split_particle(&p.last);
        d.text(&format!("C-{:05},", 20_000 + i))
            .pii("person_name", p.first)
            .text(",")
            .text(particle)
            .pii("person_name", last)
            .text(",")
            .pii("username", &p.username)
            .text(",");
        csv_cell(&mut d, "street_address", &a.street);
        d.text(",").pii("postal_code", &a.postal).text(&format!(
            ",{},{},",
            csv_text(a.city),
            loc.code()
        ));
        d.pii("phone", &g.phone(loc)).text(",");
        if loc == Loc::Us {
            let ssn = g.id("us_ssn", &p).replace(['-', ' '], "");
            d.pii("us_ssn", &ssn);
        }
        d.text(",");
        match g.r.below(5) {
            0 => {
                d.text("Requested ")
                    .neg("capitalized_phrase", g.r.choose(PHRASES))
                    .text(" feature");
            }
            1 => {
                let q = g.person();
                d.text("Referred by customer ")
                    .pii("person_name", &q.full_name());
            }
            _ => {}
        }
        d.text("\n");
    }
    out(path, d)
}

/// A CSV cell, quoted when it holds a comma.
fn csv_cell(d: &mut Doc, kind: &'static str, v: &str) {
    if v.contains(',') {
        d.text("\"").pii(kind, v).text("\"");
    } else {
        d.pii(kind, v);
    }
}

fn csv_text(v: &str) -> String {
    if v.contains(',') {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

/// JSON-escape a plain string (names and addresses hold no control
/// characters; quotes and backslashes never occur in them).
fn js(v: &str) -> String {
    debug_assert!(!v.contains(['"', '\\']));
    v.to_string()
}

/// CRM events as JSON lines: contacts with nested addresses, call notes
/// that mention people, agents, and campaign events full of capitalized
/// look-alikes.
fn crm_jsonl() -> OutFile {
    let path = "logs/crm.jsonl";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    let agents: Vec<Person> =
        (0..6).map(|i| g.person_in(LOCS[(i * 5) % LOCS.len()])).collect();
    for i in 0..220 {
        let t = g.tick();
        let loc = *g.r.pick(&LOCS);
        let p = someone(&mut g, loc);
        d.text("{\"ts\":\"").neg("timestamp", &clock::iso_ms(t)).text("\",");
        match i % 5 {
            0 => {
                let a = people::address(&mut g.r, loc);
                let (particle, last) = split_particle(&p.last);
                d.text(&format!(
                    "\"event\":\"contact.created\",\"contact_id\":\"ct_{}\",\"first_name\":\"",
                    g.r.hex(12)
                ))
                .pii("person_name", p.first)
                .text("\",\"last_name\":\"")
                .text(particle)
                .pii("person_name", last)
                .text("\",\"email\":\"")
                .pii("email", &p.email)
                .text("\",\"shipping_address\":{\"line1\":\"")
                .pii("street_address", &js(&a.street))
                .text("\",\"postal_code\":\"")
                .pii("postal_code", &a.postal)
                .text(&format!(
                    "\",\"city\":\"{}\",\"country\":\"{}\"}}}}\n",
                    js(a.city),
                    loc.code()
                ));
            }
            1 => {
                let agent = g.r.pick(&agents).clone();
                d.text("\"event\":\"call.logged\",\"agent\":\"")
                    .pii("person_name", &agent.full_name())
                    .text("\",\"note\":\"");
                match g.r.below(3) {
                    0 => {
                        d.text("Customer ")
                            .pii("person_name", &p.full_name())
                            .text(" called about the delayed parcel; call back tomorrow.");
                    }
                    1 => {
                        // No label, no field: a rare name here is found
                        // only if one of its words is in the name lists.
                        let q = someone(&mut g, loc);
                        d.text("Spoke with ")
                            .pii("person_name", &q.full_name())
                            .text(", who confirmed the order ")
                            .neg("order_id", &order_id(&mut g.r))
                            .text(".");
                    }
                    _ => {
                        d.text("Left a voicemail for ")
                            .pii(
                                "person_name",
                                &format!(
                                    "{} {}",
                                    title(loc, p.female),
                                    p.last
                                ),
                            )
                            .text(" about the ")
                            .neg("capitalized_phrase", g.r.choose(PHRASES))
                            .text(" issue.");
                    }
                }
                d.text(&format!(
                    "\",\"duration_s\":{}}}\n",
                    g.r.range(20, 1800)
                ));
            }
            2 => {
                d.text("\"event\":\"campaign.sent\",\"campaign\":\"")
                    .neg("capitalized_phrase", g.r.choose(PHRASES))
                    .text("\",\"segment\":\"")
                    .neg("capitalized_phrase", g.r.choose(PHRASES))
                    .text("\",\"template_version\":\"")
                    .neg("version_string", &semver(&mut g.r))
                    .text(&format!(
                        "\",\"recipients\":{}}}\n",
                        g.r.range(100, 90_000)
                    ));
            }
            3 => {
                let old = p.username.clone();
                let newer = format!("{}{}", p.username, g.r.range(1, 99));
                d.text("\"event\":\"username.changed\",\"old_username\":\"")
                    .pii("username", &old)
                    .text("\",\"new_username\":\"")
                    .pii("username", &newer)
                    .text("\",\"request_id\":\"")
                    .neg("uuid", &values::uuid(&mut g.r))
                    .text("\"}\n");
            }
            _ => {
                d.text("\"event\":\"payment.received\",\"payer\":\"")
                    .pii("person_name", &p.full_name())
                    .text(&format!(
                        "\",\"amount\":{}.{:02},\"store\":\"",
                        g.r.range(5, 900),
                        g.r.below(100)
                    ))
                    .neg("capitalized_phrase", g.r.choose(PHRASES))
                    .text("\",\"via\":\"");
                // Companies and places named like people: plain text, so
                // a scanner that reports them loses precision.
                d.text(g.r.choose(NAMED_LIKE_PEOPLE)).text("\"}\n");
            }
        }
    }
    out(path, d)
}

/// Companies and places whose names look like a person's.
const NAMED_LIKE_PEOPLE: &[&str] = &[
    "Morgan Stanley",
    "Wells Fargo",
    "Charles Schwab",
    "Santa Clara",
    "Hong Kong",
    "Los Angeles",
    "San Francisco",
    "Costa Rica",
    "Johnson Controls",
    "Warner Music",
    "Buenos Aires",
    "Marks Spencer",
    "Goldman Sachs",
    "Victoria Station",
];

/// An honorific in the person's language.
fn title(loc: Loc, female: bool) -> &'static str {
    match (loc, female) {
        (Loc::De, false) => "Herr",
        (Loc::De, true) => "Frau",
        (Loc::Fr | Loc::Ca, false) => "M.",
        (Loc::Fr | Loc::Ca, true) => "Mme",
        (Loc::Es, false) => "Sr.",
        (Loc::Es, true) => "Sra.",
        (Loc::It, false) => "Sig.",
        (Loc::It, true) => "Signora",
        (Loc::Nl, false) => "Dhr.",
        (Loc::Nl, true) => "Mevr.",
        (Loc::Pl, false) => "Pan",
        (Loc::Pl, true) => "Pani",
        (Loc::Br, false) => "Sr.",
        (Loc::Br, true) => "Sra.",
        (_, false) => "Mr.",
        (_, true) => "Ms.",
    }
}

/// Staff records as a YAML fixture: display names with titles, split
/// name fields, nested home addresses, user names.
fn staff_yaml() -> OutFile {
    let path = "fixtures/staff.yaml";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text("# Staff directory fixture (synthetic).\nstaff:\n");
    for i in 0..52 {
        let loc = LOCS[i % LOCS.len()];
        let p = someone(&mut g, loc);
        let a = people::address(&mut g.r, loc);
        let (particle, last) = split_particle(&p.last);
        let manager = g.person();
        d.text(&format!("  - id: emp-{:04}\n    display_name: \"", 100 + i));
        if g.r.chance(40) {
            let t = if g.r.chance(50) { "Dr." } else { title(loc, p.female) };
            d.text(t).text(" ");
        }
        d.pii("person_name", &p.full_name())
            .text("\"\n    first_name: ")
            .pii("person_name", p.first)
            .text("\n    last_name: ")
            .text(particle)
            .pii("person_name", last)
            .text("\n    username: ")
            .pii("username", &p.username)
            .text("\n    manager: ")
            .pii("person_name", &manager.full_name())
            .text("\n    team: ")
            .neg(
                "capitalized_phrase",
                g.r.choose(&[
                    "Service Desk",
                    "Customer Support Team",
                    "Express Checkout",
                ]),
            )
            .text("\n    home_address:\n      street: \"")
            .pii("street_address", &a.street)
            .text("\"\n      postal_code: \"")
            .pii("postal_code", &a.postal)
            .text(&format!("\"\n      city: {}\n", a.city));
    }
    out(path, d)
}

/// Per-locale letter: greeting, sign-off, a body line that names a third
/// person, and a quoted agent reply addressing the customer by first name.
fn letter(
    loc: Loc,
) -> (&'static str, &'static str, &'static str, &'static str) {
    match loc {
        Loc::Us => (
            "en-us",
            "Hi",
            "My neighbor ${other} can sign for the parcel if I am out.",
            "Best regards",
        ),
        Loc::Gb => (
            "en-gb",
            "Hello",
            "If I am away, ${other} next door will take it in.",
            "Kind regards",
        ),
        Loc::Ca => (
            "en-ca",
            "Hi",
            "My partner ${other} may call you about it.",
            "Thanks",
        ),
        Loc::Au => {
            ("en-au", "Hi", "My flatmate ${other} can collect it.", "Cheers")
        }
        Loc::In => (
            "en-in",
            "Dear",
            "My brother ${other} will collect the parcel.",
            "Regards",
        ),
        Loc::De => (
            "de",
            "Hallo",
            "Mein Nachbar ${other} nimmt das Paket gerne an.",
            "Viele Grüße",
        ),
        Loc::Fr => (
            "fr",
            "Bonjour",
            "Mon voisin ${other} peut réceptionner le colis.",
            "Bien cordialement",
        ),
        Loc::Es => (
            "es",
            "Hola",
            "Mi vecino ${other} puede recoger el paquete.",
            "Saludos",
        ),
        Loc::Nl => (
            "nl",
            "Beste",
            "Mijn buurman ${other} kan het pakket aannemen.",
            "Met vriendelijke groet",
        ),
        Loc::It => (
            "it",
            "Gentile",
            "Il mio vicino ${other} può ritirare il pacco.",
            "Cordiali saluti",
        ),
        Loc::Pl => (
            "pl",
            "Witaj",
            "Mój sąsiad ${other} może odebrać paczkę.",
            "Pozdrawiam",
        ),
        Loc::Br => (
            "pt-br",
            "Olá",
            "Meu vizinho ${other} pode receber a encomenda.",
            "Atenciosamente",
        ),
        Loc::Cn => (
            "en-cn",
            "Hello",
            "My colleague ${other} will pick it up.",
            "Thank you",
        ),
    }
}

/// Change-of-address letters: the new address in the body (multi-line),
/// a third person, a signature block with a rare or common name.
fn letters() -> Vec<OutFile> {
    let mut v = Vec::new();
    for (i, &loc) in LOCS.iter().enumerate() {
        let (tag, greeting, other_line, sign_off) = letter(loc);
        let path = format!("tickets/mail-{:02}-{tag}-address.eml", 14 + i);
        let mut g = Gen::new(&path);
        let p = people::rare_person(&mut g.r, loc);
        let other = g.person_in(loc);
        let a: Address = people::address(&mut g.r, loc);
        let t = clock::START_MS + g.r.range(0, 14 * 86_400_000);
        let mut d = Doc::labelled();
        d.text("From: \"")
            .pii("person_name", &p.full_name())
            .text("\" <")
            .pii("email", &p.email)
            .text(">\nTo: Acme Shop Support <")
            .pii("email", "support@acme-shop.example")
            .text(">\nSubject: New delivery address for order ")
            .neg("order_id", &order_id(&mut g.r))
            .text("\nDate: ")
            .neg("date", &clock::rfc2822(t))
            .text("\nContent-Type: text/plain; charset=utf-8\n\n")
            .text(greeting)
            .text(" Acme team,\n\nplease send my next order to:\n\n")
            .segs(&a.segments("\n"))
            .text("\n\n");
        let slots = [("other", Slot::Pii("person_name", other.full_name()))];
        let slots: Vec<(&str, &Slot)> =
            slots.iter().map(|(k, s)| (*k, s)).collect();
        render(&mut d, other_line, &slots);
        d.text(&format!("\n\n{sign_off},\n"))
            .pii("person_name", &p.full_name())
            .text("\n\n> Dear ")
            .pii("person_name", p.first)
            .text(",\n> thank you, the ")
            .neg("capitalized_phrase", "Express Checkout")
            .text(" team has updated the address.\n");
        v.push(out(&path, d));
    }
    v
}

/// PII-free prose full of capitalized phrases, product and place names.
fn release_notes() -> OutFile {
    let path = "clean/release-notes.md";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    for _ in 0..14 {
        let v = semver(&mut g.r);
        d.text("## Release ").neg("version_string", &v).text("\n\n");
        for _ in 0..6 {
            let phrase = g.r.choose(PHRASES);
            match g.r.below(6) {
                0 => {
                    d.text("- The ")
                        .neg("capitalized_phrase", phrase)
                        .text(" page loads faster on port 8443.\n");
                }
                1 => {
                    d.text("- New: ")
                        .neg("capitalized_phrase", phrase)
                        .text(" banner, shown until build ")
                        .neg("build_number", &super::records::build4(&mut g.r))
                        .text(" ships.\n");
                }
                2 => {
                    d.neg("capitalized_phrase", phrase)
                        .text(": fixed a crash when the cart holds more than 99 items.\n");
                }
                3 => {
                    d.text("- Renamed \"")
                        .neg("capitalized_phrase", phrase)
                        .text("\" to \"")
                        .neg("capitalized_phrase", g.r.choose(PHRASES))
                        .text("\" in the menu.\n");
                }
                4 => {
                    d.text("- Store finder lists ")
                        .neg("capitalized_phrase", phrase)
                        .text(" and Union Square again.\n");
                }
                _ => {
                    d.text("- Dependency bump: serde ")
                        .neg("version_string", &semver(&mut g.r))
                        .text(", tokio ")
                        .neg("version_string", &semver(&mut g.r))
                        .text(".\n");
                }
            }
        }
        d.text("\n");
    }
    out(path, d)
}

/// A product inventory: name columns that hold products, not people.
fn inventory_csv() -> OutFile {
    let path = "clean/inventory.csv";
    let mut g = Gen::new(path);
    let mut d = Doc::labelled();
    d.text("sku,name,category,warehouse,zone,qty,updated_at\n");
    let categories = ["Lighting", "Home Office", "Textiles", "Garden"];
    for _ in 0..120 {
        let t = g.tick();
        d.text(&format!(
            "SKU-{}-{},",
            g.r.chars(3, b"ABCDEFGHJKLMNPQRSTUVWXYZ"),
            g.r.range(100, 9999)
        ))
        .neg("capitalized_phrase", g.r.choose(PHRASES))
        .text(&format!(
            ",{},FRA-{},Z{},{},",
            g.r.pick(&categories),
            g.r.range(1, 9),
            g.r.range(1, 40),
            g.r.range(0, 500)
        ))
        .neg("timestamp", &clock::iso_s(t))
        .text("\n");
    }
    out(path, d)
}

/// Every file of this module.
pub fn files() -> Vec<OutFile> {
    let mut v = vec![contacts_csv(), crm_jsonl(), staff_yaml()];
    v.extend(letters());
    v.push(release_notes());
    v.push(inventory_csv());
    v
}
