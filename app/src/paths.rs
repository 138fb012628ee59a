//! The paths of every page and form, written once: the router's routes are made of these
//! segments (`app::App`), and the links pages draw, the redirects of the form handlers and the
//! server's own routes are built from them. A path changed here changes everywhere. Builders
//! take any `Display`, so a route's pattern is built by the same function as its links
//! (`community_assist("{id}")` is the axum route, `community_assist(7)` a link).
use std::fmt::Display;

/// Path segments as the router's `StaticSegment`s take them.
pub mod segment {
    pub const COURSES: &str = "khoa-hoc";
    pub const LESSON: &str = "bai";
    pub const PRACTICE: &str = "luyen-tap";
    pub const MY_LEARNING: &str = "hoc-tap";
    pub const OFFLINE: &str = "ngoai-tuyen";
    pub const QUIZ: &str = "bai-kiem-tra";
    pub const ATTEMPT: &str = "bai-lam";
    pub const SKILLS: &str = "ky-nang-cua-toi";
    pub const CERTIFICATES: &str = "chung-nhan";
    pub const VERIFY: &str = "xac-minh";
    /// The English address printed in a certificate's QR code for readers abroad.
    pub const VERIFY_EN: &str = "verify";
    pub const SIGN_IN: &str = "dang-nhap";
    pub const REGISTER: &str = "dang-ky";
    pub const ACCOUNT: &str = "tai-khoan";
    pub const HR: &str = "don-vi";
    pub const PEOPLE: &str = "nhan-su";
    pub const IMPORT: &str = "nhap-du-lieu";
    pub const REMINDERS: &str = "nhac-nho";
    pub const AUTHOR: &str = "soan-bai";
    pub const NEW: &str = "moi";
    pub const BANK: &str = "ngan-hang";
    pub const QUIZZES: &str = "kiem-tra";
    pub const NEW_LESSON: &str = "bai-moi";
    pub const ADMIN: &str = "quan-tri";
    pub const USERS: &str = "nguoi-dung";
    pub const TOKENS: &str = "ma-truy-cap";
    pub const AUDIT: &str = "nhat-ky";
    pub const LEARNING_RECORDS: &str = "ho-so-hoc-tap";
    pub const PROVINCES: &str = "tinh-thanh";
    pub const COMMUNITY: &str = "cong-dong";
    pub const STATS: &str = "thong-ke";
}

pub const HOME: &str = "/";
pub const CATALOGUE: &str = "/khoa-hoc";
pub const MY_LEARNING: &str = "/hoc-tap";
pub const OFFLINE: &str = "/ngoai-tuyen";
pub const SKILLS: &str = "/ky-nang-cua-toi";
pub const CERTIFICATES: &str = "/chung-nhan";
pub const VERIFY: &str = "/xac-minh";
pub const SIGN_IN: &str = "/dang-nhap";
pub const REGISTER: &str = "/dang-ky";
pub const ACCOUNT: &str = "/tai-khoan";
/// The form that ends the session.
pub const SIGN_OUT: &str = "/dang-xuat";
/// The form that switches the page language (a cookie).
pub const LANGUAGE: &str = "/ngon-ngu";

pub const HR_DASHBOARD: &str = "/don-vi";
pub const HR_PEOPLE: &str = "/don-vi/nhan-su";
/// The people list as a CSV or XLSX file (a download, not a page).
pub const HR_PEOPLE_EXPORT: &str = "/don-vi/nhan-su/xuat";
pub const HR_IMPORT: &str = "/don-vi/nhap-du-lieu";
/// An officer's e-mail reminders, and one reminder's recipients under it.
pub const HR_REMINDERS: &str = "/don-vi/nhac-nho";
/// Writing a reminder for a people list (the list's filter in the query).
pub const HR_REMINDER_NEW: &str = "/don-vi/nhac-nho/moi";
pub const AUTHOR_HOME: &str = "/soan-bai";
pub const AUTHOR_NEW_COURSE: &str = "/soan-bai/moi";
pub const AUTHOR_BANK: &str = "/soan-bai/ngan-hang";
pub const AUTHOR_QUIZZES: &str = "/soan-bai/kiem-tra";
pub const AUTHOR_NEW_QUIZ: &str = "/soan-bai/kiem-tra/moi";
pub const ADMIN_USERS: &str = "/quan-tri/nguoi-dung";
pub const ADMIN_TOKENS: &str = "/quan-tri/ma-truy-cap";
pub const ADMIN_AUDIT: &str = "/quan-tri/nhat-ky";
/// The xAPI outbox: learning records for the LRS.
pub const ADMIN_XAPI: &str = "/quan-tri/ho-so-hoc-tap";
/// The national admin's provinces: their indicators side by side, new provinces, their admins.
pub const ADMIN_PROVINCES: &str = "/quan-tri/tinh-thanh";
pub const COMMUNITY: &str = "/cong-dong";
pub const COMMUNITY_STATS: &str = "/cong-dong/thong-ke";
/// The form that ends a facilitator's assisted session.
pub const COMMUNITY_STOP_ASSISTING: &str = "/cong-dong/ket-thuc-ho-tro";

