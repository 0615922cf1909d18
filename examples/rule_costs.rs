//! Where the engine's time goes, rule by rule: scans a file with the whole
//! catalog, then with each rule left out, and prints the time saved by
//! dropping each rule together with its match count.
//!
//! `cargo run --release --example rule_costs -- FILE [MiB] [--cold]`
//! (reads the first MiB of FILE, default 64). With `--cold` every scan
//! uses a new engine, so the time includes building the lazy DFAs'
//! states, which each thread pays once: the rules that cost most there
//! are the ones whose automata have many states.

use std::time::Instant;

use piiscan::catalog::Catalog;
use piiscan::engine::{Engine, EngineOptions};

fn time_scan(catalog: &Catalog, hay: &[u8], cold: bool) -> (f64, Vec<usize>) {
    let mut out = Vec::new();
    let mut best = f64::MAX;
    let mut engine = Engine::new(catalog, &EngineOptions::default()).unwrap();
    for _ in 0..3 {
        if cold {
            engine = Engine::new(catalog, &EngineOptions::default()).unwrap();
        }
        out.clear();
        let t = Instant::now();
        engine.scan(hay, 0..hay.len(), &mut out);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mut per_rule = vec![0; engine.rules().len()];
    for m in &out {
        per_rule[m.rule] += 1;
    }
    (best, per_rule)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: rule_costs FILE [MiB]");
    let mib: usize = args
        .get(2)
        .filter(|a| !a.starts_with("--"))
        .map_or(64, |s| s.parse().unwrap());
    let cold = args.iter().any(|a| a == "--cold");
    let mut hay = std::fs::read(path).unwrap();
    hay.truncate(mib << 20);
    let catalog = Catalog::builtin().unwrap();
    let (all, counts) = time_scan(&catalog, &hay, cold);
    let rate = |secs: f64| hay.len() as f64 / secs / (1 << 20) as f64;
    println!(
        "all {} rules: {:.3}s ({:.0} MiB/s)",
        catalog.rules.len(),
        all,
        rate(all)
    );
    let mut rows = Vec::new();
    for (i, rule) in catalog.rules.iter().enumerate() {
        let mut without = catalog.clone();
        without.rules.remove(i);
        let (secs, _) = time_scan(&without, &hay, cold);
        rows.push((all - secs, rule.id.clone(), counts[i]));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("{:>8}  {:<32} {:>9}", "saved", "rule left out", "matches");
    for (saved, id, n) in rows {
        println!("{:>7.1}%  {:<32} {:>9}", 100.0 * saved / all, id, n);
    }
}
