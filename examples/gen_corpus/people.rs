//! Synthetic people: names, emails, usernames, phones, addresses, birth dates.
//!
//! Names come from short lists of very common first and last names per
//! locale, combined at random, so no record describes a real person. Phone
//! numbers use ranges reserved for fiction where a country has one (US
//! 555-01xx, Ofcom's 020 7946 0xxx and 07700 900xxx, ACMA's 02 5550 xxxx,
//! ARCEP's 01 99 00 xx xx); elsewhere they are random but well formed.

use super::rng::Rng;
use super::values::unambiguous;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Loc {
    Us,
    Gb,
    Ca,
    Au,
    In,
    De,
    Fr,
    Es,
    Nl,
    It,
    Pl,
    Br,
    Cn,
}

pub const LOCS: [Loc; 13] = [
    Loc::Us,
    Loc::Gb,
    Loc::Ca,
    Loc::Au,
    Loc::In,
    Loc::De,
    Loc::Fr,
    Loc::Es,
    Loc::Nl,
    Loc::It,
    Loc::Pl,
    Loc::Br,
    Loc::Cn,
];

impl Loc {
    /// ISO 3166 alpha-2 code.
    pub fn code(self) -> &'static str {
        match self {
            Loc::Us => "US",
            Loc::Gb => "GB",
            Loc::Ca => "CA",
            Loc::Au => "AU",
            Loc::In => "IN",
            Loc::De => "DE",
            Loc::Fr => "FR",
            Loc::Es => "ES",
            Loc::Nl => "NL",
            Loc::It => "IT",
            Loc::Pl => "PL",
            Loc::Br => "BR",
            Loc::Cn => "CN",
        }
    }
}

