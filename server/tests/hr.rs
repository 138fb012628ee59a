//! The HR area: people lists that agree with the indicators, a person's record, entries by
//! hand, linking accounts, the dashboard; each held to the officer's subtree.
mod support;

use chrono::NaiveDate;
use domain::Role;
use domain::hr::{IndicatorKey, PersonStatus};
use service::access::authz::Actor;
use service::hr::people::PeopleFilter;
use support::{PASSWORD, TestApp, browser, spawn_app};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
UBND-T,Ủy ban nhân dân tỉnh,tinh,
SO-NV,Sở Nội vụ,tinh,UBND-T
SO-TC,Sở Tài chính,tinh,UBND-T
XA-A,Xã An Bình,xa,
";

/// CB01 moved from SO-NV to XA-A on 2025-10-01; CB03 left on 2026-01-01; CB05 is contract staff.
const ROSTER: &str = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,so_dinh_danh,email
CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,2025-10-01,001203004567,an@vidu.vn
CB01,Nguyễn Văn An,XA-A,cong_chuc,2025-10-01,,001203004567,an@vidu.vn
CB02,Trần Thị Bình,SO-NV,can_bo,2025-01-01,,,
CB03,Lê Văn Cường,SO-TC,cong_chuc,2025-01-01,2026-01-01,,
CB04,Phạm Thị Dung,SO-TC,vien_chuc,2025-01-01,,,
CB05,Hoàng Văn Em,SO-NV,khac,2025-01-01,,,
CB06,Võ Thị Phương,XA-A,can_bo,2025-01-01,,,
";

const TRAINING: &str = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc
CB01,KNS-01,2025-06-01,truc_tuyen
CB02,KNS-01,2025-11-15,truc_tiep
CB03,KNS-01,2025-05-01,truc_tuyen
CB05,KNS-01,2025-05-01,truc_tuyen
CB06,KNS-01,2026-03-01,truc_tuyen
";

const RESULTS: &str = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat
CB02,DG-01,2025-12-01,90,1
CB04,DG-01,2025-12-01,40,0
";

async fn post_csv(app: &TestApp, client: &reqwest::Client, path: &str, body: &str) {
    let res = client
        .post(app.url(path))
        .header("content-type", "text/csv")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    assert_eq!(status, 200, "{path}: {}", res.text().await.unwrap());
}

/// The units, roster and records above, imported by an admin.
async fn province() -> TestApp {
    let app = spawn_app().await;
    app.account("quantri", &[(Role::Admin, None)]).await;
    let admin = browser(&app);
    assert_eq!(
        app.api_login(&admin, "quantri", PASSWORD).await.status(),
        200
    );
    post_csv(&app, &admin, "/api/v1/units/import", UNITS).await;
    post_csv(&app, &admin, "/api/v1/roster/import", ROSTER).await;
    post_csv(&app, &admin, "/api/v1/training-records/import", TRAINING).await;
    post_csv(&app, &admin, "/api/v1/assessment-results/import", RESULTS).await;
    app
}

