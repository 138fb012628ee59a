//! The scope matrix: for every route and server function that takes an id or a code, who may
//! and who may not. Units: A (with a child A1 and the commune X-A) and its sibling B. The hr
//! officer of A (and a token for A) may work on A's subtree; the officer of B (and a token for
//! B) is refused; a learner is refused everything that is another person's (the owner's
//! attempt, certificate, proposal…), the author may edit content, the facilitator of X-A may
//! act for the residents they registered, the admin may do admin things; the anonymous is
//! refused everywhere but public pages. The province axis: everything above lives in the first
//! province (TINH), whose admin has the admin's powers there (not the deployment's: badge keys);
//! the admin of another province (QT) and a token for the whole of QT reach none of it. A refusal writes nothing (the database fingerprint is
//! unchanged). A new route is one more line in [`cases`].
//!
//! Every route and server function that takes an id or a code, by area; each is covered here
//! unless it says "not covered" and why:
//! - people and records: GET /api/v1/people/{code}, POST …/{code}/link-proposal,
//!   DELETE …/{code}/link, POST …/{code}/erase; _sf hr_person, hr_add_training,
//!   hr_add_assessment, hr_propose_link, hr_unlink, hr_erase_person, hr_dashboard (unit),
//!   hr_people (unit); GET /don-vi/nhan-su/xuat?unit=; GET /don-vi/nhap-du-lieu/mau/{file}
//!   (not covered: an empty template, no data, public by design).
//! - imports, exports, indicators (unit code in the file or the query): POST
//!   /api/v1/{units,roster,training-records,assessment-results}/import, POST
//!   /don-vi/nhap-du-lieu (the import page's plain form, the same files), GET
//!   /api/v1/{roster,training-records,assessment-results,indicators}/export,
//!   GET /api/v1/indicators, /api/v1/indicators/by-unit, /api/v1/indicators/trend,
//!   GET /api/v1/people (the drill-down; GET /api/v1/units takes no code: it lists the
//!   caller's own subtrees, see [`what_the_a_side_reads_holds_nothing_of_b`]).
//! - tokens: POST/GET /api/v1/tokens, DELETE /api/v1/tokens/{id}; _sf list_tokens,
//!   issue_token, revoke_token, token_units.
//! - admin (accounts, roles, audit): _sf list_users, grant_role, revoke_role, set_disabled
//!   (user id), list_audit. Units are created by the units import (above); there is no other
//!   unit route.
//! - claims and link proposals: POST /api/v1/me/staff-record, _sf claim_staff_record;
//!   POST /api/v1/me/link-proposals/{id}/accept, …/{id}/refuse, _sf answer_link_proposal.
//! - authoring: _sf author_course, author_save_course, author_publish, author_lesson,
//!   author_save_lesson, author_delete_lesson, author_move_lesson (lesson id), author_quiz,
//!   author_save_quiz (quiz code); POST /api/v1/questions/import and POST
//!   /soan-bai/ngan-hang (question bank, by the API and by the bank page's plain form);
//!   POST /api/v1/courses/{code}/attachments, GET /tep/{token} (attachment download).
//! - learning: GET /api/v1/courses/{code}, _sf learn_course, learn_lesson, learn_mark_done,
//!   learn_practice (course code); POST /luyen-tap/{code}/nop; GET /khoa-hoc/{code},
//!   /khoa-hoc/{code}/bai/{n} (reading pages, drawn from the same services).
//! - attempts: _sf assess_quiz (quiz code), assess_attempt (attempt id); POST
//!   /bai-kiem-tra/{code}/bat-dau, /bai-lam/{id}/tra-loi, /bai-lam/{id}/nop. The page
//!   /bai-lam/{id} is drawn by assess_attempt.
//! - certificates: GET /api/v1/certificates/{code} (public), POST …/{code}/revoke,
//!   GET /chung-nhan/{code}.pdf, GET …/{code}/credential and /chung-nhan/{code}.jwt (the
//!   signed credential), POST /api/v1/badges/keys/rotate, _sf cert_verify (public), cert_revoke. The pages
//!   /xac-minh/{code} and /verify/{code} are drawn by cert_verify.
//! - offline and sync: GET /api/v1/courses/{code}/offline, POST /api/v1/sync (the items
//!   name course codes; a receipt is the sender's own: see
//!   [`a_sync_receipt_is_the_senders_own`]).
//! - community and facilitation: POST /api/v1/teams (commune code), POST
//!   /api/v1/teams/{id}/members, DELETE /api/v1/teams/{id}/members/{user_id}, GET
//!   /api/v1/teams?commune=, POST /api/v1/residents (commune code), POST
//!   /api/v1/residents/{id}/enrolments; _sf community_create_team, community_add_member,
//!   community_remove_member, community_register, community_enrol; POST
//!   /cong-dong/ho-tro/{id} (assisted session).
//! - reminders by e-mail: _sf hr_reminder_preview (unit, and a staff code to preview for),
//!   hr_reminder_send (unit), hr_reminders (the caller's own), hr_reminder (reminder id);
//!   GET/POST /huy-nhan-thu/{token} (not covered here: the token is the only right, by
//!   design; server/tests/reminders.rs tests it).
//! - the Leptos pages with an id (/don-vi/nhan-su/{code}, /soan-bai/{code},
//!   /soan-bai/{code}/bai/{id}, /soan-bai/kiem-tra/{code}, /bai-lam/{id}, /xac-minh/{code})
//!   read through the server functions above; they are not called here one by one.
mod support;

use std::collections::HashMap;

use domain::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use service::entity::certificate;
use support::quiz::{self, complete_course, with_demo_content};
use support::{
    CSV, PASSWORD, TestApp, bearer, browser, count, fingerprint, issue_token, json_of, scalar,
    server_fn, sign_in, signed_in, spawn_app, spawn_with, upload,
};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    /// A learner who owns nothing the cases name.
    Learner,
    /// A member of the community team of commune X-A.
    Facilitator,
    Author,
    HrB,
    TokenB,
    /// The learner whose attempts, certificates and link proposals the cases name.
    Owner,
    HrA,
    TokenA,
    /// The admin of the province everything above lives in (TINH).
    AdminP,
    /// The national admin.
    Admin,
    /// The admin of another province (QT), where nothing the cases name lives.
    AdminQ,
    /// A token for the whole of QT.
    TokenQ,
}

