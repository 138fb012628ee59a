//! Interface text in Vietnamese (default) and English: every word a page shows lives here.
use domain::Lang;
use leptos::prelude::*;

pub mod admin_area;
pub mod assess;
pub mod author;
pub mod certificate;
pub mod community;
mod en;
pub mod hr;
pub mod learn;
pub mod offline;
pub mod placement;
pub mod provinces;
pub mod register;
pub mod reminders;
pub mod speech;
pub mod sso;
mod vi;
pub mod video;

/// All the text of the interface in one language; a missing entry is a compile error.
pub struct Texts {
    pub lang: Lang,
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    /// The button that opens the signed-in person's links on a phone.
    pub menu: &'static str,
    pub nav_home: &'static str,
    pub nav_account: &'static str,
    pub nav_admin_users: &'static str,
    pub login: &'static str,
    pub logout: &'static str,
    pub register: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_code: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_points: [&'static str; 3],
    pub home_welcome: &'static str,
    pub login_title: &'static str,
    pub login_field: &'static str,
    pub password_field: &'static str,
    pub password_hint: &'static str,
    pub no_account: &'static str,
    pub have_account: &'static str,
    pub register_title: &'static str,
    pub full_name_field: &'static str,
    pub contact_field: &'static str,
    pub contact_hint: &'static str,
    pub commune_field: &'static str,
    pub commune_choose: &'static str,
    pub consent_label: &'static str,
    pub consent_details: &'static str,
    pub account_title: &'static str,
    pub account_login: &'static str,
    pub account_roles: &'static str,
    pub must_sign_in: &'static str,
    pub users_title: &'static str,
    pub users_search: &'static str,
    pub users_name: &'static str,
    pub users_login: &'static str,
    pub users_roles: &'static str,
    pub users_status: &'static str,
    pub users_actions: &'static str,
    pub users_active: &'static str,
    pub users_disabled: &'static str,
    pub users_disable: &'static str,
    pub users_enable: &'static str,
    pub users_revoke: &'static str,
    pub users_grant: &'static str,
    pub users_role: &'static str,
    pub users_unit_code: &'static str,
    pub users_none: &'static str,
    pub search: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub forbidden: &'static str,
    pub footer: &'static str,
    pub error_title: &'static str,
}

impl Texts {
    pub fn get(lang: Lang) -> &'static Texts {
        match lang {
            Lang::Vi => &vi::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The message for a stable error code from the domain, service or API.
    pub fn error(&self, code: &str) -> &'static str {
        if let Some(text) = admin_area::error(self.lang, code) {
            return text;
        }
        if let Some(text) = certificate::error(self.lang, code) {
            return text;
        }
        if let Some(text) = community::error(self.lang, code) {
            return text;
        }
        if let Some(text) = author::error(self.lang, code) {
            return text;
        }
        if let Some(text) = offline::error(self.lang, code) {
            return text;
        }
        if let Some(text) = speech::error(self.lang, code) {
            return text;
        }
        if let Some(text) = placement::error(self.lang, code) {
            return text;
        }
        if let Some(text) = sso::error(self.lang, code) {
            return text;
        }
        let text = match self.lang {
            Lang::Vi => vi::error(code),
            Lang::En => en::error(code),
        };
        // Every code of the closed set has a message (tested); anything else reads as
        // "something went wrong" rather than a code.
        text.unwrap_or_else(|| self.error("internal"))
    }

    pub fn role(&self, role: domain::Role) -> &'static str {
        match self.lang {
            Lang::Vi => vi::role(role),
            Lang::En => en::role(role),
        }
    }
}

/// The words of a learner's data download, in `lang`.
pub fn my_data_labels(lang: Lang) -> &'static domain::my_data::MyDataLabels {
    use domain::my_data::MyDataLabels;
    static VI: MyDataLabels = MyDataLabels {
        headings: ["Mục", "Nội dung", "Ngày", "Kết quả"],
        account: "Tài khoản",
        login: "Tên đăng nhập",
        full_name: "Họ và tên",
        email: "Thư điện tử",
        phone: "Số điện thoại",
        commune: "Xã, phường",
        consent: "Đồng ý xử lý dữ liệu cá nhân",
        roles: "Vai trò",
        staff_record: "Hồ sơ cán bộ",
        enrolment: "Ghi danh",
        lesson_done: "Bài đã học",
        lesson: "bài",
        course_completed: "Khóa học hoàn thành",
        attempt: "Bài làm",
        practice: "Luyện tập",
        certificate: "Chứng nhận",
        revoked: "đã thu hồi",
    };
    static EN: MyDataLabels = MyDataLabels {
        headings: ["Section", "What", "Date", "Result"],
        account: "Account",
        login: "Login",
        full_name: "Full name",
        email: "E-mail",
        phone: "Phone",
        commune: "Commune or ward",
        consent: "Consent to personal data processing",
        roles: "Role",
        staff_record: "Staff record",
        enrolment: "Enrolment",
        lesson_done: "Lesson done",
        lesson: "lesson",
        course_completed: "Course completed",
        attempt: "Attempt",
        practice: "Practice",
        certificate: "Certificate",
        revoked: "revoked",
    };
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The language of this page: the server decides it per request (cookie, then the browser's
/// Accept-Language) and writes it into `<html lang>`, where the browser reads it back.
pub fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        with_context::<http::request::Parts, _>(|p| p.extensions.get::<Lang>().copied())
            .flatten()
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|el| el.get_attribute("lang"))
            .and_then(|code| Lang::parse(&code))
            .unwrap_or_default()
    }
}

