use regex_automata::{meta, Input, MatchKind};
use std::time::Instant;
fn build(srcs: &[String]) -> meta::Regex {
    meta::Regex::builder()
        .syntax(piiscan::catalog::syntax_config())
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .utf8_empty(false)
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(
                    std::env::var("CAP")
                        .map(|s| s.parse::<usize>().unwrap())
                        .unwrap_or(16)
                        << 20,
                ),
        )
        .build_many(srcs)
        .unwrap()
}
fn run(re: &meta::Regex, hay: &[u8]) -> (f64, usize) {
    let mut cache = re.create_cache();
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..3 {
        n = 0;
        let t = Instant::now();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = re.search_with(
                &mut cache,
                &Input::new(hay).span(pos..hay.len()),
            ) else {
                break;
            };
            n += 1;
            pos = m.end().max(m.start() + 1);
        }
        best = best.min(t.elapsed().as_secs_f64());
        if std::env::var_os("COLD").is_some() {
            eprintln!("rep {:.3}s", t.elapsed().as_secs_f64());
        }
    }
    (best, n)
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let srcs: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&a[1]).unwrap())
            .unwrap();
    let hay = std::fs::read(&a[2]).unwrap();
    let (t, n) = run(&build(&srcs), &hay);
    println!(
        "all {} pats: {:.3}s {} matches {:.0} MiB/s",
        srcs.len(),
        t,
        n,
        hay.len() as f64 / t / 1048576.0
    );
    if a.len() > 3 && a[3] == "split" {
        for k in [2usize, 3, 4, 6, 8, 11, 22, 44] {
            let per = srcs.len().div_ceil(k);
            let mut tot = 0.0;
            let mut cnt = 0;
            for part in srcs.chunks(per) {
                let (t, n) = run(&build(part), &hay);
                tot += t;
                cnt += n;
            }
            println!("split into {k}: {:.3}s {} matches", tot, cnt);
        }
        return;
    }
    if a.len() > 3 {
        for i in 0..srcs.len() {
            let mut s = srcs.clone();
            s.remove(i);
            let (t2, _) = run(&build(&s), &hay);
            let (t1, n1) = run(&build(&srcs[i..i + 1]), &hay);
            println!(
                "{:6.1}% saved | alone {:.3}s {:6} | {}",
                (t - t2) / t * 100.0,
                t1,
                n1,
                &srcs[i][..srcs[i].len().min(90)]
            );
        }
    }
}
