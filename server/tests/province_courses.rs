//! A province may publish its own courses beside the national ones (SPEC, "Provinces"): its
//! province admin writes them (course, lessons, quizzes) and nothing else of anyone's; its
//! learners find them in the catalogue, other provinces' learners do not. Every refusal writes
//! nothing. TINH and QT as in [`support::nation`].
mod support;

use sea_orm::ConnectionTrait;
use serde_json::Value;
use support::nation::{Nation, nation};
use support::{
    TestApp, bearer, browser, fingerprint, issue_token, json_of, scalar, server_fn, server_read,
    sign_in,
};

const COURSE: &str = "TINH-KN-01";
/// A national course, made by the national admin.
const NATIONAL: &str = "KN-QG-01";
/// Three questions in the bank, for the quizzes' draws.
const BANK: &str = "$CATEGORY: an_toan/de\n\n::AT-P1::Mật khẩu mạnh cần gì? {\n=Dài và khó đoán\n~Ngày sinh\n}\n\n::AT-P2::Có nên chia sẻ mã OTP? {F}\n\n::AT-P3::Nên cập nhật phần mềm? {T}\n";

async fn save_course(
    app: &TestApp,
    who: &reqwest::Client,
    editing: &str,
    code: &str,
) -> (u16, Value) {
    server_fn(
        app,
        who,
        "author_save_course",
        &[
            ("editing", editing),
            ("code", code),
            ("title", "Dịch vụ công trực tuyến của tỉnh"),
            ("summary", "Nộp hồ sơ trên cổng dịch vụ công của tỉnh"),
            ("audience", "everyone"),
            ("competences[0]", "giao_tiep"),
            ("counts_as_training", "true"),
        ],
    )
    .await
}

async fn add_lesson(app: &TestApp, who: &reqwest::Client, code: &str) -> (u16, Value) {
    server_fn(
        app,
        who,
        "author_save_lesson",
        &[
            ("course", code),
            ("title", "Tạo tài khoản"),
            ("body", "## Tạo tài khoản\n\nBấm **Đăng ký**."),
        ],
    )
    .await
}

async fn publish(app: &TestApp, who: &reqwest::Client, code: &str) -> (u16, Value) {
    server_fn(
        app,
        who,
        "author_publish",
        &[("code", code), ("publish", "true")],
    )
    .await
}

