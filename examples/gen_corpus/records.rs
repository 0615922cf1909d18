//! Line generators shared by the labelled sample and the benchmark corpus:
//! JSON app logs, sshd syslog, nginx access logs, log4j lines, logfmt worker
//! logs, CSV ticket rows, and PII-free noise. Every line mixes personal data
//! with the look-alikes real logs are full of (timestamps, epoch millis,
//! UUIDs, versions, byte counters, order ids), and marks both.

use super::clock;
use super::doc::Doc;
use super::people::{self, Loc, Person, LOCS};
use super::rng::Rng;
use super::values;

/// Generator state: randomness, the synthetic clock, counters.
pub struct Gen {
    pub r: Rng,
    /// Wall clock of the synthetic logs (ms since the epoch); only moves
    /// forward so every file reads chronologically.
    pub now_ms: u64,
    /// Benchmark mode only: pre-drawn checksum-valid values per kind.
    pool: Option<Vec<(&'static str, Vec<String>)>>,
    seq: u64,
}

impl Gen {
    pub fn new(label: &str) -> Self {
        Gen {
            r: Rng::for_label(label),
            now_ms: clock::START_MS,
            pool: None,
            seq: 0,
        }
    }

    /// Rejection sampling costs up to thousands of validator calls per IBAN;
    /// for hundreds of MiB, values come from a pool drawn once instead.
    pub fn pooled(label: &str, per_kind: usize) -> Self {
        let mut g = Gen::new(label);
        let mut pool = Vec::new();
        for &(kind, loc) in values::MADE {
            let vals = (0..per_kind)
                .map(|_| {
                    let loc = loc.unwrap_or_else(|| *g.r.pick(&LOCS));
                    let p = people::person(&mut g.r, loc);
                    values::make(&mut g.r, kind, &p)
                })
                .collect();
            pool.push((kind, vals));
        }
        g.pool = Some(pool);
        g
    }

    pub fn tick(&mut self) -> u64 {
        self.now_ms += self.r.range(3, 2400);
        self.now_ms
    }

    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn person(&mut self) -> Person {
        let loc = *self.r.pick(&LOCS);
        people::person(&mut self.r, loc)
    }

    pub fn person_in(&mut self, loc: Loc) -> Person {
        people::person(&mut self.r, loc)
    }

    /// A value of checksum-validated `kind` for person `p`.
    pub fn id(&mut self, kind: &str, p: &Person) -> String {
        if let Some(pool) = &self.pool {
            if let Some((_, vals)) = pool.iter().find(|(k, _)| *k == kind) {
                return vals[self.r.below(vals.len() as u64) as usize].clone();
            }
        }
        values::make(&mut self.r, kind, p)
    }

    pub fn phone(&mut self, loc: Loc) -> String {
        people::phone(&mut self.r, loc)
    }

    /// The person's main national id: (kind, value).
    pub fn national_id(&mut self, p: &Person) -> (&'static str, String) {
        let v = self.r.next_u64();
        let kind = values::national_ids(p.loc, v)[0];
        (kind, self.id(kind, p))
    }
}

/// Field name a record would use for a national id.
pub fn id_key(kind: &str) -> &'static str {
    match kind {
        "us_ssn" => "ssn",
        "us_itin" => "itin",
        "us_passport" => "passport_number",
        "uk_nino" => "ni_number",
        "uk_nhs" => "nhs_number",
        "ca_sin" => "sin",
        "fr_nir" => "nir",
        "de_tax_id" => "steuer_id",
        "es_dni" => "dni",
        "es_nie" => "nie",
        "it_fiscal_code" => "codice_fiscale",
        "nl_bsn" => "bsn",
        "pl_pesel" => "pesel",
        "br_cpf" => "cpf",
        "in_aadhaar" => "aadhaar",
        "in_pan" => "pan",
        "au_tfn" => "tfn",
        "cn_resident_id" => "resident_id",
        _ => "national_id",
    }
}