/// `/don-vi/nhan-su/{staff_code}` (the code as given: encode it for a link).
pub fn hr_person(staff_code: impl Display) -> String {
    format!("{HR_PEOPLE}/{staff_code}")
}

/// `/don-vi/nhac-nho/{id}`: one reminder's recipients.
pub fn hr_reminder(id: impl Display) -> String {
    format!("{HR_REMINDERS}/{id}")
}

/// `/huy-nhan-thu/{token}`: a reminder's one-click unsubscribe link (RFC 8058), printed in
/// e-mails: GET shows a confirmation, POST unsubscribes.
pub fn unsubscribe(token: impl Display) -> String {
    format!("/huy-nhan-thu/{token}")
}

/// `/don-vi/nhap-du-lieu/mau/{file}`: an import template.
pub fn hr_template(file: impl Display) -> String {
    format!("{HR_IMPORT}/mau/{file}")
}

/// `/soan-bai/{code}`: a course's editor.
pub fn author_course(code: impl Display) -> String {
    format!("{AUTHOR_HOME}/{code}")
}

/// `/soan-bai/{code}/bai-moi`
pub fn author_new_lesson(code: impl Display) -> String {
    format!("{AUTHOR_HOME}/{code}/{}", segment::NEW_LESSON)
}

/// `/soan-bai/{code}/bai/{id}`
pub fn author_lesson(code: impl Display, id: impl Display) -> String {
    format!("{AUTHOR_HOME}/{code}/{}/{id}", segment::LESSON)
}

/// `/soan-bai/kiem-tra/{code}`
pub fn author_quiz(code: impl Display) -> String {
    format!("{AUTHOR_QUIZZES}/{code}")
}

/// `/cong-dong/ho-tro/{id}`: the form that starts helping one resident.
pub fn community_assist(id: impl Display) -> String {
    format!("{COMMUNITY}/ho-tro/{id}")
}

/// `/sso/{id}`: the form that starts a sign-in at a single sign-on provider.
pub fn sso_start(id: &str) -> String {
    format!("/sso/{id}")
}

/// `/sso/{id}/lien-ket`: the profile's form that links the account to a provider.
pub fn sso_link(id: &str) -> String {
    format!("/sso/{id}/lien-ket")
}

/// `/sso/{id}/huy-lien-ket`: the profile's form that unlinks it.
pub fn sso_unlink(id: &str) -> String {
    format!("/sso/{id}/huy-lien-ket")
}

/// `/khoa-hoc/{code}`
pub fn course(code: &str) -> String {
    format!("{CATALOGUE}/{code}")
}

/// `/khoa-hoc/{code}/bai/{position}`
pub fn lesson(code: &str, position: u32) -> String {
    format!("{CATALOGUE}/{code}/{}/{position}", segment::LESSON)
}

/// `/khoa-hoc/{code}/luyen-tap`
pub fn practice(code: &str) -> String {
    format!("{CATALOGUE}/{code}/{}", segment::PRACTICE)
}

/// `/bai-kiem-tra/{code}`
pub fn quiz(code: &str) -> String {
    format!("/{}/{code}", segment::QUIZ)
}

/// `/bai-kiem-tra/{code}/bat-dau`: the form that starts an attempt.
pub fn quiz_start(code: &str) -> String {
    format!("{}/bat-dau", quiz(code))
}

/// `/bai-lam/{id}`
pub fn attempt(id: i32) -> String {
    format!("/{}/{id}", segment::ATTEMPT)
}

