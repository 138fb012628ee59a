//! `page-weight` subcommand: sizes of the first page and what it loads, raw, gzip, brotli, and as served.

use crate::assets::{self, Asset};
use crate::client::{self, Reply, RequestSpec};
use crate::report;
use crate::target::Target;
use anyhow::{Result, bail};
use clap::Args;
use flate2::{Compression, write::GzEncoder};
use serde_json::json;
use std::io::Write;

/// Compressed budget of the first page load (HTML plus what it loads).
const BUDGET_KIB: f64 = 150.0;
/// Guard against a page or module graph that references without end.
const MAX_FILES: usize = 100;

#[derive(Args, Debug)]
pub struct WeightArgs {
    /// Base URL of the server under test (loopback only), e.g. http://127.0.0.1:3200.
    #[arg(long)]
    pub target: String,
    /// Page to weigh.
    #[arg(long, default_value = "/")]
    pub path: String,
}

/// Sizes of one file.
struct Weight {
    path: String,
    kind: String,
    status: u16,
    raw: usize,
    gzip: usize,
    brotli: usize,
    served_encoding: String,
    served: usize,
}

impl Weight {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

pub async fn run(args: WeightArgs) -> Result<()> {
    let t = Target::parse(&args.target)?;
    let page_path = t.join(&args.path);
    let html_reply = get(&t, &page_path, "identity").await?;
    if !(200..300).contains(&html_reply.status) {
        bail!("{} answered HTTP {}", t.url(&args.path), html_reply.status);
    }
    let html = String::from_utf8_lossy(html_reply.body.as_deref().unwrap_or_default()).into_owned();
    let mut queue = assets::find_in_html(&html, &page_path, &t.authority);
    let mut weights = vec![weigh(&t, &page_path, "html", html_reply).await?];
    let mut i = 0;
    while i < queue.len() && i < MAX_FILES {
        let asset = queue[i].clone();
        i += 1;
        eprintln!("fetching and compressing {} …", asset.path);
        let reply = get(&t, &asset.path, "identity").await?;
        if is_js(&asset.path) {
            enqueue_imports(&mut queue, &reply, &asset.path, &t.authority);
        }
        weights.push(weigh(&t, &asset.path, &asset.kind, reply).await?);
    }
    print(&t, &weights);
    Ok(())
}

/// True for a JavaScript module path (query string ignored).
fn is_js(path: &str) -> bool {
    let p = path.split('?').next().unwrap_or(path);
    p.ends_with(".js") || p.ends_with(".mjs")
}

/// Adds the modules a fetched JS file imports to the queue.
fn enqueue_imports(queue: &mut Vec<Asset>, reply: &Reply, path: &str, authority: &str) {
    let js = String::from_utf8_lossy(reply.body.as_deref().unwrap_or_default());
    for a in assets::find_in_js(&js, path, authority) {
        if !queue.iter().any(|q| q.path == a.path) {
            queue.push(a);
        }
    }
}

/// GET with a given Accept-Encoding.
async fn get(t: &Target, path: &str, encoding: &str) -> Result<Reply> {
    let spec = RequestSpec::get(
        &t.authority,
        path,
        &[
            ("accept", "*/*"),
            ("accept-encoding", encoding),
            ("user-agent", "hocvu-bench/0.1"),
        ],
    )?;
    client::fetch(t.addr, &spec).await
}

/// Computes raw/gzip/brotli sizes of the identity body and fetches it again with `br` to see what is served.
async fn weigh(t: &Target, path: &str, kind: &str, identity: Reply) -> Result<Weight> {
    let body = identity.body.unwrap_or_default();
    let (gzip, brotli) = if (200..300).contains(&identity.status) {
        let data = body.clone();
        tokio::task::spawn_blocking(move || compressed_sizes(&data)).await?
    } else {
        (0, 0)
    };
    let served = get(t, path, "br").await?;
    let served_encoding = served.header("content-encoding");
    Ok(Weight {
        path: path.to_string(),
        kind: kind.to_string(),
        status: identity.status,
        raw: body.len(),
        gzip,
        brotli,
        served_encoding: if served_encoding.is_empty() {
            "identity".into()
        } else {
            served_encoding
        },
        served: served.body_len,
    })
}

/// gzip (best) and brotli (quality 11, window 22) sizes, computed on two threads.
fn compressed_sizes(data: &[u8]) -> (usize, usize) {
    std::thread::scope(|s| {
        let gz = s.spawn(|| gzip_size(data));
        let br = brotli_size(data);
        (gz.join().expect("gzip thread"), br)
    })
}

fn gzip_size(data: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(data).expect("write to memory");
    enc.finish().expect("finish gzip").len()
}

fn brotli_size(data: &[u8]) -> usize {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("brotli to memory");
    out.len()
}

fn kib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

/// Prints the per-file table, totals, budget check and RESULT lines.
fn print(t: &Target, weights: &[Weight]) {
    let mut rows: Vec<Vec<String>> = weights.iter().map(row).collect();
    let ok: Vec<&Weight> = weights.iter().filter(|w| w.ok()).collect();
    let assets: Vec<&Weight> = ok.iter().copied().filter(|w| w.kind != "html").collect();
    rows.push(total_row("total (assets)", &assets));
    rows.push(total_row("total (html + assets)", &ok));
    println!();
    report::table(
        &[
            "file",
            "kind",
            "status",
            "raw KiB",
            "gzip-9 KiB",
            "br-11 KiB",
            "served enc",
            "served KiB",
        ],
        2,
        &rows,
    );
    for w in weights {
        report::result(json!({
            "bench": "page-weight", "url": t.url(&w.path), "kind": w.kind, "status": w.status, "raw": w.raw,
            "gzip": w.gzip, "brotli": w.brotli, "served_encoding": w.served_encoding, "served": w.served,
        }));
    }
    if weights.len() == 1 {
        println!(
            "note: the page references no stylesheet, script, /pkg/ module or wasm that this tool recognises"
        );
    }
    for w in weights.iter().filter(|w| !w.ok()) {
        println!(
            "note: {} answered HTTP {} and is left out of the totals",
            w.path, w.status
        );
    }
    print_budget(&ok);
}

fn row(w: &Weight) -> Vec<String> {
    vec![
        w.path.clone(),
        w.kind.clone(),
        w.status.to_string(),
        kib(w.raw),
        kib(w.gzip),
        kib(w.brotli),
        w.served_encoding.clone(),
        kib(w.served),
    ]
}

fn sums(ws: &[&Weight]) -> (usize, usize, usize, usize) {
    ws.iter().fold((0, 0, 0, 0), |(r, g, b, s), w| {
        (r + w.raw, g + w.gzip, b + w.brotli, s + w.served)
    })
}

fn total_row(name: &str, ws: &[&Weight]) -> Vec<String> {
    let (r, g, b, s) = sums(ws);
    vec![
        name.into(),
        format!("{} files", ws.len()),
        String::new(),
        kib(r),
        kib(g),
        kib(b),
        String::new(),
        kib(s),
    ]
}

fn print_budget(ok: &[&Weight]) {
    let (raw, gzip, brotli, served) = sums(ok);
    let budget = (BUDGET_KIB * 1024.0) as usize;
    println!(
        "first page weight: br-11 {} KiB, as served {} KiB   [budget {BUDGET_KIB} KiB compressed: br-11 {}, as served {}]",
        kib(brotli),
        kib(served),
        report::verdict(brotli <= budget),
        report::verdict(served <= budget)
    );
    report::result(json!({
        "bench": "page-weight", "name": "total", "files": ok.len(), "raw": raw, "gzip": gzip, "brotli": brotli,
        "served": served, "budget": budget, "pass_brotli": brotli <= budget, "pass_served": served <= budget,
    }));
}