/// How a person would name the id in an English sentence.
pub fn id_label(kind: &str) -> &'static str {
    match kind {
        "us_ssn" => "SSN",
        "us_itin" => "ITIN",
        "us_passport" => "passport number",
        "uk_nino" => "National Insurance number",
        "uk_nhs" => "NHS number",
        "ca_sin" => "SIN",
        "fr_nir" => "numéro de sécurité sociale",
        "de_tax_id" => "Steuer-ID",
        "es_dni" => "DNI",
        "es_nie" => "NIE",
        "it_fiscal_code" => "codice fiscale",
        "nl_bsn" => "BSN",
        "pl_pesel" => "PESEL",
        "br_cpf" => "CPF",
        "in_aadhaar" => "Aadhaar number",
        "in_pan" => "PAN",
        "au_tfn" => "TFN",
        "cn_resident_id" => "resident ID number",
        _ => "ID",
    }
}

pub fn semver(r: &mut Rng) -> String {
    format!("{}.{}.{}", r.range(1, 5), r.range(0, 20), r.range(0, 30))
}

/// Four-part build numbers; some are shaped exactly like IPv4 addresses.
pub fn build4(r: &mut Rng) -> String {
    if r.chance(50) {
        format!("10.0.{}.{}", r.range(17_763, 22_631), r.range(1, 3000))
    } else {
        format!(
            "{}.{}.{}.{}",
            r.range(1, 9),
            r.range(0, 9),
            r.range(0, 9),
            r.range(0, 250)
        )
    }
}

pub fn order_id(r: &mut Rng) -> String {
    format!("ORD-2024-{:06}", r.range(1, 999_999))
}

pub fn invoice_id(r: &mut Rng) -> String {
    format!("INV-{}", r.range(10_000_000, 99_999_999))
}

fn latency(r: &mut Rng) -> String {
    format!("{:.1}", r.range(3, 25_000) as f64 / 10.0)
}

fn amount(r: &mut Rng) -> String {
    format!("{}.{:02}", r.range(1, 2500), r.below(100))
}

/// A browser or client user agent; browser version strings that look like
/// IPv4 addresses (`Chrome/122.0.0.0`) are marked as negatives.
pub fn user_agent(g: &mut Gen, d: &mut Doc) {
    match g.r.below(6) {
        0 | 1 => {
            let os = *g.r.pick(&[
                "Windows NT 10.0; Win64; x64",
                "X11; Linux x86_64",
                "Macintosh; Intel Mac OS X 10_15_7",
            ]);
            d.text(&format!("Mozilla/5.0 ({os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"))
                .neg("version_string", &format!("{}.0.0.0", g.r.range(118, 124)))
                .text(" Safari/537.36");
        }
        2 => {
            d.text(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 \
                 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
            );
        }
        3 => {
            let v = g.r.range(115, 124);
            d.text(&format!("Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"));
        }
        4 => {
            d.text("okhttp/4.12.0");
        }
        _ => {
            d.text("Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/")
                .neg("build_number", "UD1A.230803.041")
                .text(")");
        }
    }
}

const STACK: &[&str] = &[
    "at com.acme.shop.cart.CartService.checkout(CartService.java:88)",
    "at com.acme.shop.order.OrderController.create(OrderController.java:142)",
    "at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
    "at org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
    "at java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
    "at java.base/java.lang.Thread.run(Thread.java:840)",
];

const EXCEPTIONS: &[&str] = &[
    "java.lang.IllegalStateException: cart is empty",
    "java.lang.NullPointerException: Cannot invoke \"Order.getLines()\" because \"order\" is null",
    "java.util.concurrent.TimeoutException: upstream timed out after 30000 ms",
];

/// A Java stack trace; `nl` is the line break (a real one, or `\n\t`
/// escaped inside a JSON string).
fn stack_trace(g: &mut Gen, nl: &str, json: bool) -> String {
    let mut e = (*g.r.pick(EXCEPTIONS)).to_string();
    if json {
        e = e.replace('"', "\\\"");
    }
    let depth = g.r.range(3, STACK.len() as u64) as usize;
    let mut s = e;
    for f in &STACK[..depth] {
        s.push_str(nl);
        s.push_str(f);
    }
    s
}