/// First names alternate male, female (even index male) so the gender that
/// PESEL, NIR and codice fiscale encode agrees with the name.
fn names(loc: Loc) -> (&'static [&'static str], &'static [&'static str]) {
    match loc {
        Loc::Us => (
            &[
                "James",
                "Mary",
                "Robert",
                "Patricia",
                "John",
                "Jennifer",
                "Michael",
                "Linda",
                "David",
                "Elizabeth",
                "William",
                "Barbara",
                "Richard",
                "Susan",
                "Joseph",
                "Jessica",
            ],
            &[
                "Smith",
                "Johnson",
                "Williams",
                "Brown",
                "Jones",
                "Garcia",
                "Miller",
                "Davis",
                "Rodriguez",
                "Martinez",
                "Wilson",
                "Anderson",
                "Taylor",
                "Thomas",
                "Moore",
                "Jackson",
            ],
        ),
        Loc::Gb => (
            &[
                "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack",
                "Emily", "Charlie", "Sophie", "Thomas", "Grace",
            ],
            &[
                "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
                "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright",
            ],
        ),
        Loc::Ca => (
            &[
                "Liam",
                "Olivia",
                "Noah",
                "Emma",
                "Félix",
                "Léa",
                "William",
                "Charlotte",
                "Benjamin",
                "Alice",
            ],
            &[
                "Tremblay",
                "Gagnon",
                "Roy",
                "Côté",
                "Bouchard",
                "MacDonald",
                "Wilson",
                "Campbell",
                "Gauthier",
                "Morin",
            ],
        ),
        Loc::Au => (
            &[
                "Noah",
                "Charlotte",
                "Oliver",
                "Olivia",
                "William",
                "Isla",
                "Jack",
                "Mia",
                "Leo",
                "Ava",
            ],
            &[
                "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor",
                "Nguyen", "Johnson", "Martin", "White",
            ],
        ),
        Loc::In => (
            &[
                "Aarav", "Priya", "Vivaan", "Ananya", "Aditya", "Diya",
                "Arjun", "Isha", "Rohan", "Kavya",
            ],
            &[
                "Sharma", "Verma", "Patel", "Gupta", "Singh", "Kumar",
                "Reddy", "Iyer", "Nair", "Das",
            ],
        ),
        Loc::De => (
            &[
                "Lukas",
                "Anna",
                "Leon",
                "Lea",
                "Felix",
                "Marie",
                "Jonas",
                "Sophie",
                "Paul",
                "Laura",
                "Maximilian",
                "Katharina",
            ],
            &[
                "Müller",
                "Schmidt",
                "Schneider",
                "Fischer",
                "Weber",
                "Meyer",
                "Wagner",
                "Becker",
                "Schulz",
                "Hoffmann",
                "Schäfer",
                "Koch",
            ],
        ),
        Loc::Fr => (
            &[
                "Gabriel", "Louise", "Raphaël", "Emma", "Léo", "Jade",
                "Louis", "Chloé", "Lucas", "Camille",
            ],
            &[
                "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
                "Petit", "Durand", "Leroy", "Moreau", "Lefèvre", "Girard",
            ],
        ),
        Loc::Es => (
            &[
                "Hugo",
                "Lucía",
                "Martín",
                "Sofía",
                "Pablo",
                "María",
                "Alejandro",
                "Paula",
                "Daniel",
                "Carmen",
            ],
            &[
                "García",
                "Rodríguez",
                "González",
                "Fernández",
                "López",
                "Martínez",
                "Sánchez",
                "Pérez",
                "Gómez",
                "Jiménez",
            ],
        ),
        Loc::Nl => (
            &[
                "Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi",
                "Tess", "Finn", "Sophie",
            ],
            &[
                "de Jong",
                "Jansen",
                "de Vries",
                "van den Berg",
                "van Dijk",
                "Bakker",
                "Janssen",
                "Visser",
                "Smit",
                "Meijer",
            ],
        ),
        Loc::It => (
            &[
                "Leonardo",
                "Sofia",
                "Francesco",
                "Giulia",
                "Alessandro",
                "Aurora",
                "Lorenzo",
                "Alice",
                "Mattia",
                "Ginevra",
            ],
            &[
                "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
                "Colombo", "Ricci", "Marino", "Greco",
            ],
        ),
        Loc::Pl => (
            &[
                "Jakub",
                "Zuzanna",
                "Antoni",
                "Julia",
                "Jan",
                "Maja",
                "Szymon",
                "Hanna",
                "Franciszek",
                "Lena",
            ],
            &[
                "Nowak",
                "Kowalski",
                "Wiśniewski",
                "Wójcik",
                "Kowalczyk",
                "Kamiński",
                "Lewandowski",
                "Zieliński",
                "Szymański",
                "Woźniak",
            ],
        ),
        Loc::Br => (
            &[
                "Miguel",
                "Helena",
                "Arthur",
                "Alice",
                "Gael",
                "Laura",
                "Heitor",
                "Manuela",
                "Theo",
                "Valentina",
            ],
            &[
                "Silva",
                "Santos",
                "Oliveira",
                "Souza",
                "Rodrigues",
                "Ferreira",
                "Alves",
                "Pereira",
                "Lima",
                "Gomes",
            ],
        ),
        Loc::Cn => (
            &[
                "Wei", "Fang", "Lei", "Jing", "Hao", "Min", "Jun", "Li",
                "Tao", "Xin",
            ],
            &[
                "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao",
                "Wu", "Zhou",
            ],
        ),
    }
}

/// Mail domains: reserved (example.*, .test) or made up.
fn domains(loc: Loc) -> &'static [&'static str] {
    match loc {
        Loc::De => &[
            "acme-mail.com",
            "example.com",
            "mailpost.test",
            "kundenpost.example",
        ],
        Loc::Fr => &[
            "acme-mail.com",
            "example.com",
            "courriel.test",
            "laposte.example",
        ],
        Loc::Es => {
            &["acme-mail.com", "example.com", "correo.example", "buzon.test"]
        }
        Loc::Nl => {
            &["acme-mail.com", "example.com", "postvak.test", "example.nl"]
        }
        Loc::It => {
            &["acme-mail.com", "example.com", "posta.example", "casella.test"]
        }
        Loc::Pl => &[
            "acme-mail.com",
            "example.com",
            "poczta.test",
            "skrzynka.example",
        ],
        Loc::Br => {
            &["acme-mail.com", "example.com", "correio.test", "caixa.example"]
        }
        _ => &[
            "acme-mail.com",
            "example.com",
            "example.org",
            "corp.example",
            "mailbox.test",
            "inbox.test",
            "globomail.test",
        ],
    }
}