/// `/bai-lam/{id}/tra-loi`: the form that saves one answer.
pub fn attempt_answer(id: i32) -> String {
    format!("{}/tra-loi", attempt(id))
}

/// `/bai-lam/{id}/nop`: the form that submits the attempt.
pub fn attempt_submit(id: i32) -> String {
    format!("{}/nop", attempt(id))
}

/// `/xac-minh/{code}`
pub fn verify(code: &str) -> String {
    format!("{VERIFY}/{code}")
}

/// True for the paths of reading pages (`app::reading`): drawn without the wasm.
pub fn is_reading_page(path: &str) -> bool {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    matches!(path, HOME | OFFLINE | MY_LEARNING)
        || path == CATALOGUE
        || path
            .strip_prefix(CATALOGUE)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// True for the only pages that still hydrate: the lesson editor, with its live preview and its
/// uploads (attachments, voice, video) that show their progress. Every other page works with
/// links and plain forms alone, so the server sends it without the wasm (a phone downloads
/// ~12 KiB instead of the ~1 MiB bundle): a form there posts to its server function by itself
/// and comes back to its page with the answer (`components::form::form_action`), and an import
/// page's file form is answered with the page drawn with every refused row
/// (`components::upload::Posted`). Those routes render whole before sending (`SsrMode::Async`).
pub fn needs_wasm(path: &str) -> bool {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    path.strip_prefix(AUTHOR_HOME)
        .and_then(|rest| rest.strip_prefix('/'))
        .map(|rest| rest.split('/').collect::<Vec<_>>())
        .is_some_and(|segs| match segs.as_slice() {
            [code, segment::NEW_LESSON] => *code != segment::QUIZZES,
            [code, segment::LESSON, _] => *code != segment::QUIZZES,
            _ => false,
        })
}

/// The path of the request being rendered, on the server; `None` in the browser.
pub fn request_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::with_context::<http::request::Parts, _>(|p| p.uri.path().to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_paths_are_their_segments() {
        for (full, seg) in [
            (CATALOGUE, segment::COURSES),
            (MY_LEARNING, segment::MY_LEARNING),
            (OFFLINE, segment::OFFLINE),
            (SKILLS, segment::SKILLS),
            (CERTIFICATES, segment::CERTIFICATES),
            (VERIFY, segment::VERIFY),
            (SIGN_IN, segment::SIGN_IN),
            (REGISTER, segment::REGISTER),
            (ACCOUNT, segment::ACCOUNT),
        ] {
            assert_eq!(full.strip_prefix('/'), Some(seg));
        }
        for (full, segs) in [
            (HR_DASHBOARD, &[segment::HR][..]),
            (HR_PEOPLE, &[segment::HR, segment::PEOPLE]),
            (HR_IMPORT, &[segment::HR, segment::IMPORT]),
            (HR_REMINDERS, &[segment::HR, segment::REMINDERS]),
            (
                HR_REMINDER_NEW,
                &[segment::HR, segment::REMINDERS, segment::NEW],
            ),
            (AUTHOR_HOME, &[segment::AUTHOR]),
            (AUTHOR_NEW_COURSE, &[segment::AUTHOR, segment::NEW]),
            (AUTHOR_BANK, &[segment::AUTHOR, segment::BANK]),
            (AUTHOR_QUIZZES, &[segment::AUTHOR, segment::QUIZZES]),
            (
                AUTHOR_NEW_QUIZ,
                &[segment::AUTHOR, segment::QUIZZES, segment::NEW],
            ),
            (ADMIN_USERS, &[segment::ADMIN, segment::USERS]),
            (ADMIN_TOKENS, &[segment::ADMIN, segment::TOKENS]),
            (ADMIN_AUDIT, &[segment::ADMIN, segment::AUDIT]),
            (ADMIN_XAPI, &[segment::ADMIN, segment::LEARNING_RECORDS]),
            (ADMIN_PROVINCES, &[segment::ADMIN, segment::PROVINCES]),
            (COMMUNITY, &[segment::COMMUNITY]),
            (COMMUNITY_STATS, &[segment::COMMUNITY, segment::STATS]),
        ] {
            assert_eq!(full, format!("/{}", segs.join("/")));
        }
        assert!(HR_PEOPLE_EXPORT.starts_with(HR_PEOPLE));
        assert_eq!(hr_reminder(7), "/don-vi/nhac-nho/7");
        assert_eq!(unsubscribe("abc"), "/huy-nhan-thu/abc");
        assert!(COMMUNITY_STOP_ASSISTING.starts_with(COMMUNITY));
        assert_eq!(author_lesson("KNS-DC-01", 4), "/soan-bai/KNS-DC-01/bai/4");
        assert_eq!(
            author_new_lesson("KNS-DC-01"),
            "/soan-bai/KNS-DC-01/bai-moi"
        );
        assert_eq!(community_assist("{id}"), "/cong-dong/ho-tro/{id}");
        assert_eq!(
            hr_template("don_vi.csv"),
            "/don-vi/nhap-du-lieu/mau/don_vi.csv"
        );
        assert_eq!(lesson("KNS-DC-01", 3), "/khoa-hoc/KNS-DC-01/bai/3");
        assert_eq!(practice("KNS-DC-01"), "/khoa-hoc/KNS-DC-01/luyen-tap");
        assert_eq!(attempt_answer(7), "/bai-lam/7/tra-loi");
        assert_eq!(quiz_start("DG-LCKNS"), "/bai-kiem-tra/DG-LCKNS/bat-dau");
    }
}

#[cfg(test)]
mod reading_tests {
    use super::is_reading_page;

    #[test]
    fn learner_reading_paths_are_reading_pages() {
        for p in [
            "/",
            "/khoa-hoc",
            "/khoa-hoc/",
            "/khoa-hoc/KNS-DC-01",
            "/khoa-hoc/KNS-DC-01/bai/1",
            "/khoa-hoc/KNS-DC-01/luyen-tap",
            "/ngoai-tuyen",
            "/hoc-tap",
        ] {
            assert!(is_reading_page(p), "{p}");
        }
    }

    #[test]
    fn interactive_paths_are_not_reading_pages() {
        for p in [
            "/dang-nhap",
            "/dang-ky",
            "/bai-lam/3",
            "/bai-kiem-tra/KNS-AT-01-KT",
            "/soan-bai/KNS-DC-01",
            "/don-vi/nhap-du-lieu",
            "/khoa-hocx",
            "/tai-khoan",
        ] {
            assert!(!is_reading_page(p), "{p}");
        }
    }

    #[test]
    fn form_pages_go_without_the_wasm() {
        for p in [
            "/",
            "/khoa-hoc/KNS-DC-01/bai/1",
            "/dang-nhap",
            "/dang-ky",
            "/bai-kiem-tra/KNS-AT-01-KT",
            "/bai-lam/3",
            "/ky-nang-cua-toi",
            "/chung-nhan/",
            "/xac-minh",
            "/xac-minh/ABCDE-FGHJK",
            "/verify/ABCDE-FGHJK",
            "/don-vi",
            "/don-vi/nhan-su",
            "/quan-tri/nhat-ky",
            "/cong-dong/thong-ke",
            "/trang-khong-co",
            "/soan-baix",
            "/soan-bai",
            "/soan-bai/kiem-tra",
            "/don-vi/nhac-nho",
            "/don-vi/nhac-nho/7",
            "/don-vi/nhan-su/SKHCN-0001",
            "/soan-bai/KNS-DC-01",
            "/quan-tri/ma-truy-cap",
            "/quan-tri/nguoi-dung",
            "/quan-tri/tinh-thanh",
            "/quan-tri/ho-so-hoc-tap",
            "/cong-dong",
            "/tai-khoan",
            "/don-vi/nhac-nho/moi",
            "/soan-bai/moi",
            "/soan-bai/kiem-tra/moi",
            "/soan-bai/kiem-tra/KNS-AT-01-KT",
            "/soan-bai/kiem-tra/bai-moi",
            "/soan-bai/KNS-DC-01/bai/7/x",
            "/don-vi/nhap-du-lieu",
            "/soan-bai/ngan-hang",
        ] {
            assert!(!super::needs_wasm(p), "{p}");
        }
    }

    #[test]
    fn the_lesson_editor_keeps_the_wasm() {
        for p in [
            "/soan-bai/KNS-DC-01/bai-moi",
            "/soan-bai/KNS-DC-01/bai-moi/",
            "/soan-bai/KNS-DC-01/bai/7",
        ] {
            assert!(super::needs_wasm(p), "{p}");
        }
    }
}
