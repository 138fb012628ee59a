//! Which requests make what is kept stale: the sessions, anonymous pages, course content and
//! progress share one `service::cache::epoch::Generation`, bumped once a request that changed
//! something has been answered. A request clears them when all of these hold:
//! - it may change state (not GET, HEAD or OPTIONS) and is not one of those known to change
//!   nothing that is kept ([`changes_nothing_kept`], the one list of them);
//! - it reached its handler and succeeded ([`succeeded`]): a 2xx, or a redirect that is not a
//!   refusal; so an unknown path (404), a refused request (401, 403, 405, 413, 422, 429) or a
//!   failed one (5xx) clears nothing;
//! - someone signed in (a session or an API token) sent it, or its answer starts a session: a
//!   stranger's request changes nothing that anyone has kept.
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{Method, Response};

/// Server functions that only read (`/_sf/<name>`): a hydrated page calls them as it draws.
const READING_FUNCTIONS: &[&str] = &[
    "assess_my_skills",
    "assess_quiz",
    "author_bank",
    "author_course",
    "author_courses",
    "author_lesson",
    "author_preview",
    "author_quiz",
    "author_quizzes",
    "cert_mine",
    "cert_verify",
    "community_stats",
    "community_view",
    "current_user",
    "hr_dashboard",
    "hr_people",
    "hr_person",
    "learn_catalogue",
    "learn_course",
    "learn_lesson",
    "learn_mine",
    "learn_my_standing",
    "learn_practice",
    "list_audit",
    "list_communes",
    "list_tokens",
    "list_users",
    "my_link_proposals",
    "my_signin_alert",
    "my_staff_record",
    "sso_my_links",
    "sso_providers",
    "take_form_flash",
    "token_units",
];

/// Form posts that change nothing kept: the language switch (a cookie only).
const COOKIE_ONLY_FORMS: &[&str] = &["/ngon-ngu"];

/// True for requests that change nothing any cache keeps: reads; saving an answer to an open
/// attempt (`POST /bai-lam/{id}/tra-loi`: no session, person, role, unit, content or progress
/// changes until the attempt is submitted); the language switch; the reading server functions.
pub fn changes_nothing_kept(method: &Method, path: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if *method != Method::POST {
        return false;
    }
    let function = path.strip_prefix("/_sf/");
    is_answer_save(path)
        || COOKIE_ONLY_FORMS.contains(&path)
        || function.is_some_and(|name| READING_FUNCTIONS.contains(&name))
}