/// ASCII, lowercase, no spaces: what a mail provider would accept.
pub fn ascii_slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let rep = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'É' => "e",
            'á' | 'à' | 'â' | 'ã' | 'ą' => "a",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'õ' => "o",
            'ú' | 'ù' | 'û' => "u",
            'ç' | 'ć' => "c",
            'ñ' | 'ń' => "n",
            'ś' => "s",
            'ź' | 'ż' => "z",
            'ł' => "l",
            ' ' | '\'' | '-' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(rep);
    }
    out
}

/// One synthetic person.
#[derive(Clone, Debug)]
pub struct Person {
    pub loc: Loc,
    pub first: &'static str,
    pub last: String,
    pub female: bool,
    /// (year, month, day); days stop at 28 so every month is valid.
    pub birth: (u32, u32, u32),
    pub email: String,
    pub username: String,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// Date of birth the way this locale writes it by hand.
    pub fn dob_local(&self) -> String {
        let (y, m, d) = self.birth;
        match self.loc {
            Loc::Us => format!("{m:02}/{d:02}/{y}"),
            Loc::De | Loc::Pl => format!("{d:02}.{m:02}.{y}"),
            Loc::Nl => format!("{d:02}-{m:02}-{y}"),
            Loc::Cn => format!("{y}-{m:02}-{d:02}"),
            _ => format!("{d:02}/{m:02}/{y}"),
        }
    }

    pub fn dob_iso(&self) -> String {
        let (y, m, d) = self.birth;
        format!("{y}-{m:02}-{d:02}")
    }
}

pub fn person(r: &mut Rng, loc: Loc) -> Person {
    let (firsts, lasts) = names(loc);
    let i = r.below(firsts.len() as u64) as usize;
    let last = (*r.pick(lasts)).to_string();
    finish(r, loc, firsts[i], i % 2 == 1, last)
}

/// Rare names per locale (given names alternating male, female; then
/// surnames): none is in piiscan's name lists (`patterns/names/`), so a
/// scanner finds them only from shape, fields and context.
fn rare_names(loc: Loc) -> (&'static [&'static str], &'static [&'static str]) {
    match loc {
        Loc::Us => (
            &["Kalani", "Ottoline", "Oluwaseun", "Thandiwe"],
            &["Quillfeather", "Ravensworth", "Pennywhistle", "Adeyemi"],
        ),
        Loc::Gb => (
            &["Oisín", "Eilidh", "Anselm", "Gwenllian"],
            &["Oakenshaw", "Fairweather", "Thistlewood", "Okonkwo"],
        ),
        Loc::Ca => (
            &["Aurélien", "Maëlys", "Enguerrand", "Gwenaëlle"],
            &["Kerhervé", "Rouxel", "Quéméner", "Brackenridge"],
        ),
        Loc::Au => (
            &["Siosaia", "Wanjiru", "Tavita", "Ngozi"],
            &["Faleolo", "Kamau", "Okonkwo", "Lindqvist"],
        ),
        Loc::In => (
            &["Chaitanya", "Aarushi", "Tanmay", "Ishita"],
            &["Deshpande", "Raghunathan", "Venkataraman", "Chakraborty"],
        ),
        Loc::De => (
            &["Wendelin", "Hiltrud", "Ortwin", "Wiebke"],
            &["Oberhollenzer", "Wildgruber", "Pfefferkorn", "Hinterleitner"],
        ),
        Loc::Fr => (
            &["Enguerrand", "Gwenaëlle", "Aurélien", "Maëlys"],
            &["Kerhervé", "Rouxel", "Quéméner", "Le Bihan"],
        ),
        Loc::Es => (
            &["Iñaki", "Itziar", "Eneko", "Begoña"],
            &["Aguirrezabala", "Etxeberria", "Arrizabalaga", "Goikoetxea"],
        ),
        Loc::Nl => (
            &["Sjoerd", "Froukje", "Tjeerd", "Wietske"],
            &["Uijterwaal", "Tjoelker", "Vanderhoek", "van Oostveen"],
        ),
        Loc::It => (
            &["Ottavio", "Ludovica", "Crisanto", "Ippolita"],
            &["Buonarroti", "Scarpellini", "Tagliaferri", "Zanella"],
        ),
        Loc::Pl => (
            &["Radomir", "Bronisława", "Jarogniew", "Ludmiła"],
            &["Zabłocki", "Grzegorczyk", "Przybylski", "Ostrowski"],
        ),
        Loc::Br => (
            &["Ubirajara", "Jurema", "Raimundo", "Iracema"],
            &["Magalhães", "Figueiredo", "Vasconcelos", "Albuquerque"],
        ),
        Loc::Cn => (
            &["Haoran", "Zixuan", "Shaoqing", "Yuqi"],
            &["Ouyang", "Shangguan", "Zhuge", "Situ"],
        ),
    }
}