async fn actor(app: &TestApp, login: &str, roles: &[(Role, Option<&str>)]) -> Actor {
    let id = app.account(login, roles).await;
    use sea_orm::EntityTrait;
    let user = service::entity::user::Entity::find_by_id(id)
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    service::access::authz::load_actor(app.state.db(), user)
        .await
        .unwrap()
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn filter(as_of: &str) -> PeopleFilter {
    PeopleFilter {
        path_prefix: "/".into(),
        as_of: d(as_of),
        search: None,
        kind: None,
        status: None,
        indicator: None,
    }
}

async fn codes(app: &TestApp, f: &PeopleFilter) -> Vec<String> {
    let rows = service::hr::people::all(app.state.db(), f).await.unwrap();
    let mut codes: Vec<String> = rows.into_iter().map(|r| r.staff_code).collect();
    codes.sort();
    codes
}

/// A large roster leaves PostgreSQL's planner statistics up to date (the next import looks
/// its people up by index, not by scanning the table as it did while autovacuum had not come
/// round); a small one does not ask for it.
#[tokio::test]
async fn a_large_import_refreshes_the_planners_statistics_on_postgresql() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = province().await;
    let db = app.state.db();
    let admin = actor(&app, "quantri2", &[(Role::Admin, None)]).await;
    let mut csv = String::from("ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n");
    for i in 0..10_000 {
        csv.push_str(&format!(
            "LN{i:05},Người Số {i},SO-TC,vien_chuc,2025-02-01\n"
        ));
    }
    let report = service::hr::imports::run(
        db,
        &admin,
        domain::exchange::Format::Roster,
        service::hr::imports::FileType::Csv,
        csv.as_bytes(),
        false,
    )
    .await
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", &report.errors[..1]);
    assert_eq!(report.accepted, 10_000);
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let analysed = || async {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM pg_stat_user_tables \
                 WHERE relname IN ('people', 'assignments') AND last_analyze IS NOT NULL",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    for _ in 0..100 {
        if analysed().await == 2 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("people and assignments were not analysed after a 10,000-row roster");
}

/// The dashboard's twelve month ends come from one query: on every boundary of the data (a
/// start, a move, a leaving, a first training or pass, the day before and after) and for the
/// whole province, a department's subtree and a commune, each point is the figures of that day
/// alone.
#[tokio::test]
async fn a_series_in_one_query_counts_as_each_day_counted_alone() {
    let app = province().await;
    let db = app.state.db();
    let days: Vec<NaiveDate> = [
        "2024-12-31",
        "2025-01-01",
        "2025-04-30",
        "2025-05-01",
        "2025-05-31",
        "2025-06-01",
        "2025-09-30",
        "2025-10-01",
        "2025-11-14",
        "2025-11-15",
        "2025-11-30",
        "2025-12-01",
        "2025-12-31",
        "2026-01-01",
        "2026-02-28",
        "2026-03-01",
        "2026-06-30",
    ]
    .into_iter()
    .map(d)
    .collect();
    let mut prefixes = vec!["/".to_owned()];
    for code in ["UBND-T", "SO-NV", "XA-A"] {
        let unit = service::hr::units::find_by_code(db, None, code)
            .await
            .unwrap()
            .unwrap();
        prefixes.push(unit.path);
    }
    let mut seen_trained = false;
    for prefix in &prefixes {
        let series = service::hr::indicators::series(db, &days, prefix)
            .await
            .unwrap();
        assert_eq!(series.len(), days.len());
        for (day, point) in days.iter().zip(&series) {
            let alone = service::hr::indicators::compute(db, *day, prefix)
                .await
                .unwrap();
            assert_eq!(*point, alone, "{prefix} on {day}");
            seen_trained |= alone.commune_trained.numerator > 0 && alone.mastered.numerator > 0;
        }
    }
    assert!(seen_trained, "the data trains and masters someone");
    let mut unordered = days.clone();
    unordered.swap(0, 1);
    assert!(
        service::hr::indicators::series(db, &unordered, "/")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn drill_down_lists_are_exactly_the_people_behind_each_figure() {
    let app = province().await;
    for as_of in [
        "2025-06-30",
        "2025-10-01",
        "2025-12-31",
        "2026-01-01",
        "2026-03-01",
    ] {
        let figures = service::hr::indicators::compute(app.state.db(), d(as_of), "/")
            .await
            .unwrap();
        let set = service::hr::dashboard::to_set(figures);
        for key in IndicatorKey::ALL {
            let mut f = filter(as_of);
            f.indicator = Some(*key);
            f.status = Some(key.achieved());
            let achieved = codes(&app, &f).await.len() as u64;
            f.status = Some(key.missing());
            let missing = codes(&app, &f).await.len() as u64;
            let ratio = set.get(*key);
            assert_eq!(
                (achieved, achieved + missing),
                (ratio.numerator, ratio.denominator),
                "{as_of} {key:?}"
            );
        }
    }
    // On the day of the move CB01 is in XA-A; after leaving, CB03 is on no list.
    let mut f = filter("2025-10-01");
    f.indicator = Some(IndicatorKey::CommuneTrained);
    assert_eq!(codes(&app, &f).await, ["CB01", "CB06"]);
    assert!(
        !codes(&app, &filter("2026-01-01"))
            .await
            .contains(&"CB03".to_owned())
    );
    // Contract staff are listed as staff but in no indicator's population.
    let mut f = filter("2025-12-31");
    f.indicator = Some(IndicatorKey::Mastered);
    assert!(!codes(&app, &f).await.contains(&"CB05".to_owned()));
}

#[tokio::test]
async fn lists_search_filter_page_and_stay_in_the_officers_subtree() {
    let app = province().await;
    let mut f = filter("2025-12-31");
    f.search = Some("bình".into());
    assert_eq!(codes(&app, &f).await, ["CB02"], "search ignores case");
    f.search = Some("cb0".into());
    assert_eq!(codes(&app, &f).await.len(), 6);
    f.search = Some("%".into());
    assert!(
        codes(&app, &f).await.is_empty(),
        "wildcards are taken literally"
    );
    let mut f = filter("2025-12-31");
    f.kind = Some(domain::exchange::StaffKind::VienChuc);
    assert_eq!(codes(&app, &f).await, ["CB04"]);
    let mut f = filter("2025-12-31");
    f.status = Some(PersonStatus::Trained);
    let rows = service::hr::people::all(app.state.db(), &f).await.unwrap();
    let cb02 = rows.iter().find(|r| r.staff_code == "CB02").unwrap();
    assert_eq!(cb02.trained_on.as_deref(), Some("2025-11-15"));
    assert_eq!(cb02.mastered_on.as_deref(), Some("2025-12-01"));
    let (page, total) = service::hr::people::page(app.state.db(), &filter("2025-12-31"), 1)
        .await
        .unwrap();
    assert_eq!((page.len(), total), (6, 6));
    let (page2, _) = service::hr::people::page(app.state.db(), &filter("2025-12-31"), 2)
        .await
        .unwrap();
    assert!(page2.is_empty());

    let hr_tc = actor(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let query = domain::hr::PeopleQuery {
        as_of: "2025-12-31".into(),
        ..Default::default()
    };
    let (own, unit) = service::hr::dashboard::people_filter(app.state.db(), &hr_tc, &query)
        .await
        .unwrap();
    assert_eq!(
        unit.unwrap().code,
        "SO-TC",
        "an officer's list defaults to their unit"
    );
    assert_eq!(codes(&app, &own).await, ["CB03", "CB04"]);
    let other = domain::hr::PeopleQuery {
        unit: "SO-NV".into(),
        ..query
    };
    let refused = service::hr::dashboard::people_filter(app.state.db(), &hr_tc, &other).await;
    assert!(matches!(refused, Err(service::Error::Forbidden)));
    let learner = actor(&app, "hocvien", &[(Role::Learner, None)]).await;
    let refused = service::hr::dashboard::people_filter(
        app.state.db(),
        &learner,
        &domain::hr::PeopleQuery::default(),
    )
    .await;
    assert!(matches!(refused, Err(service::Error::Forbidden)));
}

#[tokio::test]
async fn a_person_record_is_shown_only_within_the_subtree() {
    let app = province().await;
    let hr_nv = actor(&app, "nhansu-nv", &[(Role::Hr, Some("SO-NV"))]).await;
    let hr_tc = actor(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let record = service::hr::person::record(app.state.db(), &hr_nv, "CB01")
        .await
        .unwrap();
    assert_eq!(record.assignments.len(), 2, "history is kept");
    assert_eq!(record.personal_id.as_deref(), Some("••••••••4567"));
    assert_eq!(record.trainings.len(), 1);
    assert!(matches!(
        service::hr::person::record(app.state.db(), &hr_tc, "CB01").await,
        Err(service::Error::NotFound)
    ));
    assert!(matches!(
        service::hr::person::record(app.state.db(), &hr_nv, "KHONG-CO").await,
        Err(service::Error::NotFound)
    ));
}

#[tokio::test]
async fn entries_by_hand_count_are_checked_audited_and_scoped() {
    use service::hr::manual_records::{NewAssessment, NewTraining, add_assessment, add_training};
    let app = province().await;
    let db = app.state.db();
    let hr_tc = actor(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let today = d("2026-03-31");
    let before = service::hr::indicators::compute(db, today, "/")
        .await
        .unwrap()
        .mastered;
    let training = |date: &'static str, evidence: &'static str| NewTraining {
        programme_code: "TT-2026-01",
        completed_on: Some(d(date)),
        mode: domain::exchange::Mode::TrucTiep,
        evidence,
    };
    let bad = add_training(db, &hr_tc, "CB04", training("2026-04-01", ""), today).await;
    let Err(service::Error::Invalid(issues)) = bad else {
        panic!("{bad:?}")
    };
    let fields: Vec<_> = issues
        .iter()
        .map(|i| (i.field.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("completed_on", "date_in_future"),
            ("evidence", "evidence_required")
        ]
    );

    let audits = audit_count(&app).await;
    add_training(
        db,
        &hr_tc,
        "CB04",
        training("2026-03-02", "QĐ 12/QĐ-STC"),
        today,
    )
    .await
    .unwrap();
    assert_eq!(audit_count(&app).await, audits + 1);
    add_training(
        db,
        &hr_tc,
        "CB04",
        training("2026-03-02", "QĐ 12/QĐ-STC"),
        today,
    )
    .await
    .unwrap();
    assert_eq!(
        audit_count(&app).await,
        audits + 1,
        "the same form sent twice changes nothing"
    );
    let other = add_training(
        db,
        &hr_tc,
        "CB04",
        training("2026-03-02", "QĐ 13/QĐ-STC"),
        today,
    )
    .await;
    assert!(
        matches!(other, Err(service::Error::Conflict("record_exists"))),
        "a different record on the same key"
    );
    let elsewhere = add_training(db, &hr_tc, "CB02", training("2026-03-02", "QĐ 12"), today).await;
    assert!(
        matches!(elsewhere, Err(service::Error::NotFound)),
        "another unit's person is out of reach"
    );

    let result = NewAssessment {
        assessment_code: "DG-TT",
        taken_on: Some(d("2026-03-10")),
        score: Some(85.0),
        passed: true,
        evidence: "Biên bản chấm",
    };
    add_assessment(db, &hr_tc, "CB04", result, today)
        .await
        .unwrap();
    let after = service::hr::indicators::compute(db, today, "/")
        .await
        .unwrap()
        .mastered;
    assert_eq!(
        after.numerator,
        before.numerator + 1,
        "a result entered by hand counts as mastery"
    );
    let record = service::hr::person::record(db, &hr_tc, "CB04")
        .await
        .unwrap();
    assert_eq!(record.trainings[0].source, "manual");
    assert_eq!(
        record.assessments.last().unwrap().note.as_deref(),
        Some("Biên bản chấm")
    );
    let bad_score = NewAssessment {
        assessment_code: "DG-TT",
        taken_on: Some(d("2026-03-11")),
        score: Some(101.0),
        passed: true,
        evidence: "x",
    };
    assert!(matches!(
        add_assessment(db, &hr_tc, "CB04", bad_score, today).await,
        Err(service::Error::Invalid(_))
    ));
}

async fn audit_count(app: &TestApp) -> usize {
    service::access::audit::latest(app.state.db(), 10_000)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn an_account_is_linked_by_its_owner_with_proof_or_by_hr_with_the_holders_consent() {
    use service::hr::link_proposals::{answer, pending_for, propose};
    use service::hr::linking::{claim, linked_to, unlink};
    let app = province().await;
    let db = app.state.db();
    let ip = "192.0.2.1";
    let owner = actor(&app, "0912345678", &[(Role::Learner, None)]).await;
    let wrong = claim(db, &owner, "CB01", "001203004568", ip).await;
    assert!(matches!(&wrong, Err(service::Error::Invalid(i)) if i[0].code == "link_not_matched"));
    let unknown = claim(db, &owner, "KHONG-CO", "001203004567", ip).await;
    assert!(
        matches!(&unknown, Err(service::Error::Invalid(i)) if i[0].code == "link_not_matched"),
        "no hint of who exists"
    );
    let by_email = claim(db, &owner, "CB01", "an@vidu.vn", ip).await;
    assert!(
        matches!(&by_email, Err(service::Error::Invalid(i)) if i[0].code == "link_not_matched"),
        "an e-mail is no proof"
    );
    claim(db, &owner, "cb01 ", "001203004567", ip)
        .await
        .expect_err("staff codes are exact");
    claim(db, &owner, "CB01", " 0012 0300 4567 ", ip)
        .await
        .unwrap();
    assert_eq!(
        linked_to(db, owner.id()).await.unwrap().unwrap().staff_code,
        "CB01"
    );
    assert!(matches!(
        claim(db, &owner, "CB02", "x", ip).await,
        Err(service::Error::Conflict("account_already_linked"))
    ));

    let hr_a = actor(&app, "nhansu-a", &[(Role::Hr, Some("XA-A"))]).await;
    unlink(db, &hr_a, "CB01").await.unwrap();
    assert!(linked_to(db, owner.id()).await.unwrap().is_none());
    let by_email = app.account("an@vidu.vn", &[(Role::Learner, None)]).await;
    let record = service::hr::person::record(db, &hr_a, "CB01")
        .await
        .unwrap();
    assert!(record.candidates.is_empty(), "no account shown to hr");
    propose(db, &hr_a, "CB01", "an@vidu.vn").await.unwrap();
    let record = service::hr::person::record(db, &hr_a, "CB01")
        .await
        .unwrap();
    assert!(record.account.is_none(), "a proposal shows nothing");
    assert_eq!(record.link_status.as_deref(), Some("proposed"));
    let holder = actor(&app, "an@vidu.vn", &[(Role::Learner, None)]).await;
    assert_eq!(holder.id(), by_email);
    let waiting = pending_for(db, by_email).await.unwrap();
    assert_eq!(waiting.len(), 1);
    answer(db, &holder, waiting[0].id, true).await.unwrap();
    assert_eq!(
        service::hr::person::record(db, &hr_a, "CB01")
            .await
            .unwrap()
            .account
            .unwrap()
            .login,
        "an@vidu.vn"
    );
    let hr_tc = actor(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    assert!(matches!(
        unlink(db, &hr_tc, "CB01").await,
        Err(service::Error::NotFound)
    ));
}

#[tokio::test]
async fn the_dashboard_matches_the_api_and_follows_twelve_month_ends() {
    let app = province().await;
    let hr_t = actor(&app, "nhansu-t", &[(Role::Hr, Some("UBND-T"))]).await;
    let dash = service::hr::dashboard::dashboard(app.state.db(), &hr_t, None, d("2026-02-28"))
        .await
        .unwrap();
    assert_eq!(dash.unit.as_ref().unwrap().code, "UBND-T");
    assert!(!dash.whole_province);
    assert_eq!(
        dash.choices
            .iter()
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>(),
        ["UBND-T", "SO-NV", "SO-TC"]
    );
    assert_eq!(
        dash.by_unit
            .iter()
            .map(|(u, _)| u.code.as_str())
            .collect::<Vec<_>>(),
        ["SO-NV", "SO-TC"]
    );
    assert_eq!(dash.monthly.len(), 12);
    assert_eq!(dash.monthly[0].0, "2025-03-31");
    assert_eq!(dash.monthly[11].0, "2026-02-28");
    assert_eq!(dash.monthly[11].1, dash.figures);
    // On 2026-02-28 the provincial population is CB02 (trained); CB03 has left.
    assert_eq!(
        (
            dash.figures.provincial_trained.numerator,
            dash.figures.provincial_trained.denominator
        ),
        (1, 1)
    );
    let june = &dash.monthly[3];
    assert_eq!(june.0, "2025-06-30");
    assert_eq!(
        (
            june.1.provincial_trained.numerator,
            june.1.provincial_trained.denominator
        ),
        (2, 3)
    );
    let hr_tc = actor(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let refused =
        service::hr::dashboard::dashboard(app.state.db(), &hr_tc, Some("SO-NV"), d("2026-02-28"))
            .await;
    assert!(matches!(refused, Err(service::Error::Forbidden)));
}

#[tokio::test]
async fn hr_server_functions_answer_over_http_with_the_scope_enforced() {
    let app = province().await;
    app.account("nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let hr = browser(&app);
    assert_eq!(
        app.api_login(&hr, "nhansu-tc", PASSWORD).await.status(),
        200
    );
    let own = hr
        .get(app.url("/_sf/hr_person"))
        .query(&[("staff_code", "CB04")])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    assert!(own.text().await.unwrap().contains("Phạm Thị Dung"));
    let other = hr
        .get(app.url("/_sf/hr_person"))
        .query(&[("staff_code", "CB02")])
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
    assert!(!other.text().await.unwrap().contains("Trần Thị Bình"));
    let add = [
        ("staff_code", "CB02"),
        ("programme_code", "X"),
        ("completed_on", "2026-01-01"),
        ("mode", "truc_tiep"),
        ("evidence", "x"),
    ];
    let refused = hr
        .post(app.url("/_sf/hr_add_training"))
        .form(&add)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    let anonymous = browser(&app)
        .get(app.url("/_sf/hr_dashboard"))
        .query(&[("unit", ""), ("as_of", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn templates_and_people_lists_download_as_csv_and_xlsx_within_the_scope() {
    let app = province().await;
    let anyone = browser(&app);
    let csv = anyone
        .get(app.url("/don-vi/nhap-du-lieu/mau/danh_sach.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert!(
        text.starts_with("\u{feff}Mã cán bộ,Họ và tên,Mã đơn vị,Loại,Ngày bắt đầu"),
        "{text}"
    );
    let xlsx = anyone
        .get(app.url("/don-vi/nhap-du-lieu/mau/boi_duong.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert!(
        xlsx.bytes().await.unwrap().starts_with(b"PK"),
        "an XLSX file is a zip"
    );
    assert_eq!(
        anyone
            .get(app.url("/don-vi/nhap-du-lieu/mau/khac.csv"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    app.account("nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let hr = browser(&app);
    assert_eq!(
        app.api_login(&hr, "nhansu-tc", PASSWORD).await.status(),
        200
    );
    let list = hr
        .get(app.url("/don-vi/nhan-su/xuat?as_of=2025-12-31&format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    assert!(
        list.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("nhan_su_2025-12-31.csv")
    );
    let body = list.text().await.unwrap();
    assert!(
        body.contains("CB03") && body.contains("Phạm Thị Dung"),
        "{body}"
    );
    assert!(!body.contains("CB02"), "another unit's people stay out");
    let other = hr
        .get(app.url("/don-vi/nhan-su/xuat?unit=SO-NV&format=xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 403);
    assert_eq!(
        anyone
            .get(app.url("/don-vi/nhan-su/xuat"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}