/// The national admin's NATIONAL course (published) and question bank; then TINH's admin makes
/// and publishes COURSE with one lesson: its id.
async fn tinh_course(n: &Nation) -> i64 {
    let app = &n.app;
    for (status, body) in [
        save_course(app, &n.national, "", NATIONAL).await,
        add_lesson(app, &n.national, NATIONAL).await,
        publish(app, &n.national, NATIONAL).await,
    ] {
        assert_eq!(status, 200, "{body}");
    }
    let res = n
        .national
        .post(app.url("/api/v1/questions/import?format=gift"))
        .header("content-type", "text/plain")
        .body(BANK)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let (status, body) = save_course(app, &n.tinh, "", COURSE).await;
    assert_eq!(status, 200, "{body}");
    let (status, lesson) = add_lesson(app, &n.tinh, COURSE).await;
    assert_eq!(status, 200, "{lesson}");
    let (status, body) = publish(app, &n.tinh, COURSE).await;
    assert_eq!(status, 200, "{body}");
    lesson.as_i64().unwrap()
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_province_admin_writes_its_own_courses_and_nothing_else() {
    let n = nation().await;
    let app = &n.app;
    let lesson = tinh_course(&n).await.to_string();
    let province = scalar(
        app,
        &format!("SELECT CAST(province_id AS BIGINT) AS n FROM courses WHERE code = '{COURSE}'"),
    )
    .await;
    let tinh = scalar(
        app,
        "SELECT CAST(id AS BIGINT) AS n FROM provinces WHERE code = 'TINH'",
    )
    .await;
    assert_eq!(province, tinh, "the course is TINH's");

    let (status, mine) = server_read(app, &n.tinh, "author_courses", &[]).await;
    assert_eq!(
        (status, codes(&mine)),
        (200, vec![COURSE.to_owned()]),
        "TINH lists its own course alone"
    );
    let (status, theirs) = server_read(app, &n.qt, "author_courses", &[]).await;
    assert_eq!(
        (status, codes(&theirs)),
        (200, Vec::<String>::new()),
        "QT lists none"
    );

    let before = fingerprint(app).await;
    let refusals = [
        (
            "QT edits TINH's course",
            save_course(app, &n.qt, COURSE, COURSE).await,
        ),
        (
            "QT adds a lesson to it",
            add_lesson(app, &n.qt, COURSE).await,
        ),
        (
            "QT unpublishes it",
            server_fn(
                app,
                &n.qt,
                "author_publish",
                &[("code", COURSE), ("publish", "false")],
            )
            .await,
        ),
        (
            "QT rewrites its lesson",
            server_fn(
                app,
                &n.qt,
                "author_save_lesson",
                &[
                    ("course", COURSE),
                    ("id", &lesson),
                    ("title", "x"),
                    ("body", "x"),
                ],
            )
            .await,
        ),
        (
            "QT deletes its lesson",
            server_fn(app, &n.qt, "author_delete_lesson", &[("id", &lesson)]).await,
        ),
        (
            "QT moves its lesson",
            server_fn(
                app,
                &n.qt,
                "author_move_lesson",
                &[("id", &lesson), ("direction", "down")],
            )
            .await,
        ),
        (
            "QT opens its lesson",
            server_read(app, &n.qt, "author_lesson", &[("id", &lesson)]).await,
        ),
        (
            "QT opens the course",
            server_read(app, &n.qt, "author_course", &[("code", COURSE)]).await,
        ),
        (
            "TINH edits a national course",
            save_course(app, &n.tinh, NATIONAL, NATIONAL).await,
        ),
        (
            "TINH unpublishes a national course",
            server_fn(
                app,
                &n.tinh,
                "author_publish",
                &[("code", NATIONAL), ("publish", "false")],
            )
            .await,
        ),
        (
            "TINH adds a lesson to a national course",
            add_lesson(app, &n.tinh, NATIONAL).await,
        ),
    ];
    for (what, (status, body)) in refusals {
        assert_eq!(status, 404, "{what}: {body}");
    }
    let (status, body) = save_course(app, &n.hr, "", "SO-A-KN-01").await;
    assert_eq!(status, 403, "hr writes no course: {body}");
    assert_eq!(fingerprint(app).await, before, "the refusals wrote nothing");

    // The national content team and admin write every course.
    let (status, body) = save_course(app, &n.national, COURSE, COURSE).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_province_quiz_belongs_to_one_of_its_courses() {
    let n = nation().await;
    let app = &n.app;
    tinh_course(&n).await;
    let quiz = |course: &'static str, code: &'static str| {
        [
            ("code", code),
            ("title", "Kiểm tra cuối khóa"),
            ("course", course),
            ("pass_mark", "80"),
            ("floor", "50"),
            ("review", "score"),
            ("counts[any.any]", "2"),
        ]
    };
    let (status, body) =
        server_fn(app, &n.national, "author_save_quiz", &quiz("", "QG-KT-01")).await;
    assert_eq!(status, 200, "a national assessment of no course: {body}");
    let before = fingerprint(app).await;
    let (status, body) = server_fn(app, &n.qt, "author_save_quiz", &quiz(COURSE, "QT-KT-01")).await;
    assert_eq!(status, 404, "QT writes no quiz for TINH's course: {body}");
    let (status, body) = server_fn(app, &n.tinh, "author_save_quiz", &quiz("", "TINH-KT-00")).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("quiz_course_required"), "{body}");
    let (status, body) = server_fn(
        app,
        &n.tinh,
        "author_save_quiz",
        &quiz(NATIONAL, "TINH-KT-02"),
    )
    .await;
    assert_eq!(
        status, 404,
        "TINH writes no quiz for a national course: {body}"
    );
    let (status, body) = server_read(app, &n.tinh, "author_quiz", &[("code", "QG-KT-01")]).await;
    assert_eq!(status, 404, "nor reads one: {body}");
    assert_eq!(fingerprint(app).await, before, "the refusals wrote nothing");

    let (status, body) = server_fn(
        app,
        &n.tinh,
        "author_save_quiz",
        &quiz(COURSE, "TINH-KT-01"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, tinh) = server_read(app, &n.tinh, "author_quizzes", &[]).await;
    assert_eq!(
        codes(&tinh),
        ["TINH-KT-01"],
        "TINH lists its course's quiz alone"
    );
    let (_, qt) = server_read(app, &n.qt, "author_quizzes", &[]).await;
    assert_eq!(codes(&qt), Vec::<String>::new());
}

/// Learners of the province find its course beside the national ones; learners elsewhere and
/// visitors find the national ones; anyone with the link opens it.
#[tokio::test]
async fn the_catalogue_shows_national_courses_and_the_readers_province() {
    let n = nation().await;
    let app = &n.app;
    tinh_course(&n).await;
    for (login, province) in [("hoc-tinh", "TINH"), ("hoc-qt", "QT")] {
        let id = app.account(login, &[(domain::Role::Learner, None)]).await;
        let sql = format!(
            "UPDATE users SET home_unit_id = (SELECT u.id FROM units u JOIN provinces p \
             ON p.id = u.province_id WHERE u.code = 'XA-A' AND p.code = '{province}') WHERE id = {id}"
        );
        app.state.db().execute_unprepared(&sql).await.unwrap();
    }
    let listed = |who: reqwest::Client| async move {
        let (status, body) =
            json_of(who.get(app.url("/api/v1/courses")).send().await.unwrap()).await;
        assert_eq!(status, 200, "{body}");
        codes(&body["courses"])
    };
    let in_tinh = listed(sign_in(app, "hoc-tinh").await).await;
    assert!(
        in_tinh.contains(&COURSE.to_owned()) && in_tinh.contains(&NATIONAL.to_owned()),
        "{in_tinh:?}"
    );
    for (who, client) in [
        ("QT's learner", sign_in(app, "hoc-qt").await),
        ("a visitor", browser(app)),
    ] {
        let list = listed(client).await;
        assert!(
            !list.contains(&COURSE.to_owned()) && list.contains(&NATIONAL.to_owned()),
            "{who}: {list:?}"
        );
    }
    assert!(
        listed(n.national.clone())
            .await
            .contains(&COURSE.to_owned()),
        "the national admin finds every course"
    );
    // The catalogue page says the same.
    for (login, shown) in [("hoc-tinh", true), ("hoc-qt", false)] {
        let page = sign_in(app, login)
            .await
            .get(app.url("/khoa-hoc"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert_eq!(
            html.contains(&format!("/khoa-hoc/{COURSE}")),
            shown,
            "{login}: {html}"
        );
        assert!(html.contains(&format!("/khoa-hoc/{NATIONAL}")), "{login}");
    }
    let res = browser(app)
        .get(app.url(&format!("/api/v1/courses/{COURSE}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a published course opens from its link");
}

/// A token finds the national courses and its own province's, whoever issued it: the national
/// admin living in TINH issues one for QT's SO-Q, which finds no TINH course.
#[tokio::test]
async fn a_token_finds_its_own_provinces_courses() {
    let n = nation().await;
    let app = &n.app;
    tinh_course(&n).await;
    let sql = "UPDATE users SET home_unit_id = (SELECT u.id FROM units u JOIN provinces p \
               ON p.id = u.province_id WHERE u.code = 'XA-A' AND p.code = 'TINH') \
               WHERE login = 'quoc-gia'";
    app.state.db().execute_unprepared(sql).await.unwrap();
    let (_, for_qt) = issue_token(app, &n.national, "QT's reports", Some("SO-Q")).await;
    let (_, for_tinh) = issue_token(app, &n.tinh, "TINH's reports", None).await;
    for (token, shown) in [(for_qt, false), (for_tinh, true)] {
        let res = bearer(&token)
            .get(app.url("/api/v1/courses"))
            .send()
            .await
            .unwrap();
        let (status, body) = json_of(res).await;
        assert_eq!(status, 200, "{body}");
        let list = codes(&body["courses"]);
        assert_eq!(list.contains(&COURSE.to_owned()), shown, "{list:?}");
        assert!(list.contains(&NATIONAL.to_owned()), "{list:?}");
    }
}