/// A person with a rare given name or surname (or both) for `loc`.
pub fn rare_person(r: &mut Rng, loc: Loc) -> Person {
    let (rare_first, rare_last) = rare_names(loc);
    let (firsts, lasts) = names(loc);
    let which = r.below(3);
    let (first, female) = if which == 1 {
        let i = r.below(firsts.len() as u64) as usize;
        (firsts[i], i % 2 == 1)
    } else {
        let i = r.below(rare_first.len() as u64) as usize;
        (rare_first[i], i % 2 == 1)
    };
    let last = if which == 2 { *r.pick(lasts) } else { *r.pick(rare_last) };
    finish(r, loc, first, female, last.to_string())
}

/// The rest of a person: surname agreement, birth date, email, username.
fn finish(
    r: &mut Rng,
    loc: Loc,
    first: &'static str,
    female: bool,
    mut last: String,
) -> Person {
    if loc == Loc::Pl && female {
        // Polish surnames in -ski/-cki take -ska/-cka for women.
        if let Some(stem) = last.strip_suffix("ski") {
            last = format!("{stem}ska");
        } else if let Some(stem) = last.strip_suffix("cki") {
            last = format!("{stem}cka");
        }
    }
    let birth = (
        r.range(1950, 2004) as u32,
        r.range(1, 12) as u32,
        r.range(1, 28) as u32,
    );
    let (f, l) = (ascii_slug(first), ascii_slug(&last));
    let yy = birth.0 % 100;
    let local = match r.below(7) {
        0 | 1 => format!("{f}.{l}"),
        2 => format!("{f}{l}"),
        3 => format!("{}.{l}", &f[..1]),
        4 => format!("{f}_{l}{yy:02}"),
        5 => format!("{l}.{f}"),
        _ => format!(
            "{f}.{l}+{}",
            r.pick(&["shop", "news", "orders", "support"])
        ),
    };
    let email = format!("{local}@{}", r.pick(domains(loc)));
    let username = match r.below(4) {
        0 => format!("{}{l}", &f[..1]),
        1 => format!("{f}.{l}"),
        2 => format!("{f}{}{}", &l[..1], r.range(10, 99)),
        _ => format!("{l}{}", &f[..1]),
    };
    Person { loc, first, last, female, birth, email, username }
}

/// Digits of a phone number, with and without the country calling code.
fn phone_digit_forms(p: &str) -> Vec<String> {
    let all: String = p.chars().filter(char::is_ascii_digit).collect();
    let mut forms = vec![all.clone()];
    for cc in
        ["1", "44", "49", "33", "34", "31", "39", "48", "55", "91", "61", "86"]
    {
        if p.starts_with('+') && all.starts_with(cc) {
            forms.push(all[cc.len()..].to_string());
            forms.push(format!("0{}", &all[cc.len()..]));
        }
    }
    forms
}