/// One JSON application log line.
pub fn app_json(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    let p = g.person();
    d.text("{\"ts\":\"").neg("timestamp", &clock::iso_ms(t)).text("\",");
    match g.r.below(10) {
        0..=2 => {
            let svc = *g.r.pick(&[
                "checkout-api",
                "accounts-api",
                "catalog-api",
                "gateway",
            ]);
            let (method, path, status) = *g.r.pick(&[
                ("GET", "/api/v1/cart", 200),
                ("POST", "/api/v1/orders", 201),
                ("GET", "/api/v1/profile", 200),
                ("PUT", "/api/v1/profile/address", 204),
                ("GET", "/api/v1/orders", 200),
                ("POST", "/api/v1/login", 401),
            ]);
            let (ipk, ip) = values::ip(&mut g.r);
            d.text(&format!("\"level\":\"info\",\"service\":\"{svc}\",\"version\":\""))
                .neg("version_string", &semver(&mut g.r))
                .text("\",\"request_id\":\"")
                .neg("uuid", &values::uuid(&mut g.r))
                .text(&format!(
                    "\",\"method\":\"{method}\",\"path\":\"{path}\",\"status\":{status},\"latency_ms\":"
                ))
                .text(&latency(&mut g.r))
                .text(",\"bytes_out\":")
                .count("byte_count", g.r.range(200, 2_000_000))
                .text(",\"client_ip\":\"")
                .pii(ipk, &ip)
                .text("\",\"user_agent\":\"");
            user_agent(g, d);
            d.text("\",\"user\":\"")
                .pii("email", &p.email)
                .text("\",\"epoch_ms\":")
                .neg("epoch_millis", &t.to_string())
                .text("}\n");
        }
        3 => {
            let (ipk, ip) = values::ip(&mut g.r);
            let (name, sid) = values::session_cookie(&mut g.r);
            d.text(
                "\"level\":\"info\",\"event\":\"login.success\",\"user_id\":",
            )
            .text(&g.r.range(1000, 999_999).to_string())
            .text(",\"email\":\"")
            .pii("email", &p.email)
            .text("\",\"username\":\"")
            .pii("username", &p.username)
            .text("\",\"client_ip\":\"")
            .pii(ipk, &ip)
            .text(&format!("\",\"mfa\":\"totp\",\"session\":\"{name}="))
            .pii("session_cookie", &sid)
            .text("\",\"request_id\":\"")
            .neg("uuid", &values::uuid(&mut g.r))
            .text("\"}\n");
        }
        4 => {
            d.text("\"level\":\"debug\",\"msg\":\"incoming request\",\"request_id\":\"")
                .neg("uuid", &values::uuid(&mut g.r))
                .text("\",\"headers\":{\"host\":\"api.acme-shop.example\"");
            if g.r.chance(70) {
                d.text(",\"authorization\":\"Bearer ")
                    .pii("bearer_token", &values::bearer_token(&mut g.r))
                    .text("\"");
            }
            if g.r.chance(60) {
                let (name, sid) = values::session_cookie(&mut g.r);
                d.text(&format!(",\"cookie\":\"{name}="))
                    .pii("session_cookie", &sid)
                    .text("; lang=en-US; theme=dark\"");
            }
            if g.r.chance(60) {
                let sub = g.r.range(1000, 999_999).to_string();
                let jwt = values::jwt(&mut g.r, &sub, t / 1000);
                d.text(",\"x-id-token\":\"").pii("jwt", &jwt).text("\"");
            }
            d.text(",\"user-agent\":\"");
            user_agent(g, d);
            let (ipk, ip) = values::ip(&mut g.r);
            d.text("\"},\"client_ip\":\"").pii(ipk, &ip).text("\"}\n");
        }
        5 => {
            if g.r.chance(60) {
                d.text("\"level\":\"warn\",\"event\":\"payment.declined\",\"order_id\":\"")
                    .neg("order_id", &order_id(&mut g.r))
                    .text(&format!(
                        "\",\"amount\":{},\"currency\":\"EUR\",\"card\":\"",
                        amount(&mut g.r)
                    ))
                    .pii("credit_card", &g.id("credit_card", &p))
                    .text("\",\"customer\":\"")
                    .pii("email", &p.email)
                    .text("\",\"reason\":\"insufficient_funds\",\"attempt\":2}\n");
            } else {
                d.text("\"level\":\"info\",\"event\":\"payout.created\",\"payout_id\":\"")
                    .neg("uuid", &values::uuid(&mut g.r))
                    .text("\",\"holder\":\"")
                    .pii("person_name", &p.full_name())
                    .text("\",\"iban\":\"")
                    .pii("iban", &g.id("iban", &p))
                    .text(&format!("\",\"amount\":{},\"currency\":\"EUR\"}}\n", amount(&mut g.r)));
            }
        }
        6 => {
            let a = people::address(&mut g.r, p.loc);
            d.text(
                "\"level\":\"info\",\"event\":\"profile.updated\",\"user\":\"",
            )
            .pii("email", &p.email)
            .text("\",\"changes\":{\"phone\":\"")
            .pii("phone", &g.phone(p.loc))
            .text("\",\"address\":\"")
            .segs(&a.segments(", "))
            .text("\",\"date_of_birth\":\"")
            .pii("date_of_birth", &p.dob_iso())
            .text("\"}}\n");
        }
        7 => {
            let (ipk, ip) = values::ip(&mut g.r);
            d.text("\"level\":\"info\",\"event\":\"device.registered\",\"device_id\":\"")
                .neg("uuid", &values::uuid(&mut g.r))
                .text("\",\"mac\":\"")
                .pii("mac_address", &values::mac_address(&mut g.r))
                .text("\",\"location\":\"")
                .pii("geo_coordinates", &people::geo(&mut g.r, p.loc))
                .text("\",\"app_version\":\"")
                .neg("version_string", &semver(&mut g.r))
                .text("\",\"os_build\":\"")
                .neg("build_number", &build4(&mut g.r))
                .text("\",\"ip\":\"")
                .pii(ipk, &ip)
                .text("\"}\n");
        }
        8 => {
            if g.r.chance(50) {
                d.text("\"level\":\"warn\",\"logger\":\"aws.credentials\",\"msg\":\"static credentials found in environment\",\"access_key_id\":\"")
                    .pii("aws_access_key", &values::aws_access_key(&mut g.r))
                    .text("\",\"region\":\"eu-central-1\",\"pid\":")
                    .text(&g.r.range(100, 65_000).to_string())
                    .text("}\n");
            } else {
                let st = stack_trace(g, "\\n\\t", true);
                d.text("\"level\":\"error\",\"msg\":\"unhandled exception\",\"request_id\":\"")
                    .neg("uuid", &values::uuid(&mut g.r))
                    .text("\",\"stack\":\"")
                    .text(&st)
                    .text("\"}\n");
            }
        }
        _ => {
            d.text("\"level\":\"info\",\"msg\":\"health\",\"uptime_s\":")
                .count("counter", g.r.range(1000, 9_999_999))
                .text(",\"heap_bytes\":")
                .count("byte_count", g.r.range(10_000_000, 4_000_000_000))
                .text(&format!(
                    ",\"gc_pause_ms\":{},\"epoch_ms\":",
                    latency(&mut g.r)
                ))
                .neg("epoch_millis", &t.to_string())
                .text(",\"commit\":\"")
                .neg("git_sha", &g.r.hex(40))
                .text("\"}\n");
        }
    }
}

