//! The paths of the learner's pages, written once: the router's routes are made of these
//! segments (`app::App`), and the links pages draw, the redirects of the form handlers and the
//! server's reading routes are built from them. A path changed here changes everywhere.

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
    fn interactive_paths_keep_the_wasm() {
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
}