/// A phone number in one of the locale's usual written forms. Numbers whose
/// digits happen to pass a national-id or card checksum are redrawn, so the
/// truth never depends on which same-shaped kind a scanner prefers.
pub fn phone(r: &mut Rng, loc: Loc) -> String {
    for _ in 0..1000 {
        let p = phone_once(r, loc);
        if phone_digit_forms(&p).iter().all(|d| unambiguous("", d)) {
            return p;
        }
    }
    phone_once(r, loc)
}

fn phone_once(r: &mut Rng, loc: Loc) -> String {
    let d = |r: &mut Rng, n: usize| r.digits(n);
    match loc {
        Loc::Us | Loc::Ca => {
            let areas: &[&str] = if loc == Loc::Us {
                &[
                    "202", "212", "312", "415", "617", "713", "206", "303",
                    "404", "503",
                ]
            } else {
                &["416", "604", "514", "613", "403"]
            };
            let a = *r.pick(areas);
            let l = format!("01{}", d(r, 2));
            match r.below(6) {
                0 => format!("({a}) 555-{l}"),
                1 => format!("{a}-555-{l}"),
                2 => format!("+1 {a}-555-{l}"),
                3 => format!("+1 ({a}) 555-{l}"),
                4 => format!("{a}.555.{l}"),
                _ => format!("+1{a}555{l}"),
            }
        }
        Loc::Gb => match r.below(5) {
            0 | 1 => format!("+44 20 7946 0{}", d(r, 3)),
            2 => format!("020 7946 0{}", d(r, 3)),
            3 => format!("+44 7700 900{}", d(r, 3)),
            _ => format!("07700 900{}", d(r, 3)),
        },
        Loc::De => match r.below(4) {
            0 | 1 => format!("+49 30 23125 {}", d(r, 3)),
            2 => format!("030 23125 {}", d(r, 3)),
            _ => format!("+49 30 23125{}", d(r, 3)),
        },
        Loc::Fr => match r.below(5) {
            0 => format!("+33 1 99 00 {} {}", d(r, 2), d(r, 2)),
            1 => format!("01 99 00 {} {}", d(r, 2), d(r, 2)),
            2 => format!("06 39 98 {} {}", d(r, 2), d(r, 2)),
            3 => format!("+33 6 39 98 {} {}", d(r, 2), d(r, 2)),
            _ => format!("01.99.00.{}.{}", d(r, 2), d(r, 2)),
        },
        Loc::Es => match r.below(3) {
            0 => format!("+34 91 {} {} {}", d(r, 3), d(r, 2), d(r, 2)),
            1 => format!("+34 6{} {} {}", d(r, 2), d(r, 3), d(r, 3)),
            _ => format!("91 {} {} {}", d(r, 3), d(r, 2), d(r, 2)),
        },
        Loc::Nl => match r.below(4) {
            0 => format!("+31 20 {} {}", d(r, 3), d(r, 4)),
            1 => format!("020-{}", d(r, 7)),
            2 => format!("06-{}", d(r, 8)),
            _ => format!("+31 6 {} {}", d(r, 4), d(r, 4)),
        },
        Loc::It => match r.below(3) {
            0 => format!("+39 06 {} {}", d(r, 4), d(r, 4)),
            1 => format!("+39 3{} {} {}", d(r, 2), d(r, 3), d(r, 4)),
            _ => format!("06 {} {}", d(r, 4), d(r, 4)),
        },
        Loc::Pl => match r.below(3) {
            0 => format!("+48 22 {} {} {}", d(r, 3), d(r, 2), d(r, 2)),
            1 => format!(
                "+48 {}{} {} {}",
                r.range(5, 7),
                d(r, 2),
                d(r, 3),
                d(r, 3)
            ),
            _ => format!("22 {} {} {}", d(r, 3), d(r, 2), d(r, 2)),
        },
        Loc::Br => match r.below(4) {
            0 => format!("+55 11 9{}-{}", d(r, 4), d(r, 4)),
            1 => format!("(11) 9{}-{}", d(r, 4), d(r, 4)),
            2 => format!("+55 21 9{} {}", d(r, 4), d(r, 4)),
            _ => format!("(21) {}-{}", d(r, 4), d(r, 4)),
        },
        Loc::In => {
            let lead = r.range(6, 9);
            match r.below(2) {
                0 => format!("+91 {lead}{} {}", d(r, 4), d(r, 5)),
                _ => format!("+91-{lead}{}-{}", d(r, 4), d(r, 5)),
            }
        }
        Loc::Au => match r.below(4) {
            0 => format!("+61 2 5550 {}", d(r, 4)),
            1 => format!("(02) 5550 {}", d(r, 4)),
            2 => format!("+61 491 570 {}", d(r, 3)),
            _ => format!("0491 570 {}", d(r, 3)),
        },
        Loc::Cn => match r.below(2) {
            0 => format!("+86 138 {} {}", d(r, 4), d(r, 4)),
            _ => format!("+86 10 {} {}", d(r, 4), d(r, 4)),
        },
    }
}