/// One sshd/sudo/systemd line of /var/log/auth.log.
pub fn auth_syslog(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    let host = *g.r.pick(&["bastion-01", "bastion-02", "web-03"]);
    let pid = g.r.range(1000, 65_000);
    let p = g.person();
    let (ipk, ip) = values::ip(&mut g.r);
    let port = g.r.range(1024, 65_535).to_string();
    d.neg("syslog_timestamp", &clock::syslog(t)).text(&format!(" {host} "));
    match g.r.below(11) {
        0 | 1 => {
            d.text(&format!("sshd[{pid}]: Accepted publickey for "))
                .pii("username", &p.username)
                .text(" from ")
                .pii(ipk, &ip)
                .text(" port ")
                .text(&port)
                .text(" ssh2: ED25519 SHA256:")
                .text(values::b64(&g.r.bytes(32)).trim_end_matches('='))
                .text("\n");
        }
        2 => {
            d.text(&format!("sshd[{pid}]: Accepted password for "))
                .pii("username", &p.username)
                .text(" from ")
                .pii(ipk, &ip)
                .text(" port ")
                .text(&port)
                .text(" ssh2\n");
        }
        3 => {
            d.text(&format!("sshd[{pid}]: Failed password for "))
                .pii("username", &p.username)
                .text(" from ")
                .pii(ipk, &ip)
                .text(" port ")
                .text(&port)
                .text(" ssh2\n");
        }
        4 | 5 => {
            let sys = *g.r.pick(&[
                "admin", "test", "oracle", "ubuntu", "postgres", "git", "pi",
            ]);
            d.text(&format!(
                "sshd[{pid}]: Failed password for invalid user {sys} from "
            ))
            .pii(ipk, &ip)
            .text(" port ")
            .text(&port)
            .text(" ssh2\n");
        }
        6 => {
            let uid = g.r.range(1001, 1999);
            d.text(&format!("sshd[{pid}]: pam_unix(sshd:session): session opened for user "))
                .pii("username", &p.username)
                .text(&format!("(uid={uid}) by (uid=0)\n"));
        }
        7 => {
            d.text(&format!("sshd[{pid}]: Received disconnect from "))
                .pii(ipk, &ip)
                .text(" port ")
                .text(&port)
                .text(":11: disconnected by user\n");
        }
        8 => {
            let cmd = *g.r.pick(&[
                "/usr/bin/systemctl restart nginx",
                "/usr/bin/journalctl -u app --since today",
                "/usr/bin/apt-get upgrade -y",
            ]);
            d.text("sudo: ").pii("username", &p.username).text(&format!(
                " : TTY=pts/{} ; PWD=/srv/app ; USER=root ; COMMAND={cmd}\n",
                g.r.below(6)
            ));
        }
        9 => {
            d.text(&format!(
                "systemd-logind[612]: New session {} of user ",
                g.r.range(100, 9999)
            ))
            .pii("username", &p.username)
            .text(".\n");
        }
        _ => {
            d.text(&format!(
                "CRON[{pid}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)\n"
            ));
        }
    }
}

