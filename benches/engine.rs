//! Engine throughput (bytes/s) for the whole default catalog and for each
//! pattern family on its own, over the labeled sample corpus repeated to a
//! few MiB. Run with `cargo bench --bench engine`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use piiscan::catalog::{kinds, Catalog};
use piiscan::engine::{Engine, EngineOptions};

const TARGET: usize = 8 << 20;

/// Plain-text corpus files concatenated and repeated to `TARGET` bytes.
fn haystack() -> Vec<u8> {
    let mut seed = Vec::new();
    collect(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), &mut seed);
    assert!(!seed.is_empty(), "corpus/ is empty");
    let mut hay = Vec::with_capacity(TARGET + seed.len());
    while hay.len() < TARGET {
        hay.extend_from_slice(&seed);
    }
    hay
}

fn collect(dir: &Path, out: &mut Vec<u8>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("gz" | "zst" | "md")
        ) {
            out.extend(std::fs::read(&path).unwrap());
            out.push(b'\n');
        }
    }
}

fn bench(c: &mut Criterion) {
    let hay = haystack();
    let catalog = Catalog::builtin().unwrap();
    let mut families: Vec<&str> =
        kinds::KINDS.iter().map(|k| k.family).collect();
    families.dedup();
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(hay.len() as u64));
    group.sample_size(10);
    let mut cases = vec![("all".to_string(), EngineOptions::default())];
    for family in families {
        let only = kinds::KINDS
            .iter()
            .filter(|k| k.family == family)
            .map(|k| k.id.to_string())
            .collect();
        cases.push((
            family.to_string(),
            EngineOptions { only, ..EngineOptions::default() },
        ));
    }
    for (name, options) in cases {
        let engine = Engine::new(&catalog, &options).unwrap();
        let mut out = Vec::new();
        group.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                engine.scan(&hay, 0..hay.len(), &mut out);
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