/// A postal address: street line and postal code are labelled, city and
/// region are not (no kind for them).
pub struct Address {
    pub loc: Loc,
    pub street: String,
    pub postal: String,
    pub city: &'static str,
    pub region: &'static str,
}

impl Address {
    /// The address in the locale's order; `sep` goes between the street line
    /// and the city line (", " inline, "\n" in a signature block).
    pub fn segments(&self, sep: &str) -> Vec<(Option<&'static str>, String)> {
        let street = (Some("street_address"), self.street.clone());
        let postal = (Some("postal_code"), self.postal.clone());
        let t = |s: String| (None, s);
        match self.loc {
            Loc::Us => vec![
                street,
                t(format!("{sep}{}, {} ", self.city, self.region)),
                postal,
            ],
            Loc::Ca | Loc::Au => vec![
                street,
                t(format!("{sep}{} {} ", self.city, self.region)),
                postal,
            ],
            Loc::Gb | Loc::In | Loc::Cn => {
                vec![street, t(format!("{sep}{} ", self.city)), postal]
            }
            Loc::Br => vec![
                street,
                t(format!("{sep}{} - {}, ", self.city, self.region)),
                postal,
            ],
            _ => vec![
                street,
                t(sep.to_string()),
                postal,
                t(format!(" {}", self.city)),
            ],
        }
    }
}