/// One nginx "combined" access log line (plus `$request_time`).
pub fn nginx(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    let p = g.person();
    let (ipk, ip) = values::ip(&mut g.r);
    d.pii(ipk, &ip).text(" - ");
    if g.r.chance(8) {
        d.pii("username", &p.username);
    } else {
        d.text("-");
    }
    d.text(" [").neg("timestamp", &clock::nginx(t)).text("] \"");
    let status = match g.r.below(10) {
        0 | 1 => {
            d.text("GET /account/reset?email=").pii("email", &p.email);
            200
        }
        2 => {
            d.text("GET /api/v1/orders/").neg("order_id", &order_id(&mut g.r));
            200
        }
        3 => {
            d.text(&format!("GET /static/js/app.{}.js", g.r.hex(8)));
            304
        }
        4 => {
            d.text("POST /api/v1/login");
            *g.r.pick(&[200, 401])
        }
        5 => {
            d.text("GET /unsubscribe?email=")
                .pii("email", &p.email)
                .text("&list=weekly");
            200
        }
        6 => {
            let user =
                *g.r.pick(&["backup", "deploy", "svc_export", "ci-bot"]);
            let creds = format!("{user}:{}", values::password(&mut g.r));
            d.text("GET /fetch?src=https://")
                .pii("url_credentials", &creds)
                .text(&format!(
                    "@files.example.net/exports/{}.csv.gz",
                    g.r.hex(12)
                ));
            502
        }
        7 => {
            d.text("GET /api/v2/users/")
                .neg("uuid", &values::uuid(&mut g.r))
                .text("/avatar");
            200
        }
        8 if g.r.chance(60) => {
            // Implicit-flow callbacks leak ID tokens into access logs.
            let sub = g.r.range(1000, 999_999).to_string();
            let jwt = values::jwt(&mut g.r, &sub, t / 1000);
            d.text("GET /sso/callback?id_token=")
                .pii("jwt", &jwt)
                .text(&format!("&state={}", g.r.hex(16)));
            302
        }
        8 => {
            d.text("GET /search?q=winter+jacket&page=2");
            200
        }
        _ => {
            d.text("GET /healthz");
            200
        }
    };
    d.text(&format!(" HTTP/1.1\" {status} "))
        .count("byte_count", g.r.range(0, 250_000))
        .text(" \"");
    match g.r.below(20) {
        0..=9 => {
            d.text("-");
        }
        10..=17 => {
            let referer = *g.r.pick(&[
                "https://shop.example/cart",
                "https://www.example.org/login",
                "https://shop.example/products/winter-jacket",
            ]);
            d.text(referer);
        }
        _ => {
            let creds =
                format!("{}:{}", p.username, values::password(&mut g.r));
            d.text("https://")
                .pii("url_credentials", &creds)
                .text("@intranet.corp.example/wiki/Runbook");
        }
    }
    d.text("\" \"");
    user_agent(g, d);
    d.text(&format!("\" {:.3}\n", g.r.range(1, 3000) as f64 / 1000.0));
}