/// The language of the current page, from the context `App` provides.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// A page's `<title>`: the page's own title, then the app's name (the name alone once).
pub fn full_title(page: String, app_name: &str) -> String {
    if page == app_name {
        page
    } else {
        format!("{page} · {app_name}")
    }
}

/// The common and the learning texts of `lang`: the pair the header and the lesson page use.
pub fn common_and_learn(lang: Lang) -> (&'static Texts, &'static learn::LearnTexts) {
    (Texts::get(lang), learn::LearnTexts::get(lang))
}

/// The HR area's texts of the current page.
pub fn use_hr_texts() -> &'static hr::HrTexts {
    hr::HrTexts::get(use_lang())
}

/// The e-mail reminders' texts of the current page.
pub fn use_reminder_texts() -> &'static reminders::ReminderTexts {
    reminders::ReminderTexts::get(use_lang())
}

/// The quiz pages' texts of the current page.
pub fn use_assess_texts() -> &'static assess::AssessTexts {
    assess::AssessTexts::get(use_lang())
}

/// The certificate pages' texts of the current page.
pub fn use_cert_texts() -> &'static certificate::CertTexts {
    certificate::CertTexts::get(use_lang())
}

/// The learner pages' texts of the current page.
pub fn use_learn_texts() -> &'static learn::LearnTexts {
    learn::LearnTexts::get(use_lang())
}

/// The offline-learning texts of the current page.
pub fn use_offline_texts() -> &'static offline::OfflineTexts {
    offline::OfflineTexts::get(use_lang())
}

/// The spoken lessons' texts of the current page.
pub fn use_speech_texts() -> &'static speech::SpeechTexts {
    speech::SpeechTexts::get(use_lang())
}

/// The placement checks' texts of the current page.
pub fn use_placement_texts() -> &'static placement::PlacementTexts {
    placement::PlacementTexts::get(use_lang())
}

/// The lesson videos' texts of the current page.
pub fn use_video_texts() -> &'static video::VideoTexts {
    video::VideoTexts::get(use_lang())
}

/// The texts of the current page, from the context `App` provides.
pub fn use_texts() -> &'static Texts {
    Texts::get(use_lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_ends_with_the_app_name_once() {
        assert_eq!(full_title("Bài 1".into(), "Học Vụ Số"), "Bài 1 · Học Vụ Số");
        assert_eq!(full_title("Học Vụ Số".into(), "Học Vụ Số"), "Học Vụ Số");
    }
    use domain::Role;

    #[test]
    fn every_error_code_has_its_own_message_in_both_languages() {
        let (vi, en) = (Texts::get(Lang::Vi), Texts::get(Lang::En));
        for code in domain::error_codes::ALL {
            for t in [vi, en] {
                let own = *code == "internal" || t.error(code) != t.error("internal");
                assert!(own, "{:?} has no message for {code}", t.lang);
            }
            assert_ne!(vi.error(code), en.error(code), "{code}");
        }
        assert_eq!(vi.error("__not_a_code__"), vi.error("internal"));
    }

    /// Codes written in the sources where an error is made (a service error, a field issue,
    /// an import row error, an API error, a form's `?loi=`, an error page) all belong to the
    /// closed set, so none reaches a user as "something went wrong" for want of a message.
    #[test]
    fn every_error_code_written_in_the_sources_is_in_the_set() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let made = regex::Regex::new(concat!(
            r#"(?:invalid\(|FieldIssue::new\(|RowError::new\([^,]+,)\s*"[^"]*",\s*"([a-z0-9_]+)""#,
            r#"|Conflict\(\s*"([a-z0-9_]+)""#,
            r#"|ApiError::new\(\s*[A-Za-z_:]+,\s*"([a-z0-9_]+)""#,
            r#"|error_page::render\([^,]+,[^,]+,\s*"([a-z0-9_]+)""#,
            r#"|loi=([a-z0-9_]+)"#,
        ))
        .unwrap();
        let mut seen = 0;
        for dir in ["domain/src", "service/src", "server/src", "app/src"] {
            for file in rust_files(&root.join(dir)) {
                let text = std::fs::read_to_string(&file).unwrap();
                // Tests may send codes that do not exist, on purpose.
                let text = text.split("#[cfg(test)]").next().unwrap_or_default();
                for caps in made.captures_iter(text) {
                    let code = caps.iter().skip(1).flatten().next().unwrap().as_str();
                    assert!(
                        domain::error_codes::is_known(code),
                        "{}: `{code}` is not in domain::error_codes::ALL",
                        file.display()
                    );
                    seen += 1;
                }
            }
        }
        assert!(
            seen > 100,
            "the pattern found only {seen} codes: has the code moved?"
        );
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn every_role_has_a_name() {
        for role in Role::ALL {
            assert_ne!(
                Texts::get(Lang::Vi).role(*role),
                Texts::get(Lang::En).role(*role)
            );
        }
    }

    #[test]
    fn vietnamese_is_the_default() {
        assert_eq!(Texts::get(Lang::default()).login, "Đăng nhập");
    }
}