pub fn address(r: &mut Rng, loc: Loc) -> Address {
    let n = r.range(1, 120);
    let up = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let (street, postal, city, region) = match loc {
        Loc::Us => {
            let (city, st, zip) = *r.pick(&[
                ("Springfield", "IL", "627"),
                ("Riverside", "CA", "925"),
                ("Franklin", "TN", "370"),
                ("Greenville", "SC", "296"),
                ("Madison", "WI", "537"),
                ("Fairview", "TX", "750"),
            ]);
            let street = format!(
                "{} {} {}",
                r.range(10, 9899),
                r.pick(&[
                    "Maple", "Oak", "Cedar", "Elm", "Pine", "Lakeview",
                    "Sunset"
                ]),
                r.pick(&["St", "Ave", "Blvd", "Dr", "Lane", "Road"])
            );
            (street, format!("{zip}{}", r.digits(2)), city, st)
        }
        Loc::Ca => {
            let (city, prov, fsa) = *r.pick(&[
                ("Toronto", "ON", "M"),
                ("Vancouver", "BC", "V"),
                ("Montréal", "QC", "H"),
                ("Ottawa", "ON", "K"),
            ]);
            let street = format!(
                "{} {} {}",
                r.range(10, 2999),
                r.pick(&["Maple", "Queen", "King", "Birch", "Lakeshore"]),
                r.pick(&["Street", "Avenue", "Crescent"])
            );
            let postal = format!(
                "{fsa}{}{} {}{}{}",
                r.below(10),
                r.chars(1, b"ABCEGHJKLMNPRSTVWXYZ"),
                r.below(10),
                r.chars(1, b"ABCEGHJKLMNPRSTVWXYZ"),
                r.below(10)
            );
            (street, postal, city, prov)
        }
        Loc::Au => {
            let (city, st, p) = *r.pick(&[
                ("Sydney", "NSW", "2"),
                ("Melbourne", "VIC", "3"),
                ("Brisbane", "QLD", "4"),
                ("Perth", "WA", "6"),
            ]);
            let street = format!(
                "{n} {} {}",
                r.pick(&["George", "King", "Collins", "Victoria", "Smith"]),
                r.pick(&["Street", "Road", "Parade"])
            );
            (street, format!("{p}{}", r.digits(3)), city, st)
        }
        Loc::Gb => {
            let (city, outs) = *r.pick(&[
                ("London", &["N1", "E2", "SE1", "NW3", "W4"][..]),
                ("Manchester", &["M1", "M4", "M20"][..]),
                ("Leeds", &["LS1", "LS6"][..]),
                ("Bristol", &["BS1", "BS8"][..]),
            ]);
            let street = format!(
                "{n} {} {}",
                r.pick(&[
                    "Station", "Church", "Victoria", "Mill", "Park", "Manor"
                ]),
                r.pick(&["Road", "Street", "Lane", "Close", "Avenue"])
            );
            let postal = format!(
                "{} {}{}",
                r.pick(outs),
                r.below(10),
                r.chars(2, b"ABDEFGHJLNPQRSTUWXYZ")
            );
            (street, postal, city, "")
        }
        Loc::In => {
            let (city, p) = *r.pick(&[
                ("Bengaluru", "560"),
                ("Mumbai", "400"),
                ("New Delhi", "110"),
                ("Chennai", "600"),
            ]);
            let street = format!(
                "{n} {}",
                r.pick(&[
                    "MG Road",
                    "Residency Road",
                    "Linking Road",
                    "Anna Salai"
                ])
            );
            (street, format!("{p}{}", r.digits(3)), city, "")
        }
        Loc::Cn => {
            let (city, p) = *r.pick(&[
                ("Beijing", "100"),
                ("Shanghai", "200"),
                ("Shenzhen", "518"),
                ("Guangzhou", "510"),
            ]);
            let street = format!(
                "{n} {}",
                r.pick(&[
                    "Jianguo Road",
                    "Nanjing Road",
                    "Huaihai Road",
                    "Shennan Avenue"
                ])
            );
            (street, format!("{p}{}", r.digits(3)), city, "")
        }
        Loc::De => {
            let (city, p) = *r.pick(&[
                ("Berlin", "10"),
                ("Hamburg", "20"),
                ("München", "80"),
                ("Köln", "50"),
                ("Frankfurt am Main", "60"),
            ]);
            let street = format!(
                "{} {n}",
                r.pick(&[
                    "Lindenstraße",
                    "Hauptstraße",
                    "Bahnhofstraße",
                    "Gartenweg",
                    "Schillerstraße",
                    "Am Markt"
                ])
            );
            (street, format!("{p}{}", r.digits(3)), city, "")
        }
        Loc::Fr => {
            let (city, p) = *r.pick(&[
                ("Paris", "750"),
                ("Lyon", "6900"),
                ("Marseille", "130"),
                ("Nantes", "4400"),
            ]);
            let street = format!(
                "{n} {}",
                r.pick(&[
                    "rue des Lilas",
                    "avenue Victor Hugo",
                    "boulevard Voltaire",
                    "impasse des Roses",
                    "rue du Moulin"
                ])
            );
            (street, format!("{p}{}", r.digits(5 - p.len())), city, "")
        }
        Loc::Es => {
            let (city, p) = *r.pick(&[
                ("Madrid", "280"),
                ("Barcelona", "080"),
                ("Valencia", "460"),
                ("Sevilla", "410"),
            ]);
            let street = format!(
                "{} {n}",
                r.pick(&[
                    "Calle Mayor",
                    "Avenida de América",
                    "Calle de Alcalá",
                    "Paseo del Prado",
                    "Calle Real"
                ])
            );
            (street, format!("{p}{}", r.digits(2)), city, "")
        }
        Loc::Nl => {
            let (city, p) = *r.pick(&[
                ("Amsterdam", "10"),
                ("Rotterdam", "30"),
                ("Utrecht", "35"),
                ("Den Haag", "25"),
            ]);
            let street = format!(
                "{} {n}",
                r.pick(&[
                    "Kerkstraat",
                    "Dorpsstraat",
                    "Molenweg",
                    "Stationsweg",
                    "Prinsengracht"
                ])
            );
            (
                street,
                format!("{p}{} {}", r.digits(2), r.chars(2, up)),
                city,
                "",
            )
        }
        Loc::It => {
            let (city, p) = *r.pick(&[
                ("Roma", "001"),
                ("Milano", "201"),
                ("Napoli", "801"),
                ("Torino", "101"),
            ]);
            let street = format!(
                "{} {n}",
                r.pick(&[
                    "Via Roma",
                    "Via Garibaldi",
                    "Corso Italia",
                    "Via Dante",
                    "Piazza Verdi"
                ])
            );
            (street, format!("{p}{}", r.digits(2)), city, "")
        }
        Loc::Pl => {
            let (city, p) = *r.pick(&[
                ("Warszawa", "0"),
                ("Kraków", "3"),
                ("Gdańsk", "8"),
                ("Wrocław", "5"),
            ]);
            let flat = if r.chance(50) {
                format!("/{}", r.range(1, 40))
            } else {
                String::new()
            };
            let street = format!(
                "ul. {} {n}{flat}",
                r.pick(&[
                    "Kwiatowa",
                    "Polna",
                    "Leśna",
                    "Słoneczna",
                    "Ogrodowa"
                ])
            );
            (street, format!("{p}{}-{}", r.below(10), r.digits(3)), city, "")
        }
        Loc::Br => {
            let (city, uf, p) = *r.pick(&[
                ("São Paulo", "SP", "0"),
                ("Rio de Janeiro", "RJ", "2"),
                ("Belo Horizonte", "MG", "3"),
                ("Curitiba", "PR", "8"),
            ]);
            let street = format!(
                "{}, {}",
                r.pick(&[
                    "Rua das Flores",
                    "Avenida Paulista",
                    "Rua Augusta",
                    "Rua XV de Novembro"
                ]),
                r.range(10, 1999)
            );
            (street, format!("{p}{}-{}", r.digits(4), r.digits(3)), city, uf)
        }
    };
    Address { loc, street, postal, city, region }
}