/// One log4j/logback line of a Java service (stack traces span lines).
pub fn log4j(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    let p = g.person();
    let n = g.r.range(1, 200);
    d.neg("timestamp", &clock::log4j(t));
    match g.r.below(8) {
        0 => {
            d.text(&format!(" INFO  [http-nio-8080-exec-{n}] c.a.shop.UserService - profile updated userId="))
                .text(&g.r.range(1000, 999_999).to_string())
                .text(" email=")
                .pii("email", &p.email)
                .text(" phone=\"")
                .pii("phone", &g.phone(p.loc))
                .text("\"\n");
        }
        1 => {
            d.text(&format!(" WARN  [pool-3-thread-{n}] c.a.shop.PaymentService - charge failed orderId="))
                .neg("order_id", &order_id(&mut g.r))
                .text(" pan=")
                .pii("credit_card", &g.id("credit_card", &p))
                .text(" reason=do_not_honor\n");
        }
        2 => {
            let (ipk, ip) = values::ip(&mut g.r);
            d.text(&format!(" DEBUG [http-nio-8080-exec-{n}] c.a.shop.AuthFilter - Authorization: Bearer "))
                .pii("bearer_token", &values::bearer_token(&mut g.r))
                .text(" remote=")
                .pii(ipk, &ip)
                .text("\n");
        }
        3 => {
            let st = stack_trace(g, "\n\t", false);
            d.text(&format!(" ERROR [http-nio-8080-exec-{n}] c.a.shop.OrderController - Unhandled exception requestId="))
                .neg("uuid", &values::uuid(&mut g.r))
                .text("\n")
                .text(&st)
                .text("\n");
        }
        4 => {
            let (kind, id) = g.national_id(&p);
            d.text(&format!(" INFO  [kyc-worker-{n}] c.a.shop.KycService - verified customer name=\""))
                .pii("person_name", &p.full_name())
                .text(&format!("\" {}=", id_key(kind)))
                .pii(kind, &id)
                .text(" dob=")
                .pii("date_of_birth", &p.dob_iso())
                .text("\n");
        }
        5 => {
            d.text(&format!(" INFO  [mail-sender-{n}] c.a.shop.Mailer - order confirmation sent to "))
                .pii("email", &p.email)
                .text(" orderId=")
                .neg("order_id", &order_id(&mut g.r))
                .text("\n");
        }
        6 => {
            d.text(" INFO  [scheduler-1] c.a.shop.ReportJob - exported ")
                .count("counter", g.r.range(1000, 9_000_000))
                .text(" rows in ")
                .text(&g.r.range(100, 900_000).to_string())
                .text(" ms checksum=")
                .neg("sha256", &g.r.hex(64))
                .text("\n");
        }
        _ => {
            let (ipk, ip) = values::ip(&mut g.r);
            let (name, sid) = values::session_cookie(&mut g.r);
            d.text(&format!(" INFO  [http-nio-8080-exec-{n}] c.a.shop.SessionService - session created {name}="))
                .pii("session_cookie", &sid)
                .text(" user=")
                .pii("username", &p.username)
                .text(" ip=")
                .pii(ipk, &ip)
                .text("\n");
        }
    }
}

