//! Helpers shared by the integration tests: inputs they build the same
//! way. (Each test binary compiles this module and uses part of it.)
#![allow(dead_code)]

use std::io::Write;

/// `data` gzip-compressed.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// The SSN in row `i` of [`sql_dump`]: valid, undashed, so only its
/// column says what it is.
pub fn dump_ssn(i: usize) -> String {
    format!("{:03}{:02}{:04}", 100 + i % 500, 10 + i % 89, 1000 + i % 8999)
}

/// A SQL dump bigger than a streamed chunk: a `CREATE TABLE` and 3 MiB of
/// `mysqldump`'s column-less `INSERT`s, then a `pg_dump` `COPY` block to
/// 6 MiB, one [`dump_ssn`] per row, and after the block a row-shaped line
/// with no column context. Returns the dump and its number of rows.
pub fn sql_dump() -> (String, usize) {
    let mut dump = String::from(
        "-- MySQL dump 10.13\n\nCREATE TABLE `employees` (\n  `id` int NOT NULL,\n  \
         `ssn` char(9) DEFAULT NULL,\n  `zip` char(5) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n);\n",
    );
    let mut rows = 0;
    while dump.len() < 3 << 20 {
        dump.push_str("INSERT INTO `employees` VALUES ");
        for j in 0..200 {
            let sep = if j == 0 { "" } else { "," };
            dump.push_str(&format!(
                "{sep}({rows},'{}','62704')",
                dump_ssn(rows)
            ));
            rows += 1;
        }
        dump.push_str(";\n");
    }
    dump.push_str("COPY public.customers (id, note, ssn) FROM stdin;\n");
    while dump.len() < 6 << 20 {
        dump.push_str(&format!("{rows}\tpaid in full\t{}\n", dump_ssn(rows)));
        rows += 1;
    }
    dump.push_str(
        "\\.\n\n-- after the block: no column context\n7\tx\t219099999\n",
    );
    (dump, rows)
}