/// City centres per locale; coordinates are jittered around them.
pub fn geo(r: &mut Rng, loc: Loc) -> String {
    let (lat, lon) = match loc {
        Loc::Us => (40.7128, -74.0060),
        Loc::Gb => (51.5072, -0.1276),
        Loc::Ca => (43.6532, -79.3832),
        Loc::Au => (-33.8688, 151.2093),
        Loc::In => (19.0760, 72.8777),
        Loc::De => (52.5200, 13.4050),
        Loc::Fr => (48.8566, 2.3522),
        Loc::Es => (40.4168, -3.7038),
        Loc::Nl => (52.3676, 4.9041),
        Loc::It => (41.9028, 12.4964),
        Loc::Pl => (52.2297, 21.0122),
        Loc::Br => (-23.5505, -46.6333),
        Loc::Cn => (39.9042, 116.4074),
    };
    let jitter =
        |r: &mut Rng| (r.below(100_001) as f64 - 50_000.0) / 1_000_000.0;
    let (la, lo) = (lat + jitter(r), lon + jitter(r));
    let sep = if r.chance(50) { ", " } else { "," };
    if r.chance(50) {
        format!("{la:.5}{sep}{lo:.5}")
    } else {
        format!("{la:.6}{sep}{lo:.6}")
    }
}