/// One logfmt line of a background worker.
pub fn logfmt(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    let p = g.person();
    let w = g.r.range(1, 8);
    d.text("time=").neg("timestamp", &clock::iso_ms(t));
    match g.r.below(7) {
        0 => {
            d.text(&format!(
                " level=info worker=mailer-{w} job=send_receipt job_id="
            ))
            .neg("uuid", &values::uuid(&mut g.r))
            .text(" to=")
            .pii("email", &p.email)
            .text(&format!(
                " attempt=1 duration_ms={}\n",
                g.r.range(20, 4000)
            ));
        }
        1 => {
            let country = values::iban_country(&mut g.r, p.loc);
            let iban = if g.pool.is_some() {
                g.id("iban", &p).replace(' ', "")
            } else {
                values::iban_compact(&mut g.r, country)
            };
            d.text(&format!(
                " level=info worker=payouts-{w} job=sepa_payout job_id="
            ))
            .neg("uuid", &values::uuid(&mut g.r))
            .text(" beneficiary=\"")
            .pii("person_name", &p.full_name())
            .text("\" iban=")
            .pii("iban", &iban)
            .text(&format!(" amount={} currency=EUR\n", amount(&mut g.r)));
        }
        2 => {
            let (ipk, ip) = values::ip(&mut g.r);
            d.text(&format!(" level=warn worker=geo-{w} job=enrich_ip ip="))
                .pii(ipk, &ip)
                .text(" geo=\"")
                .pii("geo_coordinates", &people::geo(&mut g.r, p.loc))
                .text(&format!("\" accuracy_km={}\n", g.r.range(1, 50)));
        }
        3 => {
            d.text(&format!(" level=info worker=crm-sync-{w} job=upsert_contact customer=\""))
                .pii("person_name", &p.full_name())
                .text("\" phone=\"")
                .pii("phone", &g.phone(p.loc))
                .text("\" email=")
                .pii("email", &p.email)
                .text("\n");
        }
        4 => {
            d.text(&format!(" level=error worker=exports-{w} msg=\"s3 upload failed\" access_key="))
                .pii("aws_access_key", &values::aws_access_key(&mut g.r))
                .text(&format!(" bucket=acme-exports retry_in_ms={}\n", g.r.range(100, 60_000)));
        }
        5 => {
            d.text(&format!(
                " level=info worker=thumbs-{w} job=resize job_id="
            ))
            .neg("uuid", &values::uuid(&mut g.r))
            .text(" bytes=")
            .count("byte_count", g.r.range(10_000, 90_000_000))
            .text(" sha256=")
            .neg("sha256", &g.r.hex(64))
            .text(&format!(" took_ms={}\n", g.r.range(5, 5000)));
        }
        _ => {
            d.text(&format!(
                " level=info worker=billing-{w} job=charge_card job_id="
            ))
            .neg("uuid", &values::uuid(&mut g.r))
            .text(" card=\"")
            .pii("credit_card", &g.id("credit_card", &p))
            .text("\" order=")
            .neg("order_id", &order_id(&mut g.r))
            .text(&format!(" amount={}\n", amount(&mut g.r)));
        }
    }
}

pub const CSV_HEADER: &str =
    "ticket_id,created_at,customer_name,email,phone,country,channel,subject,body\n";

/// One row of the support-ticket export; the body is free text that
/// mentions cards, IBANs, national ids and addresses, and sometimes spans
/// lines (quoted, as CSV allows).
pub fn csv_ticket(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    let n = g.next_seq();
    let loc = *g.r.pick(&LOCS);
    let p = g.person_in(loc);
    let channel = *g.r.pick(&["email", "web", "phone", "chat"]);
    d.text(&format!("TCK-{:06},", 104_000 + n))
        .neg("timestamp", &clock::iso_s(t))
        .text(",")
        .pii("person_name", &p.full_name())
        .text(",")
        .pii("email", &p.email)
        .text(",")
        .pii("phone", &g.phone(loc))
        .text(&format!(",{},{channel},", loc.code()));
    let nl = if g.r.chance(30) { "\n" } else { " " };
    match g.r.below(6) {
        0 => {
            d.text("Double charge,\"Hi, I was charged twice for order ")
                .neg("order_id", &order_id(&mut g.r))
                .text(" on my card ")
                .pii("credit_card", &g.id("credit_card", &p))
                .text(&format!(
                    ".{nl}Please refund the second charge. Thanks, "
                ))
                .pii("person_name", p.first)
                .text("\"\n");
        }
        1 => {
            d.text("Refund,\"Please send the refund for invoice ")
                .neg("invoice_id", &invoice_id(&mut g.r))
                .text(" to my account IBAN ")
                .pii("iban", &g.id("iban", &p))
                .text(&format!(",{nl}account holder "))
                .pii("person_name", &p.full_name())
                .text(".\"\n");
        }
        2 => {
            let (kind, id) = g.national_id(&p);
            d.text(&format!(
                "Verify my account,\"For the identity check: my {} is ",
                id_label(kind)
            ))
            .pii(kind, &id)
            .text(" and my date of birth is ")
            .pii("date_of_birth", &p.dob_local())
            .text(".\"\n");
        }
        3 => {
            let a = people::address(&mut g.r, loc);
            d.text("Address change,\"I moved, please update my delivery address to ")
                .segs(&a.segments(", "))
                .text(&format!(".{nl}You can reach me on "))
                .pii("phone", &g.phone(loc))
                .text(".\"\n");
        }
        4 => {
            d.text("Login problem,\"I can't log in since updating to ")
                .neg("version_string", &semver(&mut g.r))
                .text(" (build ")
                .neg("build_number", &build4(&mut g.r))
                .text(&format!(").{nl}The error page shows request id "))
                .neg("uuid", &values::uuid(&mut g.r))
                .text(".\"\n");
        }
        _ => {
            let a = people::address(&mut g.r, loc);
            d.text("Card update,\"My old card expired, please use ")
                .pii("credit_card", &g.id("credit_card", &p))
                .text(&format!(" from now on.{nl}Billing address: "))
                .segs(&a.segments(", "))
                .text(".\"\n");
        }
    }
}

