//! `hocvu import KIND FILE [--dry-run]`: an exchange file imported on the server, with a progress
//! bar on the terminal and a Vietnamese summary; the exit status says whether the file went in.
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use domain::Lang;
use domain::exchange::{Format, RowError};
use indicatif::{ProgressBar, ProgressStyle};
use service::hr::imports::{Channel, FileType, ImportProgress, ImportReport, Options, Phase};

use super::CliResult;
use crate::config::Config;

const XLSX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What to import, from which file, into which province (by code; the only one when `None`).
pub struct Target<'a> {
    pub format: Format,
    pub path: &'a Path,
    pub province: Option<&'a str>,
}

pub async fn run(config: Config, target: Target<'_>, dry_run: bool) -> CliResult {
    let Target {
        format,
        path,
        province,
    } = target;
    let bytes =
        std::fs::read(path).map_err(|e| format!("không đọc được tệp {}: {e}", path.display()))?;
    let db = service::db::connect(&config.database_url).await?;
    let actor = service::access::authz::first_admin(&db)
        .await?
        .ok_or("chưa có tài khoản quản trị nào: hãy tạo bằng `hocvu create-admin` trước")?;
    let bar = Bar::new();
    let progress = |p: ImportProgress| bar.show(p);
    let options = Options {
        dry_run,
        channel: Channel::Cli,
        progress: Some(&progress),
        province,
    };
    let report = service::hr::imports::run_with(
        &db,
        &actor,
        format,
        file_type(path, &bytes),
        &bytes,
        options,
    )
    .await;
    bar.bar.finish_and_clear();
    db.close().await?;
    let report = report?;
    println!("{}", summary(&report, format, dry_run));
    if report.errors.is_empty() {
        Ok(())
    } else {
        Err("tệp bị từ chối, không có gì được ghi".into())
    }
}

/// By the extension first, then by the content as the API does (a ZIP signature means XLSX).
fn file_type(path: &Path, bytes: &[u8]) -> FileType {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let hint = match ext.as_deref() {
        Some("xlsx") => Some(XLSX_MEDIA_TYPE),
        Some("csv") => Some("text/csv"),
        _ => None,
    };
    FileType::detect(hint, bytes)
}

/// A progress bar on standard error (hidden when it is not a terminal), restyled at each phase.
struct Bar {
    bar: ProgressBar,
    phase: Mutex<Option<Phase>>,
}

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar {
            bar,
            phase: Mutex::new(None),
        }
    }

    fn show(&self, p: ImportProgress) {
        let mut phase = self.phase.lock().unwrap_or_else(|e| e.into_inner());
        if *phase != Some(p.phase) {
            *phase = Some(p.phase);
            self.bar.set_style(style(p.phase));
            self.bar.set_message(label(p.phase));
            self.bar.reset();
        }
        self.bar.set_length(p.total as u64);
        self.bar.set_position(p.done as u64);
    }
}

fn label(phase: Phase) -> &'static str {
    match phase {
        Phase::Reading => "Đọc và kiểm tra từng dòng",
        Phase::Checking => "Đối chiếu với cơ sở dữ liệu",
        Phase::Writing => "Ghi vào cơ sở dữ liệu",
    }
}

fn style(phase: Phase) -> ProgressStyle {
    let template = match phase {
        Phase::Reading => "{spinner} {msg} [{bar:30}] {binary_bytes}/{binary_total_bytes}",
        Phase::Checking => "{spinner} {msg} ({len} dòng)",
        Phase::Writing => "{spinner} {msg} [{bar:30}] {pos}/{len} dòng, {per_sec}",
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// What happened, in the words the API uses: rows accepted, or every error with its row and column.
fn summary(report: &ImportReport, format: Format, dry_run: bool) -> String {
    let rows = thousands(report.accepted);
    if report.errors.is_empty() {
        return if dry_run {
            format!("Chạy thử: {rows} dòng hợp lệ. Chưa ghi gì vào cơ sở dữ liệu.")
        } else {
            format!("Đã nhập {rows} dòng.")
        };
    }
    let texts = app::i18n::Texts::get(Lang::Vi);
    let mut out = format!(
        "Tệp bị từ chối: {} lỗi. Không có gì được ghi.",
        thousands(report.errors.len())
    );
    for e in &report.errors {
        out.push_str(&format!(
            "\n  {}: {}",
            place(e, format),
            texts.error(&e.code)
        ));
    }
    out
}

/// `dòng 3, cột ma_can_bo (Mã cán bộ)`, or `dòng 1` for the file as a whole.
fn place(e: &RowError, format: Format) -> String {
    if e.column.is_empty() {
        return format!("dòng {}", e.row);
    }
    match format.columns().iter().find(|c| c.key == e.column) {
        Some(c) => format!("dòng {}, cột {} ({})", e.row, c.key, c.heading),
        None => format!("dòng {}, cột {}", e.row, e.column),
    }
}

/// Vietnamese groups thousands with dots: 50.000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_with_dots() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1.000");
        assert_eq!(thousands(500_000), "500.000");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }

    #[test]
    fn errors_name_the_row_the_column_and_its_heading() {
        let report = ImportReport {
            accepted: 0,
            errors: vec![
                RowError::new(1, "", "unreadable_file"),
                RowError::new(3, "ma_can_bo", "unknown_staff_code"),
            ],
        };
        let text = summary(&report, Format::Training, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Tệp bị từ chối: 2 lỗi. Không có gì được ghi.");
        assert!(lines[1].starts_with("  dòng 1: "), "{text}");
        assert!(
            lines[2].starts_with("  dòng 3, cột ma_can_bo (Mã cán bộ): "),
            "{text}"
        );
        assert!(!lines[2].ends_with(": "), "a message follows: {text}");
    }

    #[test]
    fn the_extension_decides_then_the_content() {
        assert_eq!(file_type(Path::new("a.XLSX"), b"x"), FileType::Xlsx);
        assert_eq!(file_type(Path::new("a.csv"), b"ma,ten"), FileType::Csv);
        assert_eq!(
            file_type(Path::new("a.dat"), b"PK\x03\x04rest"),
            FileType::Xlsx
        );
        assert_eq!(file_type(Path::new("a"), b"ma,ten"), FileType::Csv);
    }
}