/// `/bai-lam/{digits}/tra-loi`.
fn is_answer_save(path: &str) -> bool {
    path.strip_prefix("/bai-lam/")
        .and_then(|rest| rest.strip_suffix("/tra-loi"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the answered request clears what is kept (see the module's rules).
pub fn clears<B>(method: &Method, path: &str, signed_in: bool, res: &Response<B>) -> bool {
    !changes_nothing_kept(method, path) && succeeded(res) && (signed_in || starts_a_session(res))
}

/// A 2xx, or a redirect that is not a refusal: forms send a refused post back with the error
/// code in the query (`?loi=`), and a stranger to the sign-in page.
fn succeeded<B>(res: &Response<B>) -> bool {
    let status = res.status();
    if status.is_success() {
        return true;
    }
    if !status.is_redirection() {
        return false;
    }
    let location = res
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (path, query) = location.split_once('?').unwrap_or((location, ""));
    let refused = query.split('&').any(|pair| pair.starts_with("loi="));
    !refused && path != "/dang-nhap"
}

/// The answer sets a session cookie with a value (a sign-in or a registration).
fn starts_a_session<B>(res: &Response<B>) -> bool {
    let names = [
        super::cookies::session_name(false),
        super::cookies::session_name(true),
    ];
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| cookie::Cookie::parse(v).ok())
        .any(|c| names.contains(&c.name()) && !c.value().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    /// The server functions that change something kept: with [`READING_FUNCTIONS`], every one.
    const WRITING_FUNCTIONS: &[&str] = &[
        "answer_link_proposal",
        "assess_attempt",
        "author_delete_lesson",
        "author_move_lesson",
        "author_publish",
        "author_save_course",
        "author_save_lesson",
        "author_save_quiz",
        "cert_revoke",
        "claim_staff_record",
        "community_add_member",
        "community_create_team",
        "community_enrol",
        "community_register",
        "community_remove_member",
        "grant_role",
        "hr_add_assessment",
        "hr_add_training",
        "hr_erase_person",
        "hr_propose_link",
        "hr_unlink",
        "issue_token",
        "learn_mark_done",
        "revoke_role",
        "revoke_token",
        "set_disabled",
    ];

    /// A new server function must be put on one list or the other: on neither, every call of
    /// a reading one would empty every cache (as `my_link_proposals` did on each home page).
    #[test]
    fn every_server_function_is_known_to_read_or_to_write() {
        // Link the app's server functions into this test binary.
        let _ = app::api::session::current_user;
        let registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
            .filter_map(|(path, _)| path.strip_prefix("/_sf/"))
            .collect();
        assert!(registered.len() > 40, "{registered:?}");
        for name in &registered {
            assert!(
                READING_FUNCTIONS.contains(name) ^ WRITING_FUNCTIONS.contains(name),
                "{name}: list it once, in READING_FUNCTIONS or in WRITING_FUNCTIONS"
            );
        }
        for name in READING_FUNCTIONS.iter().chain(WRITING_FUNCTIONS) {
            assert!(registered.contains(name), "{name} is no server function");
        }
    }

    fn answer(status: u16, headers: &[(&'static str, &str)]) -> Response<()> {
        let mut b = Response::builder().status(StatusCode::from_u16(status).unwrap());
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn reads_answers_the_language_and_reading_functions_change_nothing_kept() {
        for (m, p) in [
            (Method::GET, "/quan-tri/nguoi-dung"),
            (Method::HEAD, "/"),
            (Method::POST, "/bai-lam/42/tra-loi"),
            (Method::POST, "/ngon-ngu"),
            (Method::POST, "/_sf/author_preview"),
            (Method::POST, "/_sf/learn_lesson"),
        ] {
            assert!(changes_nothing_kept(&m, p), "{m} {p}");
        }
        for (m, p) in [
            (Method::POST, "/dang-xuat"),
            (Method::POST, "/bai-lam/42/nop"),
            (Method::POST, "/bai-lam//tra-loi"),
            (Method::POST, "/bai-lam/4x/tra-loi"),
            (Method::DELETE, "/api/v1/teams/1/members/2"),
            (Method::PUT, "/bai-lam/42/tra-loi"),
            (Method::POST, "/_sf/author_save_lesson"),
            (Method::POST, "/_sf/assess_attempt"),
            (Method::POST, "/_sf/author_preview/x"),
        ] {
            assert!(!changes_nothing_kept(&m, p), "{m} {p}");
        }
    }

    #[test]
    fn only_a_signed_in_write_that_succeeded_clears() {
        let post = Method::POST;
        let ok = answer(200, &[]);
        assert!(clears(&post, "/_sf/author_save_course", true, &ok));
        assert!(
            !clears(&post, "/_sf/author_save_course", false, &ok),
            "a stranger"
        );
        assert!(!clears(&post, "/_sf/author_preview", true, &ok), "a read");
        for status in [400, 401, 403, 404, 405, 413, 422, 429, 500] {
            let refused = answer(status, &[]);
            assert!(
                !clears(&post, "/_sf/author_save_course", true, &refused),
                "{status}"
            );
        }
    }

    #[test]
    fn a_redirect_back_with_an_error_or_to_sign_in_is_a_refusal() {
        let post = Method::POST;
        let done = answer(303, &[("location", "/don-vi/nhan-su/12")]);
        assert!(clears(&post, "/don-vi/nhan-su", true, &done));
        for to in [
            "/dang-nhap?loi=invalid_credentials",
            "/tai-khoan?x=1&loi=bad",
            "/dang-nhap",
            "/dang-nhap?next=%2Fbai-kiem-tra%2FX",
        ] {
            let back = answer(303, &[("location", to)]);
            assert!(!clears(&post, "/dang-nhap", true, &back), "{to}");
        }
    }

    #[test]
    fn a_stranger_clears_only_by_starting_a_session() {
        let post = Method::POST;
        let signed = answer(
            303,
            &[
                ("location", "/"),
                ("set-cookie", "hv_session=abc; Path=/; HttpOnly"),
            ],
        );
        let secure = answer(
            200,
            &[("set-cookie", "__Host-hv_session=abc; Path=/; Secure")],
        );
        let ended = answer(
            303,
            &[("location", "/"), ("set-cookie", "hv_session=; Max-Age=0")],
        );
        let lang = answer(303, &[("location", "/"), ("set-cookie", "lang=en; Path=/")]);
        assert!(clears(&post, "/dang-nhap", false, &signed));
        assert!(clears(&post, "/api/v1/auth/login", false, &secure));
        assert!(!clears(&post, "/dang-xuat", false, &ended));
        assert!(!clears(&post, "/khac", false, &lang));
    }
}