/// One PII-free line (or stack trace): what a third of real log volume
/// looks like, and what a scanner must stay quiet on.
pub fn noise(g: &mut Gen, d: &mut Doc) {
    let t = g.tick();
    match g.r.below(7) {
        0 => {
            d.neg("timestamp", &clock::iso_ms(t))
                .text(&format!(
                    " metrics host=web-{:02} requests=",
                    g.r.range(1, 40)
                ))
                .count("counter", g.r.range(1, 9_999_999))
                .text(" bytes_in=")
                .count("byte_count", g.r.range(1, 99_999_999_999))
                .text(" bytes_out=")
                .count("byte_count", g.r.range(1, 99_999_999_999))
                .text(" ts=")
                .neg("epoch_seconds", &(t / 1000).to_string())
                .text(" ts_ms=")
                .neg("epoch_millis", &t.to_string())
                .text(&format!(" p99_ms={}\n", latency(&mut g.r)));
        }
        1 => {
            let block = if g.r.chance(60) {
                format!(
                    "blk_{}_{}",
                    1_073_741_825 + g.r.below(5_000_000),
                    1001 + g.r.below(900_000)
                )
            } else {
                format!(
                    "blk_-{}",
                    g.r.range(
                        1_000_000_000_000_000_000,
                        9_223_372_036_854_775_807
                    )
                )
            };
            d.neg("hdfs_timestamp", &clock::hdfs(t))
                .text(&format!(
                    " {} INFO dfs.DataNode$PacketResponder: Received block ",
                    g.r.range(10, 9999)
                ))
                .neg("block_id", &block)
                .text(" of size ")
                .count("byte_count", g.r.range(1, 134_217_728))
                .text(&format!(
                    " from dn-{:02}.cluster.local\n",
                    g.r.range(1, 64)
                ));
        }
        2 => {
            d.neg("timestamp", &clock::iso_ms(t))
                .text(" [ci] build ")
                .neg("build_number", &build4(&mut g.r))
                .text(" commit=")
                .neg("git_sha", &g.r.hex(40))
                .text(" artifact=app-")
                .neg("version_string", &semver(&mut g.r))
                .text(".tar.gz sha256=")
                .neg("sha256", &g.r.hex(64))
                .text("\n");
        }
        3 => {
            d.neg("timestamp", &clock::iso_ms(t))
                .text(" INFO scheduler: job ")
                .neg("uuid", &values::uuid(&mut g.r))
                .text(&format!(" finished in {} ms, ", g.r.range(1, 600_000)))
                .count("counter", g.r.range(0, 50_000_000))
                .text(" rows, checkpoint ")
                .neg(
                    "epoch_millis",
                    &(t - g.r.range(0, 3_600_000)).to_string(),
                )
                .text("\n");
        }
        4 => {
            let st = stack_trace(g, "\n\t", false);
            d.neg("timestamp", &clock::iso_ms(t))
                .text(" ERROR worker: task failed\n")
                .text(&st)
                .text("\n");
        }
        5 => {
            d.neg("timestamp", &clock::iso_ms(t))
                .text(" INFO orders: created ")
                .neg("order_id", &order_id(&mut g.r))
                .text(" invoice ")
                .neg("invoice_id", &invoice_id(&mut g.r))
                .text(&format!(
                    " total={} EUR items={} warehouse=FRA-{}\n",
                    amount(&mut g.r),
                    g.r.range(1, 12),
                    g.r.range(1, 9)
                ));
        }
        _ => {
            d.neg("timestamp", &clock::iso_ms(t))
                .text(&format!(
                    " DEBUG cache: evicted key=product:{} size=",
                    g.r.range(1, 999_999)
                ))
                .count("byte_count", g.r.range(100, 9_999_999))
                .text(&format!(" ttl=3600 hits={}\n", g.r.range(0, 100_000)));
        }
    }
}