/// In the order they call: the allowed last, the admin at the very end, so that a one-time
/// action (a revocation, an erasure) is tried by every refused caller before it is done.
const EVERYONE: [Who; 13] = [
    Who::Anonymous,
    Who::Learner,
    Who::AdminQ,
    Who::TokenQ,
    Who::Facilitator,
    Who::Author,
    Who::HrB,
    Who::TokenB,
    Who::Owner,
    Who::HrA,
    Who::TokenA,
    Who::AdminP,
    Who::Admin,
];
/// Who may work on A's subtree.
const A_SIDE: &[Who] = &[Who::HrA, Who::TokenA, Who::AdminP, Who::Admin];
/// Who may work on B's subtree.
const B_SIDE: &[Who] = &[Who::HrB, Who::TokenB, Who::AdminP, Who::Admin];
/// hr of A and the admins, not a token (teams are no token's business).
const A_PEOPLE: &[Who] = &[Who::HrA, Who::AdminP, Who::Admin];
/// hr of B and the admins, not a token.
const B_PEOPLE: &[Who] = &[Who::HrB, Who::AdminP, Who::Admin];
/// The national admin alone (the deployment's keys).
const ADMIN: &[Who] = &[Who::Admin];
/// The admin's powers within the province: its admin's and the national admin's.
const ADMINS: &[Who] = &[Who::AdminP, Who::Admin];
/// A list the admins read: QT's admin reads it too, holding QT's rows alone (what the rows
/// hold is checked by `server/tests/province_admin.rs`).
const ADMIN_LISTS: &[Who] = &[Who::AdminQ, Who::AdminP, Who::Admin];
const AUTHORS: &[Who] = &[Who::Author, Who::Admin];
/// A new course: the content team's (national), or a province admin's (the province's own,
/// which `server/tests/province_courses.rs` keeps from the other province).
const COURSE_MAKERS: &[Who] = &[Who::AdminQ, Who::AdminP, Who::Author, Who::Admin];
const OWNER: &[Who] = &[Who::Owner];
const FACILITATOR: &[Who] = &[Who::Facilitator];
const NOBODY: &[Who] = &[];
/// Every account (a token is no account: it learns nothing).
const ACCOUNTS: &[Who] = &[
    Who::Learner,
    Who::Facilitator,
    Who::Author,
    Who::HrB,
    Who::Owner,
    Who::HrA,
    Who::AdminP,
    Who::Admin,
    Who::AdminQ,
];
const ALL: &[Who] = &EVERYONE;

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Delete,
}

