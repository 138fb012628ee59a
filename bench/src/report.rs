//! Output helpers: plain aligned tables and `RESULT {json}` lines for scripts.

use crate::load::Measurement;
use serde_json::{Value, json};

/// Prints one machine-readable line.
pub fn result(value: Value) {
    println!("RESULT {value}");
}

/// Rounds to 3 decimals for JSON output.
pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Prints a table: the first `left` columns left-aligned, the others right-aligned.
pub fn table(headers: &[&str], left: usize, rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let head: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    println!("{}", format_row(&head, &widths, left));
    println!(
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for row in rows {
        println!("{}", format_row(row, &widths, left));
    }
}

fn format_row(cells: &[String], widths: &[usize], left: usize) -> String {
    let parts: Vec<String> = cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (c, w))| {
            let pad = " ".repeat(w.saturating_sub(c.chars().count()));
            if i < left {
                format!("{c}{pad}")
            } else {
                format!("{pad}{c}")
            }
        })
        .collect();
    parts.join("  ").trim_end().to_string()
}

/// Column headers for load measurements.
pub const LOAD_HEADERS: [&str; 9] = [
    "measurement",
    "url",
    "conns",
    "req/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "errors",
    "bytes/resp",
];

/// One table row for a load measurement.
pub fn load_row(name: &str, url: &str, connections: usize, m: &Measurement) -> Vec<String> {
    vec![
        name.to_string(),
        url.to_string(),
        connections.to_string(),
        format!("{:.0}", m.rps()),
        format!("{:.2}", m.quantile_ms(0.50)),
        format!("{:.2}", m.quantile_ms(0.99)),
        format!("{:.2}", m.max_ms()),
        m.total_errors().to_string(),
        format!("{:.0}", m.mean_bytes()),
    ]
}

/// The RESULT JSON for a load measurement.
pub fn load_json(bench: &str, name: &str, url: &str, connections: usize, m: &Measurement) -> Value {
    json!({
        "bench": bench, "name": name, "url": url, "connections": connections,
        "seconds": round(m.window.as_secs_f64()), "requests": m.ok, "rps": round(m.rps()),
        "p50_ms": round(m.quantile_ms(0.50)), "p99_ms": round(m.quantile_ms(0.99)), "max_ms": round(m.max_ms()),
        "errors": m.total_errors(), "error_kinds": m.errors, "mean_body_bytes": round(m.mean_bytes()),
    })
}

/// Prints error details (kinds and one example) when a measurement had any.
pub fn error_details(name: &str, m: &Measurement) {
    if m.total_errors() == 0 {
        return;
    }
    let kinds: Vec<String> = m.errors.iter().map(|(k, v)| format!("{k} ×{v}")).collect();
    println!(
        "  {name}: errors {}; e.g. {}",
        kinds.join(", "),
        m.first_error.as_deref().unwrap_or("?")
    );
}

/// "PASS"/"FAIL" for a target check.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns() {
        let w = [3, 5];
        assert_eq!(format_row(&["a".into(), "12".into()], &w, 1), "a       12");
    }
}
