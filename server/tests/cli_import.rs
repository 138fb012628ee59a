//! `hocvu import`: the real binary on the test's database (SQLite, or PostgreSQL with HOCVU_TEST_PG).
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use domain::Role;
use support::{TestApp, count, spawn_app};

const UNITS: &str =
    "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nSO-NV,Sở Nội vụ,tinh,\nXA-A,Xã An Bình,xa,\n";
const ROSTER: &str = "Mã cán bộ;Họ và tên;Mã đơn vị;Loại;Ngày bắt đầu\nCB01;Nguyễn Văn An;SO-NV;Công chức;01/01/2025\nCB02;Trần Thị Bình;XA-A;can_bo;2025-02-01\n";

/// Runs `hocvu ARGS` on the app's database.
fn hocvu(app: &TestApp, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(args)
        .env("DATABASE_URL", &app.db_url)
        .env("HOCVU_LOG", "warn")
        .output()
        .expect("the hocvu binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hocvu-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn a_good_roster_goes_in_a_dry_run_writes_nothing_and_a_bad_file_fails_with_its_rows() {
    let app = spawn_app().await;
    let admin = app.account("quantri", &[(Role::Admin, None)]).await;
    let dir = temp_dir();
    let units = file(&dir, "don_vi.csv", UNITS);
    let roster = file(&dir, "danh_sach.csv", ROSTER);

    let out = hocvu(
        &app,
        &["import", "roster", roster.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        !out.status.success(),
        "units are not there yet: {}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("dòng 2, cột ma_don_vi (Mã đơn vị): "),
        "{}",
        stdout(&out)
    );

    let out = hocvu(&app, &["import", "units", units.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("Đã nhập 2 dòng."), "{}", stdout(&out));

    let out = hocvu(
        &app,
        &["import", "roster", roster.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("Chạy thử: 2 dòng hợp lệ."),
        "{}",
        stdout(&out)
    );
    assert_eq!(count(&app, "people").await, 0, "a dry run writes nothing");

    let out = hocvu(&app, &["import", "roster", roster.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("Đã nhập 2 dòng."), "{}", stdout(&out));
    assert_eq!(count(&app, "people").await, 2);
    assert_eq!(count(&app, "assignments").await, 2);

    let bad = file(
        &dir,
        "boi_duong.csv",
        "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB01,KNS-01,2025-03-01,truc_tuyen\nCB99,KNS-01,2025-03-01,truc_tuyen\nCB02,KNS-01,31/02/2025,truc_tiep\n",
    );
    let out = hocvu(&app, &["import", "training", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    let vi = app::i18n::Texts::get(domain::Lang::Vi);
    assert!(text.contains("Tệp bị từ chối: 2 lỗi."), "{text}");
    assert!(
        text.contains(&format!(
            "dòng 3, cột ma_can_bo (Mã cán bộ): {}",
            vi.error("unknown_staff_code")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "dòng 4, cột ngay_hoan_thanh (Ngày hoàn thành): {}",
            vi.error("invalid_date")
        )),
        "{text}"
    );
    assert_eq!(
        count(&app, "training_records").await,
        0,
        "a rejected file writes nothing"
    );

    // The audit log names the admin the command line acted for, and the command line itself.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use service::entity::audit;
    let entries = audit::Entity::find()
        .filter(audit::Column::ObjectKind.eq("person"))
        .all(app.state.db())
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert!(
        entries
            .iter()
            .all(|e| e.action == "cli_import_create" && e.actor_user_id == Some(admin)),
        "{entries:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn without_an_admin_account_or_a_readable_file_nothing_happens() {
    let app = spawn_app().await;
    let dir = temp_dir();
    let units = file(&dir, "don_vi.csv", UNITS);
    let out = hocvu(&app, &["import", "units", units.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hocvu create-admin"));
    assert_eq!(count(&app, "units").await, 0);

    app.account("quantri", &[(Role::Admin, None)]).await;
    let missing = dir.join("khong-co.csv");
    let out = hocvu(&app, &["import", "units", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không đọc được tệp"));
    std::fs::remove_dir_all(dir).ok();
}