#[derive(Clone, Copy)]
enum Body {
    None,
    Csv(&'static str),
    Json(&'static str),
    /// A server function's arguments (answered in JSON).
    Form(&'static [(&'static str, &'static str)]),
    /// A form the page posts (answered with a redirect).
    Page(&'static [(&'static str, &'static str)]),
    /// An import page's file form (multipart: these fields, and the file), answered with the
    /// page: what it shows is read as accepted or refused.
    Upload(&'static [(&'static str, &'static str)], &'static str),
    Bytes(&'static str, &'static [u8]),
}

/// One route: how to call it (`{…}` are filled in with real ids, see [`World::fill`]), and who
/// may.
struct Case {
    method: Method,
    path: &'static str,
    body: Body,
    allowed: &'static [Who],
    /// A refusal that is audited on purpose (a failed claim of a staff record is counted
    /// against the claim limit and kept in the audit log): one audit row, nothing else.
    audited: bool,
}

const fn case(method: Method, path: &'static str, body: Body, allowed: &'static [Who]) -> Case {
    Case {
        method,
        path,
        body,
        allowed,
        audited: false,
    }
}

const fn audited(c: Case) -> Case {
    Case { audited: true, ..c }
}

const ROSTER_IN_A: &str =
    "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-A2,Phạm Văn Mới,A,cong_chuc,2025-03-01\n";
const ROSTER_IN_A1: &str =
    "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-A3,Đỗ Thị Con,A1,vien_chuc,2025-03-01\n";
const TRAINING_IN_A: &str =
    "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB-A,KNS-02,2025-04-01,truc_tiep\n";
const RESULT_IN_A: &str = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB-A,DG-02,2025-04-02,90,1\n";
const PEOPLE_OF_A: &[(&str, &str)] = &[
    ("query[unit]", "A"),
    ("query[as_of]", ""),
    ("query[search]", ""),
    ("query[kind]", ""),
    ("query[status]", ""),
    ("query[indicator]", ""),
    ("query[page]", "1"),
];
const TRAINING_BY_HAND: &[(&str, &str)] = &[
    ("staff_code", "CB-A"),
    ("programme_code", "TT-01"),
    ("completed_on", "2025-05-01"),
    ("mode", "truc_tiep"),
    ("evidence", "QĐ 1"),
];
const RESULT_BY_HAND: &[(&str, &str)] = &[
    ("staff_code", "CB-A"),
    ("assessment_code", "DG-TT"),
    ("taken_on", "2025-05-02"),
    ("score", "88"),
    ("passed", "true"),
    ("evidence", "Biên bản"),
];
const UNITS_UNDER_A: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nA2,Phòng mới,tinh,A\n";

fn cases() -> Vec<Case> {
    use Method::*;
    let mut all = vec![
        // Imports with a row placing someone in A's subtree.
        case(
            Post,
            "/api/v1/roster/import?province=TINH",
            Body::Csv(ROSTER_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/roster/import?province=TINH",
            Body::Csv(ROSTER_IN_A1),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/roster/import?dry_run=true&province=TINH",
            Body::Csv(ROSTER_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/training-records/import?province=TINH",
            Body::Csv(TRAINING_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/assessment-results/import?province=TINH",
            Body::Csv(RESULT_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/units/import?province=TINH",
            Body::Csv(UNITS_UNDER_A),
            ADMINS,
        ),
        // The import page's plain form: the same files.
        case(
            Post,
            "/don-vi/nhap-du-lieu",
            Body::Upload(
                &[("format", "danh_sach"), ("province", "TINH")],
                ROSTER_IN_A,
            ),
            A_SIDE,
        ),
        case(
            Post,
            "/don-vi/nhap-du-lieu",
            Body::Upload(
                &[("format", "boi_duong"), ("province", "TINH")],
                TRAINING_IN_A,
            ),
            A_SIDE,
        ),
        // Indicators.
        case(Get, "/api/v1/indicators?unit=A", Body::None, A_SIDE),
        case(Get, "/api/v1/indicators?unit=A1", Body::None, A_SIDE),
        case(Get, "/api/v1/indicators/by-unit?unit=A", Body::None, A_SIDE),
        case(Get, "/api/v1/indicators/trend?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/api/v1/indicators/trend?unit=A1&from=2025-01-01",
            Body::None,
            A_SIDE,
        ),
        case(Get, "/api/v1/people?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/api/v1/people?unit=A1&indicator=mastered&status=not_mastered",
            Body::None,
            A_SIDE,
        ),
        // Exports.
        case(Get, "/api/v1/roster/export?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/api/v1/roster/export?unit=A1&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/training-records/export?unit=A",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/training-records/export?unit=A&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/assessment-results/export?unit=A",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/assessment-results/export?unit=A&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        case(Get, "/api/v1/indicators/export?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/api/v1/indicators/export?unit=A&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        // Tokens.
        case(
            Post,
            "/api/v1/tokens",
            Body::Json(r#"{"name": "x", "unit": "A"}"#),
            ADMINS,
        ),
        case(Get, "/api/v1/tokens", Body::None, ADMIN_LISTS),
        case(Delete, "/api/v1/tokens/{token}", Body::None, ADMINS),
        case(Get, "/_sf/list_tokens", Body::Form(&[]), ADMIN_LISTS),
        case(
            Post,
            "/_sf/issue_token",
            Body::Form(&[("name", "x"), ("unit_code", "A")]),
            ADMINS,
        ),
        case(
            Post,
            "/_sf/revoke_token",
            Body::Form(&[("id", "{token2}")]),
            ADMINS,
        ),
        case(Get, "/_sf/token_units", Body::Form(&[]), ADMIN_LISTS),
        // The HR area's server functions and files.
        case(
            Get,
            "/_sf/hr_dashboard",
            Body::Form(&[("unit", "A"), ("as_of", "")]),
            A_SIDE,
        ),
        case(Get, "/_sf/hr_people", Body::Form(PEOPLE_OF_A), A_SIDE),
        case(
            Get,
            "/_sf/hr_person",
            Body::Form(&[("staff_code", "CB-A")]),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_add_training",
            Body::Form(TRAINING_BY_HAND),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_add_assessment",
            Body::Form(RESULT_BY_HAND),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_unlink",
            Body::Form(&[("staff_code", "CB-A")]),
            A_SIDE,
        ),
        case(Get, "/don-vi/nhan-su/xuat?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/don-vi/nhan-su/xuat?unit=A1&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        // Accounts and the audit log.
        case(
            Get,
            "/_sf/list_users",
            Body::Form(&[("query", "")]),
            ADMIN_LISTS,
        ),
        case(
            Post,
            "/_sf/grant_role",
            Body::Form(&[("user_id", "{user}"), ("role", "hr"), ("unit_code", "A")]),
            ADMINS,
        ),
        case(
            Post,
            "/_sf/revoke_role",
            Body::Form(&[
                ("user_id", "{user}"),
                ("role", "learner"),
                ("unit_code", ""),
            ]),
            ADMINS,
        ),
        case(
            Post,
            "/_sf/set_disabled",
            Body::Form(&[("user_id", "{user}"), ("disabled", "true")]),
            ADMINS,
        ),
        case(
            Get,
            "/_sf/list_audit",
            Body::Form(&[("filter[page]", "1")]),
            ADMIN_LISTS,
        ),
    ];
    for area in [
        people,
        claims_and_proposals,
        authoring,
        learning,
        attempts,
        certificates,
        offline,
        community,
        reminders,
    ] {
        all.extend(area());
    }
    all
}

/// A reminder's list in A (no placeholder in the text: `{…}` are the matrix's own).
const REMIND_A: &[(&str, &str)] = &[
    ("key", "k-{n}"),
    ("unit", "A"),
    ("status", "not_trained"),
    ("subject", "Nhắc bồi dưỡng"),
    ("body", "Xin hoàn thành khóa học."),
];
const REMIND_B: &[(&str, &str)] = &[
    ("key", "kb-{n}"),
    ("unit", "B"),
    ("status", "not_mastered"),
    ("subject", "Nhắc đánh giá"),
    ("body", "Xin làm bài đánh giá."),
];

/// Reminders by e-mail: the list's unit, a person to preview for, a reminder by id. Tokens
/// never write reminders (they are an officer's words).
fn reminders() -> Vec<Case> {
    use Method::*;
    vec![
        case(
            Get,
            "/_sf/hr_reminder_preview",
            Body::Form(REMIND_A),
            A_PEOPLE,
        ),
        case(
            Get,
            "/_sf/hr_reminder_preview",
            Body::Form(REMIND_B),
            B_PEOPLE,
        ),
        // B's person named while previewing A's list: no one may (not in the list).
        case(
            Get,
            "/_sf/hr_reminder_preview",
            Body::Form(&[
                ("unit", "A"),
                ("status", "not_trained"),
                ("subject", "x"),
                ("body", "x"),
                ("preview_for", "CB-B"),
            ]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/hr_reminder_send",
            Body::Form(REMIND_A),
            A_PEOPLE,
        ),
        case(
            Post,
            "/_sf/hr_reminder_send",
            Body::Form(REMIND_B),
            B_PEOPLE,
        ),
        case(
            Get,
            "/_sf/hr_reminder",
            Body::Form(&[("id", "{reminder}")]),
            A_PEOPLE,
        ),
    ]
}

/// One roster member by code: read, link proposals and their withdrawal, erasure.
fn people() -> Vec<Case> {
    use Method::*;
    vec![
        case(Get, "/api/v1/people/CB-A", Body::None, A_SIDE),
        case(Get, "/api/v1/people/CB-B", Body::None, B_SIDE),
        case(
            Get,
            "/_sf/hr_person",
            Body::Form(&[("staff_code", "CB-B")]),
            B_SIDE,
        ),
        case(
            Post,
            "/api/v1/people/CB-L/link-proposal",
            Body::Json(r#"{"contact": "hocvien"}"#),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_propose_link",
            Body::Form(&[("staff_code", "CB-L"), ("contact", "hocvien")]),
            A_SIDE,
        ),
        case(Delete, "/api/v1/people/CB-L/link", Body::None, A_SIDE),
        case(
            Post,
            "/api/v1/people/{erase_api}/erase",
            Body::Json(r#"{"reason": "Nghỉ việc"}"#),
            ADMINS,
        ),
        case(
            Post,
            "/_sf/hr_erase_person",
            Body::Form(&[("staff_code", "{erase_sf}"), ("reason", "Nghỉ việc")]),
            ADMINS,
        ),
    ]
}

/// A learner's claim of a roster record, and the answers to hr's proposals: the proposal's
/// account alone may answer it.
fn claims_and_proposals() -> Vec<Case> {
    use Method::*;
    vec![
        // A wrong number: the same answer whichever unit the record is in.
        audited(case(
            Post,
            "/api/v1/me/staff-record",
            Body::Json(r#"{"staff_code": "CB-B", "personal_id": "000000000000"}"#),
            NOBODY,
        )),
        audited(case(
            Post,
            "/_sf/claim_staff_record",
            Body::Form(&[("staff_code", "CB-A"), ("proof", "000000000000")]),
            NOBODY,
        )),
        case(
            Post,
            "/api/v1/me/link-proposals/{p_refuse}/refuse",
            Body::None,
            OWNER,
        ),
        case(
            Post,
            "/_sf/answer_link_proposal",
            Body::Form(&[("id", "{p_refuse_sf}"), ("accept", "false")]),
            OWNER,
        ),
        case(
            Post,
            "/api/v1/me/link-proposals/{p_author}/accept",
            Body::None,
            &[Who::Author],
        ),
        case(
            Post,
            "/_sf/answer_link_proposal",
            Body::Form(&[("id", "{p_accept_sf}"), ("accept", "true")]),
            OWNER,
        ),
    ]
}

/// Courses, lessons, quizzes, the question bank and lesson files: the author's and the admin's.
fn authoring() -> Vec<Case> {
    use Method::*;
    vec![
        case(
            Get,
            "/_sf/author_course",
            Body::Form(&[("code", "NHAP-01")]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_save_course",
            Body::Form(&[
                ("editing", "NHAP-01"),
                ("code", "NHAP-01"),
                ("title", "Bản nháp"),
                ("audience", "everyone"),
                ("competences[0]", "an_toan"),
            ]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_save_course",
            Body::Form(&[
                ("code", "MOI-{n}"),
                ("title", "Khóa mới"),
                ("audience", "everyone"),
                ("competences[0]", "an_toan"),
            ]),
            COURSE_MAKERS,
        ),
        case(
            Post,
            "/_sf/author_publish",
            Body::Form(&[("code", "NHAP-01"), ("publish", "false")]),
            AUTHORS,
        ),
        case(
            Get,
            "/_sf/author_lesson",
            Body::Form(&[("id", "{lesson}")]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_save_lesson",
            Body::Form(&[
                ("course", "NHAP-01"),
                ("id", "{lesson}"),
                ("title", "Bài một"),
                ("body", "Nội dung bài một"),
            ]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_save_lesson",
            Body::Form(&[("course", "NHAP-01"), ("title", "Bài thêm"), ("body", "x")]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_move_lesson",
            Body::Form(&[("id", "{lesson}"), ("direction", "down")]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_delete_lesson",
            Body::Form(&[("id", "{own_lesson}")]),
            AUTHORS,
        ),
        case(
            Get,
            "/_sf/author_quiz",
            Body::Form(&[("code", "KNS-AT-01-KT")]),
            AUTHORS,
        ),
        case(
            Post,
            "/_sf/author_save_quiz",
            Body::Form(&[
                ("code", "KT-{n}"),
                ("title", "Bài kiểm tra"),
                ("pass_mark", "50"),
                ("review", "score"),
                ("counts[any.any]", "1"),
            ]),
            AUTHORS,
        ),
        case(
            Post,
            "/api/v1/questions/import?format=gift&dry_run=true",
            Body::Bytes("text/plain", GIFT.as_bytes()),
            AUTHORS,
        ),
        case(
            Post,
            "/soan-bai/ngan-hang",
            Body::Upload(&[("format", "gift"), ("dry_run", "on")], GIFT),
            AUTHORS,
        ),
        case(
            Post,
            "/api/v1/courses/NHAP-01/attachments?name=anh.png",
            Body::Bytes("image/png", PNG),
            AUTHORS,
        ),
        // A published course's file: its unguessable address is its key.
        case(Get, "{attachment}", Body::None, ALL),
    ]
}

/// Published courses are everyone's to read; a draft is no one's outside authoring; progress
/// is an account's own.
fn learning() -> Vec<Case> {
    use Method::*;
    vec![
        case(Get, "/api/v1/courses/KNS-AT-01", Body::None, ALL),
        case(Get, "/api/v1/courses/NHAP-01", Body::None, NOBODY),
        case(Get, "/khoa-hoc/KNS-AT-01", Body::None, ALL),
        case(Get, "/khoa-hoc/NHAP-01", Body::None, NOBODY),
        case(Get, "/khoa-hoc/NHAP-01/bai/1", Body::None, NOBODY),
        case(
            Get,
            "/_sf/learn_course",
            Body::Form(&[("code", "KNS-AT-01")]),
            ALL,
        ),
        case(
            Get,
            "/_sf/learn_course",
            Body::Form(&[("code", "NHAP-01")]),
            NOBODY,
        ),
        case(
            Get,
            "/_sf/learn_lesson",
            Body::Form(&[("code", "NHAP-01"), ("position", "1")]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/learn_mark_done",
            Body::Form(&[("code", "KNS-AT-01"), ("position", "1")]),
            ACCOUNTS,
        ),
        case(
            Post,
            "/_sf/learn_mark_done",
            Body::Form(&[("code", "NHAP-01"), ("position", "1")]),
            NOBODY,
        ),
        case(
            Get,
            "/_sf/learn_practice",
            Body::Form(&[("code", "KNS-AT-01")]),
            ALL,
        ),
        case(
            Get,
            "/_sf/learn_practice",
            Body::Form(&[("code", "NHAP-01")]),
            NOBODY,
        ),
        case(Post, "/luyen-tap/KNS-AT-01/nop", Body::Page(&[]), ACCOUNTS),
        case(Post, "/luyen-tap/NHAP-01/nop", Body::Page(&[]), NOBODY),
    ]
}

/// An attempt is its learner's alone: read, answered, submitted.
fn attempts() -> Vec<Case> {
    use Method::*;
    vec![
        case(
            Get,
            "/_sf/assess_quiz",
            Body::Form(&[("code", "KNS-AT-01-KT")]),
            ALL,
        ),
        // The author's quiz saved above, not published: no one's to take.
        case(
            Get,
            "/_sf/assess_quiz",
            Body::Form(&[("code", "KT-03")]),
            NOBODY,
        ),
        case(Post, "/bai-kiem-tra/KT-03/bat-dau", Body::Page(&[]), NOBODY),
        case(
            Post,
            "/_sf/assess_attempt",
            Body::Form(&[("id", "{attempt}")]),
            OWNER,
        ),
        case(
            Post,
            "/_sf/assess_attempt",
            Body::Form(&[("id", "{open}")]),
            OWNER,
        ),
        case(
            Post,
            "/bai-lam/{open}/tra-loi",
            Body::Page(&[("cau", "1")]),
            OWNER,
        ),
        case(Post, "/bai-lam/{open}/nop", Body::Page(&[]), OWNER),
        case(
            Post,
            "/bai-kiem-tra/KNS-DC-01-KT/bat-dau",
            Body::Page(&[]),
            ACCOUNTS,
        ),
    ]
}

/// Verification is public; the PDF and the signed credential are the holder's (and the
/// admin's); revocation and the badge key's rotation the admin's.
fn certificates() -> Vec<Case> {
    use Method::*;
    vec![
        case(Get, "/api/v1/certificates/{cert}", Body::None, ALL),
        case(
            Get,
            "/_sf/cert_verify",
            Body::Form(&[("code", "{cert}")]),
            ALL,
        ),
        case(
            Get,
            "/chung-nhan/{cert}.pdf",
            Body::None,
            &[Who::Owner, Who::AdminP, Who::Admin],
        ),
        case(
            Get,
            "/api/v1/certificates/{cert}/credential",
            Body::None,
            &[Who::Owner, Who::AdminP, Who::Admin],
        ),
        case(
            Get,
            "/chung-nhan/{cert}.jwt",
            Body::None,
            &[Who::Owner, Who::AdminP, Who::Admin],
        ),
        case(Post, "/api/v1/badges/keys/rotate", Body::None, ADMIN),
        case(
            Post,
            "/api/v1/certificates/{revoke_api}/revoke",
            Body::Json(r#"{"reason": "Cấp nhầm"}"#),
            ADMINS,
        ),
        case(
            Post,
            "/_sf/cert_revoke",
            Body::Form(&[("code", "{revoke_sf}"), ("reason", "Cấp nhầm")]),
            ADMINS,
        ),
    ]
}

/// What a phone keeps for offline learning and sends back: an account's own, never a token's.
fn offline() -> Vec<Case> {
    use Method::*;
    vec![
        case(
            Get,
            "/api/v1/courses/KNS-AT-01/offline",
            Body::None,
            ACCOUNTS,
        ),
        case(Get, "/api/v1/courses/NHAP-01/offline", Body::None, NOBODY),
        case(
            Post,
            "/api/v1/sync",
            Body::Json(SYNC_OWNERS_RECEIPT),
            ACCOUNTS,
        ),
    ]
}

/// Teams are managed by hr above the commune (and the admin); a facilitator registers and
/// helps the residents of their commune only.
fn community() -> Vec<Case> {
    use Method::*;
    vec![
        case(
            Get,
            "/api/v1/teams?commune=X-A",
            Body::None,
            &[
                Who::Facilitator,
                Who::HrA,
                Who::TokenA,
                Who::AdminP,
                Who::Admin,
            ],
        ),
        case(
            Post,
            "/api/v1/teams",
            Body::Json(r#"{"commune": "X-A", "name": "Tổ {n}"}"#),
            A_PEOPLE,
        ),
        case(
            Post,
            "/api/v1/teams",
            Body::Json(r#"{"commune": "X-B", "name": "Tổ {n}"}"#),
            B_PEOPLE,
        ),
        case(
            Post,
            "/api/v1/teams/{team}/members",
            Body::Json(r#"{"login": "tv-{n}"}"#),
            A_PEOPLE,
        ),
        case(
            Delete,
            "/api/v1/teams/{team}/members/{member}",
            Body::None,
            A_PEOPLE,
        ),
        case(
            Post,
            "/_sf/community_create_team",
            Body::Form(&[("commune", "X-A"), ("name", "Nhóm {n}")]),
            A_PEOPLE,
        ),
        case(
            Post,
            "/_sf/community_add_member",
            Body::Form(&[("team", "{team}"), ("login", "tv-{n}")]),
            A_PEOPLE,
        ),
        case(
            Post,
            "/_sf/community_remove_member",
            Body::Form(&[("team", "{team}"), ("user", "{member}")]),
            A_PEOPLE,
        ),
        case(
            Post,
            "/api/v1/residents",
            Body::Json(
                r#"{"full_name": "Lò Văn Dân", "login": "09100000{n}", "password": "{password}", "commune": "X-A", "consent": true}"#,
            ),
            FACILITATOR,
        ),
        case(
            Post,
            "/api/v1/residents",
            Body::Json(
                r#"{"full_name": "Lò Văn Dân", "login": "09200000{n}", "password": "{password}", "commune": "X-B", "consent": true}"#,
            ),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/community_register",
            Body::Form(&[
                ("full_name", "Lò Thị Dân"),
                ("login", "09300000{n}"),
                ("password", "{password}"),
                ("commune", "X-A"),
                ("consent", "on"),
            ]),
            FACILITATOR,
        ),
        case(
            Post,
            "/api/v1/residents/{resident}/enrolments",
            Body::Json(r#"{"course": "KNS-DC-01"}"#),
            FACILITATOR,
        ),
        case(
            Post,
            "/_sf/community_enrol",
            Body::Form(&[("resident", "{resident}"), ("course", "KNS-DC-01")]),
            FACILITATOR,
        ),
        // The owner enrols themselves; no one else may, a facilitator included.
        case(
            Post,
            "/api/v1/residents/{owner}/enrolments",
            Body::Json(r#"{"course": "KNS-DC-01"}"#),
            OWNER,
        ),
        case(Post, "/cong-dong/ho-tro/{owner}", Body::Page(&[]), NOBODY),
        // Last: the facilitator's own session ends as the resident's begins.
        case(
            Post,
            "/cong-dong/ho-tro/{resident}",
            Body::Page(&[]),
            FACILITATOR,
        ),
    ]
}

/// The actors, and the ids and codes the paths name.
struct World {
    app: TestApp,
    clients: Vec<(Who, reqwest::Client)>,
    /// `{name}` in a path or body → its value, for every caller.
    ids: HashMap<&'static str, String>,
    /// `{name}` → each caller's own target of a one-time action (a lesson to delete, a team
    /// member to take off), so that every allowed caller has one to act on.
    own: HashMap<(&'static str, usize), String>,
}

/// A `{name}` left in a path or body (JSON braces hold quotes or spaces, never only this).
fn has_placeholder(text: &str) -> bool {
    text.split('{').skip(1).any(|rest| {
        rest.split_once('}').is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
    })
}

fn index(who: Who) -> usize {
    EVERYONE.iter().position(|w| *w == who).unwrap()
}

const UNITS: &str = "\
ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\n\
A,Sở A,tinh,\n\
A1,Phòng A1,tinh,A\n\
B,Sở B,tinh,\n\
X-A,Xã A,xa,A\n\
X-B,Xã B,xa,B\n";
const ROSTER: &str = "\
ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n\
CB-A,Nguyễn Văn A,A1,cong_chuc,2025-01-01\n\
CB-B,Trần Thị B,B,cong_chuc,2025-01-01\n\
CB-L,Lê Văn Liên,A,cong_chuc,2025-01-01\n\
CB-E1,Đinh Văn Một,A,cong_chuc,2025-01-01\n\
CB-E2,Đinh Văn Hai,A,cong_chuc,2025-01-01\n\
CB-E3,Đinh Văn Ba,A,cong_chuc,2025-01-01\n\
CB-E4,Đinh Văn Bốn,A,cong_chuc,2025-01-01\n\
CB-P1,Phan Văn Một,A,cong_chuc,2025-01-01\n\
CB-P2,Phan Văn Hai,A,cong_chuc,2025-01-01\n\
CB-P3,Phan Văn Ba,A,cong_chuc,2025-01-01\n\
CB-P4,Phan Văn Bốn,A,cong_chuc,2025-01-01\n";
/// A lesson done offline by the owner; the receipt id is sent again by everyone.
const SYNC_OWNERS_RECEIPT: &str = r#"{"items": [{"id": "6f1c2a9e-4b7d-4c1e-9a3f-2d5b8e7c1a04", "kind": "lesson_done", "course": "KNS-AT-01", "lesson": 1, "at": "2026-01-05T08:00:00Z"}]}"#;
const GIFT: &str = "$CATEGORY: an_toan/de\n\n::AT-S1::Có nên chia sẻ mã OTP? {F}\n";
/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

async fn ok(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) -> Value {
    let res = client.post(app.url(path)).json(&body).send().await.unwrap();
    let (status, body) = json_of(res).await;
    assert!((200..300).contains(&status), "{path}: {status} {body}");
    body
}

async fn sf_ok(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    form: &[(&str, &str)],
) -> Value {
    let (status, body) = server_fn(app, client, name, form).await;
    assert_eq!(status, 200, "{name}: {body}");
    body
}

/// Units, roster, records and tokens: what both tests need.
async fn units_and_people(app: &TestApp, admin: &reqwest::Client) {
    let setup: [(&str, &str); 4] = [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
        (
            "/api/v1/training-records/import",
            "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB-A,KNS-01,2025-02-01,truc_tuyen\nCB-B,KNS-01,2025-02-01,truc_tuyen\n",
        ),
        (
            "/api/v1/assessment-results/import",
            "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB-A,DG-01,2025-02-02,85,1\nCB-B,DG-01,2025-02-02,85,1\n",
        ),
    ];
    for (path, file) in setup {
        let (status, body) = upload(app, admin, path, CSV, file.as_bytes()).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
}

async fn world() -> World {
    // An SMTP server named (nothing listens, no sender runs): reminders can be queued.
    let app = spawn_with(|c| c.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
    service::demo::courses::seed(app.state.db()).await.unwrap();
    service::demo::quizzes::seed(app.state.db()).await.unwrap();
    service::learn::practice::seed_demo(app.state.db())
        .await
        .unwrap();
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    units_and_people(&app, &admin).await;
    let mut ids: HashMap<&'static str, String> = HashMap::new();
    let mut own = HashMap::new();
    let (_, token_a) = issue_token(&app, &admin, "A", Some("A")).await;
    let (_, token_b) = issue_token(&app, &admin, "B", Some("B")).await;
    for key in ["token", "token2"] {
        let (id, _) = issue_token(&app, &admin, key, Some("A")).await;
        ids.insert(key, id.to_string());
    }
    let victim = app.account("nannhan", &[(Role::Learner, None)]).await;
    ids.insert("user", victim.to_string());
    let owner = signed_in(&app, "chuso", &[(Role::Learner, None)]).await;
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;

    // The team of X-A, its facilitator, one member per caller, a resident they registered.
    let team = ok(
        &app,
        &admin,
        "/api/v1/teams",
        json!({"commune": "X-A", "name": "Tổ số 1"}),
    )
    .await;
    let team = team["id"].as_i64().unwrap().to_string();
    let members = format!("/api/v1/teams/{team}/members");
    app.account("tovien", &[(Role::Learner, None)]).await;
    ok(&app, &admin, &members, json!({"login": "tovien"})).await;
    for who in EVERYONE {
        let login = format!("tv-{:02}", index(who));
        let id = app.account(&login, &[(Role::Learner, None)]).await;
        ok(&app, &admin, &members, json!({"login": login})).await;
        own.insert(("member", index(who)), id.to_string());
    }
    ids.insert("team", team);
    let facilitator = browser(&app);
    assert_eq!(
        app.api_login(&facilitator, "tovien", PASSWORD)
            .await
            .status(),
        200
    );
    let resident = json!({"full_name": "Hà Văn Lực", "login": "0988000001", "password": PASSWORD,
                          "commune": "X-A", "consent": true});
    let resident = ok(&app, &facilitator, "/api/v1/residents", resident).await;
    ids.insert("resident", resident["id"].to_string());

    // A draft course with a lesson, and one lesson per caller to delete.
    let draft = [
        ("code", "NHAP-01"),
        ("title", "Bản nháp"),
        ("audience", "everyone"),
        ("competences[0]", "an_toan"),
    ];
    sf_ok(&app, &author, "author_save_course", &draft).await;
    let lesson = [
        ("course", "NHAP-01"),
        ("title", "Bài một"),
        ("body", "Nội dung bài một"),
    ];
    ids.insert(
        "lesson",
        sf_ok(&app, &author, "author_save_lesson", &lesson)
            .await
            .to_string(),
    );
    for who in EVERYONE {
        let title = format!("Bài của {who:?}");
        let form = [
            ("course", "NHAP-01"),
            ("title", title.as_str()),
            ("body", "x"),
        ];
        let id = sf_ok(&app, &author, "author_save_lesson", &form).await;
        own.insert(("own_lesson", index(who)), id.to_string());
    }
    let res = author
        .post(app.url("/api/v1/courses/KNS-AT-01/attachments?name=anh.png"))
        .header("content-type", "image/png")
        .body(PNG)
        .send()
        .await
        .unwrap();
    let (status, file) = json_of(res).await;
    assert_eq!(status, 201, "{file}");
    ids.insert("attachment", file["url"].as_str().unwrap().to_owned());

    // The owner's attempts, certificates, offline receipt and link proposals.
    complete_course(&app, &owner, "KNS-AT-01").await;
    complete_course(&app, &owner, "KNS-CC-01").await;
    let owner_id = scalar(
        &app,
        "SELECT CAST(id AS BIGINT) AS n FROM users WHERE login = 'chuso'",
    )
    .await;
    ids.insert("owner", owner_id.to_string());
    let attempt =
        format!("SELECT CAST(MIN(id) AS BIGINT) AS n FROM attempts WHERE user_id = {owner_id}");
    ids.insert("attempt", scalar(&app, &attempt).await.to_string());
    ids.insert(
        "open",
        quiz::start(&app, &owner, "KNS-DC-01-KT").await.to_string(),
    );
    for (key, course) in [("cert", "KNS-AT-01"), ("cert2", "KNS-CC-01")] {
        let code = certificate::Entity::find()
            .filter(certificate::Column::UserId.eq(owner_id as i32))
            .filter(certificate::Column::ProgrammeCode.eq(course))
            .one(app.state.db())
            .await
            .unwrap()
            .unwrap()
            .code;
        ids.insert(key, code);
    }
    let receipt: Value = serde_json::from_str(SYNC_OWNERS_RECEIPT).unwrap();
    let synced = ok(&app, &owner, "/api/v1/sync", receipt).await;
    assert_eq!(synced["results"][0]["status"], "accepted", "{synced}");
    for (key, staff, contact) in [
        ("p_refuse", "CB-P1", "chuso"),
        ("p_refuse_sf", "CB-P2", "chuso"),
        ("p_author", "CB-P3", "tacgia"),
        ("p_accept_sf", "CB-P4", "chuso"),
    ] {
        let path = format!("/api/v1/people/{staff}/link-proposal");
        ok(&app, &admin, &path, json!({"contact": contact})).await;
        let sql = format!(
            "SELECT CAST(l.id AS BIGINT) AS n FROM link_proposals l JOIN people p ON p.id = l.person_id WHERE p.staff_code = '{staff}'"
        );
        ids.insert(key, scalar(&app, &sql).await.to_string());
    }

    // A reminder of hr A's, for the id cases.
    let hr_a = signed_in(&app, "nhansu-a", &[(Role::Hr, Some("A"))]).await;
    let reminder = sf_ok(
        &app,
        &hr_a,
        "hr_reminder_send",
        &[
            ("key", "world"),
            ("unit", "A"),
            ("status", "not_mastered"),
            ("subject", "Nhắc"),
            ("body", "Nội dung"),
        ],
    )
    .await;
    ids.insert("reminder", reminder.to_string());

    one_time_targets(&app, &mut ids, &mut own).await;
    let [admin_p, admin_q, token_q] = provinces(&app, &admin).await;
    let clients = vec![
        (Who::Anonymous, browser(&app)),
        (Who::AdminQ, admin_q),
        (Who::TokenQ, token_q),
        (
            Who::Learner,
            signed_in(&app, "hocvien", &[(Role::Learner, None)]).await,
        ),
        (Who::Facilitator, facilitator),
        (Who::Author, author),
        (
            Who::HrB,
            signed_in(&app, "nhansu-b", &[(Role::Hr, Some("B"))]).await,
        ),
        (Who::TokenB, bearer(&token_b)),
        (Who::Owner, owner),
        (Who::HrA, hr_a),
        (Who::TokenA, bearer(&token_a)),
        (Who::AdminP, admin_p),
        (Who::Admin, admin),
    ];
    World {
        app,
        clients,
        ids,
        own,
    }
}

/// What a one-time action (an erasure, a revocation) acts on, per caller: the province's
/// admin acts on the first, the national admin, after them, on the second; everyone refused
/// tries the first before either. The owner and the victim of the account cases live in X-A,
/// so they are the province's accounts.
async fn one_time_targets(
    app: &TestApp,
    ids: &mut HashMap<&'static str, String>,
    own: &mut HashMap<(&'static str, usize), String>,
) {
    let owner: i32 = ids["owner"].parse().unwrap();
    let province_certs = [
        support::certificate_of(app, owner, 7).await,
        support::certificate_of(app, owner, 9).await,
    ];
    let targets = [
        ("erase_api", ["CB-E1".to_owned(), "CB-E3".to_owned()]),
        ("erase_sf", ["CB-E2".to_owned(), "CB-E4".to_owned()]),
        (
            "revoke_api",
            [province_certs[0].clone(), ids["cert"].clone()],
        ),
        (
            "revoke_sf",
            [province_certs[1].clone(), ids["cert2"].clone()],
        ),
    ];
    for (key, [province, national]) in targets {
        for who in EVERYONE {
            let target = if who == Who::Admin {
                &national
            } else {
                &province
            };
            own.insert((key, index(who)), target.clone());
        }
    }
    let home = "UPDATE users SET home_unit_id = (SELECT id FROM units WHERE code = 'X-A') \
                WHERE login IN ('chuso', 'nannhan')";
    app.state.db().execute_unprepared(home).await.unwrap();
}

/// The province axis: TINH's admin, and another province (QT) with its admin and a token for
/// the whole of it, made by the national admin once everything above is in TINH.
async fn provinces(app: &TestApp, national: &reqwest::Client) -> [reqwest::Client; 3] {
    ok(
        app,
        national,
        "/api/v1/provinces",
        json!({"code": "QT", "name": "Tỉnh Quảng Trị"}),
    )
    .await;
    for (login, province) in [("qt-admin", "QT"), ("tinh-admin", "TINH")] {
        app.account(login, &[]).await;
        let path = format!("/api/v1/provinces/{province}/admins");
        ok(app, national, &path, json!({"login": login})).await;
    }
    let admin_q = sign_in(app, "qt-admin").await;
    let (_, token_q) = issue_token(app, &admin_q, "QT", None).await;
    [sign_in(app, "tinh-admin").await, admin_q, bearer(&token_q)]
}

impl World {
    fn fill(&self, text: &str, who: Who) -> String {
        let i = index(who);
        let mut out = text
            .replace("{n}", &format!("{i:02}"))
            .replace("{password}", PASSWORD);
        for (key, value) in &self.ids {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        for ((key, of), value) in &self.own {
            if *of == i {
                out = out.replace(&format!("{{{key}}}"), value);
            }
        }
        assert!(!has_placeholder(&out), "unfilled: {out}");
        out
    }

    /// Status and body; a redirect's target as `{"location": …}`.
    async fn call(&self, who: Who, client: &reqwest::Client, c: &Case) -> (u16, Value) {
        let url = self.app.url(&self.fill(c.path, who));
        let req = match c.method {
            Method::Get => client.get(url),
            Method::Post => client.post(url),
            Method::Delete => client.delete(url),
        };
        let form = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), self.fill(v, who)))
                .collect()
        };
        let req = match c.body {
            Body::None => req,
            Body::Csv(text) => req.header("content-type", CSV).body(text),
            Body::Json(text) => req
                .header("content-type", "application/json")
                .body(self.fill(text, who)),
            // A reading server function takes its arguments in the query, as the page sends them.
            Body::Form(pairs) if matches!(c.method, Method::Get) => {
                req.header("accept", "application/json").query(&form(pairs))
            }
            Body::Form(pairs) => req.header("accept", "application/json").form(&form(pairs)),
            Body::Page(pairs) => req.form(&form(pairs)),
            Body::Bytes(kind, bytes) => req.header("content-type", kind).body(bytes),
            Body::Upload(fields, file) => {
                let (kind, body) = support::multipart(fields, ("tep.csv", CSV, file.as_bytes()));
                req.header("content-type", kind).body(body)
            }
        };
        let res = req.send().await.unwrap();
        if res.status().is_redirection() {
            let to = res.headers().get("location").and_then(|l| l.to_str().ok());
            let body = json!({"location": to.unwrap_or_default()});
            return (res.status().as_u16(), body);
        }
        if matches!(c.body, Body::Upload(..)) {
            let status = res.status().as_u16();
            let page = res.text().await.unwrap();
            let accepted = ["import-accepted", "bank-accepted"]
                .iter()
                .any(|id| page.contains(&format!(r#"data-testid="{id}""#)));
            return (
                status,
                json!({"page": if accepted { "accepted" } else { "refused" }}),
            );
        }
        json_of(res).await
    }
}

/// A form sent back with an error, or a stranger sent to sign in.
fn sent_back(status: u16, body: &Value) -> bool {
    (300..400).contains(&status)
        && body["location"]
            .as_str()
            .is_some_and(|to| to.starts_with("/dang-nhap") || to.contains("loi="))
}

fn succeeded(status: u16, body: &Value) -> bool {
    let page_refused = body["page"] == "refused";
    ((200..300).contains(&status) && !page_refused)
        || ((300..400).contains(&status) && !sent_back(status, body))
}

/// A refusal: 401 (or 404 for what does not exist for anyone) for the anonymous; otherwise 403,
/// 404, an empty list, or an import rejected only because its rows lie outside the caller's
/// units; a form post sent back with an error (or to the sign-in page).
fn refused(who: Who, status: u16, body: &Value) -> bool {
    if sent_back(status, body) || (status == 200 && body["page"] == "refused") {
        return true;
    }
    if who == Who::Anonymous {
        return status == 401 || status == 404;
    }
    match status {
        403 | 404 => true,
        200 => body.as_array().is_some_and(Vec::is_empty),
        422 if not_matched(body) || unknown_here(body) => true,
        422 => body["errors"].as_array().is_some_and(|errs| {
            !errs.is_empty()
                && errs.iter().all(|e| {
                    matches!(
                        e["code"].as_str(),
                        Some("unit_out_of_scope" | "staff_out_of_scope" | "staff_not_in_scope")
                    )
                })
        }),
        _ => false,
    }
}

/// A code the caller's province does not have (another province's unit or commune): unknown,
/// as a code no one has.
fn unknown_here(body: &Value) -> bool {
    // A province's quiz must be one of its courses': one of no course is refused by name.
    let codes = ["unknown_unit", "unknown_commune", "quiz_course_required"];
    let code = body["error"]["code"].as_str().or(body.as_str());
    let detail = body["error"]["details"][0]["code"].as_str();
    let row = body["errors"][0]["code"].as_str();
    [code, detail, row]
        .into_iter()
        .flatten()
        .any(|c| codes.contains(&c) || codes.iter().any(|k| c.ends_with(&format!("|{k}"))))
}

/// A claim's "the code or the number does not match", from the API or a server function.
fn not_matched(body: &Value) -> bool {
    body["error"]["details"][0]["code"] == "link_not_matched"
        || body.as_str() == Some("ServerError|link_not_matched")
}

/// Nothing written, or for an audited refusal one audit row and nothing else.
fn unchanged(c: &Case, before: &[i64], after: &[i64]) -> bool {
    if c.audited {
        before[1..] == after[1..] && (before[0]..=before[0] + 1).contains(&after[0])
    } else {
        before == after
    }
}

#[tokio::test]
async fn every_route_keeps_to_the_callers_units() {
    let w = world().await;
    let mut failures = Vec::new();
    let cases = cases();
    let mut before = fingerprint(&w.app).await;
    for c in &cases {
        for who in EVERYONE {
            let client = &w.clients.iter().find(|(w, _)| *w == who).unwrap().1;
            let (status, body) = w.call(who, client, c).await;
            let label = format!("{who:?} {}", w.fill(c.path, who));
            let shown: String = body.to_string().chars().take(200).collect();
            let after = fingerprint(&w.app).await;
            if c.allowed.contains(&who) {
                if !succeeded(status, &body) {
                    failures.push(format!("{label}: allowed but got {status} {shown}"));
                }
            } else {
                if !refused(who, status, &body) {
                    failures.push(format!("{label}: must be refused, got {status} {shown}"));
                }
                if !unchanged(c, &before, &after) {
                    failures.push(format!("{label}: refused but something was written"));
                }
            }
            before = after;
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} cases × {} callers:\n{}",
        failures.len(),
        cases.len(),
        EVERYONE.len(),
        failures.join("\n")
    );
}

/// Offline receipts are kept per learner: another learner sending the owner's receipt id has
/// their own lesson recorded, and learns nothing of the owner's.
#[tokio::test]
async fn a_sync_receipt_is_the_senders_own() {
    let app = with_demo_content().await;
    let owner = signed_in(&app, "chuso", &[(Role::Learner, None)]).await;
    let other = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    let receipt: Value = serde_json::from_str(SYNC_OWNERS_RECEIPT).unwrap();
    for (client, expected) in [
        (&owner, "accepted"),
        (&other, "accepted"),
        (&owner, "duplicate"),
    ] {
        let body = ok(&app, client, "/api/v1/sync", receipt.clone()).await;
        assert_eq!(body["results"][0]["status"], expected, "{body}");
    }
    assert_eq!(count(&app, "sync_receipts").await, 2);
    assert_eq!(count(&app, "lesson_completions").await, 2);
}

/// The other half of the matrix: what an allowed caller gets holds A's people, never B's.
#[tokio::test]
async fn what_the_a_side_reads_holds_nothing_of_b() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    units_and_people(&app, &admin).await;
    let (_, token_a) = issue_token(&app, &admin, "A", Some("A")).await;
    let hr_a = signed_in(&app, "nhansu-a", &[(Role::Hr, Some("A"))]).await;
    for (who, client) in [(Who::HrA, &hr_a), (Who::TokenA, &bearer(&token_a))] {
        for path in [
            "/api/v1/roster/export",
            "/api/v1/training-records/export",
            "/api/v1/assessment-results/export",
        ] {
            for query in ["", "?unit=A"] {
                let res = client
                    .get(app.url(&format!("{path}{query}")))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "{who:?} {path}{query}");
                let text = res.text().await.unwrap();
                assert!(text.contains("CB-A,"), "{who:?} {path}{query}: {text}");
                assert!(!text.contains("CB-B"), "{who:?} {path}{query}: {text}");
            }
        }
        let res = client
            .get(app.url("/api/v1/indicators/export"))
            .send()
            .await
            .unwrap();
        let text = res.text().await.unwrap();
        assert!(
            text.contains("A1,Phòng A1") && !text.contains("Sở B"),
            "{who:?}: {text}"
        );
        let (_, body) = json_of(
            client
                .get(app.url("/api/v1/indicators/by-unit"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(body["unit"], "A", "{who:?}: with no unit, their own");
        let (status, body) =
            json_of(client.get(app.url("/api/v1/units")).send().await.unwrap()).await;
        assert_eq!(status, 200, "{who:?}: {body}");
        let codes: Vec<&str> = body["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"A") && codes.contains(&"A1"),
            "{who:?}: {codes:?}"
        );
        assert!(!codes.contains(&"B"), "{who:?}: {codes:?}");
        let (status, body) =
            json_of(client.get(app.url("/api/v1/people")).send().await.unwrap()).await;
        assert_eq!(status, 200, "{who:?}: {body}");
        let people = body["people"].to_string();
        assert!(
            people.contains("CB-A") && !people.contains("CB-B"),
            "{who:?}: {people}"
        );
    }
}
