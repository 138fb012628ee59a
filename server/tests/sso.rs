//! Single sign-on (issue 19) against a real, certified OpenID provider: `oidc-provider` from
//! npm, started by `end2end/oidc/provider.mjs` on 127.0.0.1 for each test and stopped when the
//! test ends. The browser is reqwest: it follows the provider's redirects and posts its own
//! sign-in form, as a person would.
mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use domain::Lang;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use serde_json::{Value, json};
use service::sso::ProviderSettings;
use service::sso::settings::ClaimNames;
use support::TestApp;

const CLIENT_ID: &str = "hocvu";
const CLIENT_SECRET: &str = "bi-mat-thu-nghiem";
/// The provider's account with a personal ID number: the roster's CB01 of `learner_on_roster`.
const AN: &str = "an";
const AN_ID_NUMBER: &str = "001203004567";

/// The provider's process, killed when dropped.
struct Op {
    child: Child,
    url: String,
}

impl Drop for Op {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Op {
    fn start() -> Op {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc/provider.mjs");
        let mut child = Command::new("node")
            .args([script, "--port", "0", "--client-id", CLIENT_ID])
            .args(["--client-secret", CLIENT_SECRET])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the provider (end2end: npm ci)");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("OIDC_PROVIDER_URL=") {
                    let _ = tx.send(url.to_owned());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the provider prints its URL");
        Op { child, url }
    }

    /// Sets the provider up again (see the script): redirect URIs, tampering, a new key.
    async fn setup(&self, body: Value) -> Value {
        let res = reqwest::Client::new()
            .post(format!("{}/__test/setup", self.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.json().await.unwrap()
    }
}

fn settings(issuer: &str) -> ProviderSettings {
    ProviderSettings {
        id: "vneid".into(),
        issuer: issuer.to_owned(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        scopes: ["openid", "profile", "phone", "email", "cccd"]
            .map(String::from)
            .to_vec(),
        label: "Đăng nhập bằng VNeID".into(),
        claims: ClaimNames {
            id_number: Some("so_dinh_danh".into()),
            ..ClaimNames::default()
        },
    }
}

/// A provider, and the app configured with it (the provider told the app's addresses).
async fn both() -> (Op, TestApp) {
    let op = Op::start();
    let issuer = op.url.clone();
    let app = support::spawn_with(|config| config.sso_providers = vec![settings(&issuer)]).await;
    op.setup(json!({
        "redirect_uris": [app.url("/sso/vneid/callback")],
        "post_logout_redirect_uris": [app.url("/")],
    }))
    .await;
    (op, app)
}

fn location(res: &reqwest::Response, from: &str) -> String {
    let loc = res
        .headers()
        .get(LOCATION)
        .unwrap_or_else(|| panic!("a redirect from {from}: {}", res.status()))
        .to_str()
        .unwrap();
    reqwest::Url::parse(from)
        .unwrap()
        .join(loc)
        .unwrap()
        .to_string()
}

/// The sign-in flow's cookie the app set when it sent the browser away.
fn flow_cookie(res: &reqwest::Response) -> String {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("hv_sso="))
        .and_then(|c| c.split(';').next())
        .expect("the flow's cookie")
        .to_owned()
}

/// Starts a sign-in at the app, signs in as `login` on the provider's own page, and returns
/// the app's callback URL the provider sends the browser to (not yet opened), with the flow's
/// cookie.
async fn through_provider(
    app: &TestApp,
    browser: &reqwest::Client,
    login: &str,
) -> (String, String) {
    let start = app.url("/sso/vneid");
    let res = browser
        .post(&start)
        .form(&[("next", "/tai-khoan")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let cookie = flow_cookie(&res);
    let mut url = location(&res, &start);
    for _ in 0..10 {
        if url.starts_with(&app.url("/sso/vneid/callback")) {
            return (url, cookie);
        }
        let res = browser.get(&url).send().await.unwrap();
        if res.status().is_redirection() {
            url = location(&res, &url);
            continue;
        }
        let page = res.text().await.unwrap();
        let action = form_action(&page).unwrap_or_else(|| panic!("a sign-in form: {page}"));
        let res = browser
            .post(&action)
            .form(&[
                ("prompt", "login"),
                ("login", login),
                ("password", "bất kỳ"),
            ])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{}", res.status());
        url = location(&res, &action);
    }
    panic!("the provider never sent the browser back");
}

fn form_action(page: &str) -> Option<String> {
    let start = page.find("action=\"")? + "action=\"".len();
    let end = start + page[start..].find('"')?;
    Some(page[start..end].replace("&amp;", "&"))
}

/// The whole sign-in: through the provider and back; the app's answer.
async fn sign_on(app: &TestApp, browser: &reqwest::Client, login: &str) -> reqwest::Response {
    let (callback, _) = through_provider(app, browser, login).await;
    browser.get(&callback).send().await.unwrap()
}

/// `/api/v1/auth/me`: its status and the signed-in user.
async fn me(app: &TestApp, browser: &reqwest::Client) -> (u16, Value) {
    let (status, body) = support::get(app, browser, "/api/v1/auth/me").await;
    (status, body["user"].clone())
}

/// A refused sign-in: the error page in Vietnamese with the code's message, nobody signed in,
/// no session opened.
async fn refused(app: &TestApp, browser: &reqwest::Client, res: reqwest::Response, code: &str) {
    let status = res.status().as_u16();
    let page = res.text().await.unwrap();
    assert!(status == 400 || status == 502, "{status}: {page}");
    let message = app::i18n::Texts::get(Lang::Vi).error(code);
    assert!(page.contains(message), "{code}: {page}");
    assert!(page.contains("lang=\"vi\""));
    assert_eq!(me(app, browser).await.0, 401);
    assert_eq!(support::count(app, "sessions").await, 0);
}

async fn identities(app: &TestApp) -> i64 {
    support::count(app, "sso_identities").await
}

#[tokio::test]
async fn the_first_sign_in_creates_a_learner_and_the_second_finds_them() {
    let (_op, app) = both().await;
    let users = app.user_count().await;
    let first = support::browser(&app);
    let res = sign_on(&app, &first, "binh").await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()[LOCATION],
        "/tai-khoan",
        "back where the person was going"
    );
    let session = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("hv_session="))
        .expect("the session cookie")
        .to_owned();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let (status, who) = me(&app, &first).await;
    assert_eq!(status, 200, "{who}");
    assert_eq!(who["full_name"], "Người dùng binh");
    assert_eq!(app.user_count().await, users + 1);
    assert_eq!(identities(&app).await, 1);
    assert_eq!(
        support::count(&app, "user_roles WHERE role = 'learner'").await,
        1
    );
    assert_eq!(
        support::count(&app, "audit_log WHERE action = 'sso_register'").await,
        1
    );

    let second = support::browser(&app);
    assert_eq!(sign_on(&app, &second, "binh").await.status(), 303);
    let (_, again) = me(&app, &second).await;
    assert_eq!(again["id"], who["id"], "the same account");
    assert_eq!(app.user_count().await, users + 1);
    assert_eq!(identities(&app).await, 1);

    // Someone else at the same provider is someone else here.
    let third = support::browser(&app);
    assert_eq!(sign_on(&app, &third, "chi").await.status(), 303);
    assert_ne!(me(&app, &third).await.1["id"], who["id"]);
    assert_eq!(app.user_count().await, users + 2);
}

#[tokio::test]
async fn signing_out_ends_the_session_here_and_goes_to_the_provider() {
    let (op, app) = both().await;
    let browser = support::browser(&app);
    assert_eq!(sign_on(&app, &browser, "binh").await.status(), 303);
    let res = browser.post(app.url("/dang-xuat")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(to.starts_with(&format!("{}/session/end", op.url)), "{to}");
    assert!(to.contains("client_id=hocvu"), "{to}");
    assert_eq!(me(&app, &browser).await.0, 401);
    assert_eq!(support::count(&app, "sessions").await, 0);

    // A password account signs out at home, as before.
    let learner = support::signed_in(&app, "0911222333", &[(domain::Role::Learner, None)]).await;
    let res = learner.post(app.url("/dang-xuat")).send().await.unwrap();
    assert_eq!(res.headers()[LOCATION], "/");
}

#[tokio::test]
async fn the_personal_id_number_links_the_roster_person_and_is_audited() {
    let (_op, app) = both().await;
    support::learner_on_roster(&app, false).await;
    let browser = support::browser(&app);
    assert_eq!(sign_on(&app, &browser, AN).await.status(), 303);
    let (_, who) = me(&app, &browser).await;
    assert_eq!(who["full_name"], "Nguyễn Văn An");
    let id = who["id"].as_i64().unwrap();
    assert_eq!(
        support::count(
            &app,
            &format!("people WHERE staff_code = 'CB01' AND user_id = {id}")
        )
        .await,
        1
    );
    assert_eq!(
        support::count(
            &app,
            "audit_log WHERE action = 'link_eid' AND object_id = 'CB01'"
        )
        .await,
        1
    );
    // Signing in again changes nothing more.
    let again = support::browser(&app);
    assert_eq!(sign_on(&app, &again, AN).await.status(), 303);
    assert_eq!(
        support::count(&app, "audit_log WHERE action = 'link_eid'").await,
        1
    );
    assert_eq!(
        support::count(&app, "people WHERE user_id IS NOT NULL").await,
        1
    );
}

#[tokio::test]
async fn a_wrong_state_signs_no_one_in() {
    let (_op, app) = both().await;
    let users = app.user_count().await;
    let browser = support::browser(&app);
    let (callback, _) = through_provider(&app, &browser, "binh").await;
    let mut url = reqwest::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                format!("{v}x")
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let res = browser.get(url.as_str()).send().await.unwrap();
    refused(&app, &browser, res, "sso_state_mismatch").await;
    assert_eq!(app.user_count().await, users);

    // A callback with no sign-in started in this browser is refused the same way.
    let stranger = support::browser(&app);
    let res = stranger.get(&callback).send().await.unwrap();
    refused(&app, &stranger, res, "sso_state_mismatch").await;
}

#[tokio::test]
async fn a_replayed_code_is_refused_by_the_provider() {
    let (_op, app) = both().await;
    let browser = support::browser(&app);
    let (callback, cookie) = through_provider(&app, &browser, "binh").await;
    assert_eq!(browser.get(&callback).send().await.unwrap().status(), 303);
    assert_eq!(support::count(&app, "sessions").await, 1);
    // The same answer again, with the same flow cookie, from another browser.
    let thief = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = thief
        .get(&callback)
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(app::i18n::Texts::get(Lang::Vi).error("sso_refused")),
        "{page}"
    );
    assert_eq!(support::count(&app, "sessions").await, 1);
}

/// The provider sends an ID token with one claim wrong on purpose.
async fn tampered(tamper: &str, code: &str) {
    let (op, app) = both().await;
    op.setup(json!({"tamper": tamper})).await;
    let users = app.user_count().await;
    let browser = support::browser(&app);
    let res = sign_on(&app, &browser, AN).await;
    refused(&app, &browser, res, code).await;
    assert_eq!(app.user_count().await, users);
    assert_eq!(identities(&app).await, 0);
}

#[tokio::test]
async fn a_wrong_nonce_is_refused() {
    tampered("nonce", "sso_nonce_mismatch").await;
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused() {
    tampered("aud", "sso_wrong_audience").await;
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    tampered("exp", "sso_token_expired").await;
}

#[tokio::test]
async fn a_new_signing_key_is_fetched_when_the_provider_rotates() {
    let (op, app) = both().await;
    let first = support::browser(&app);
    assert_eq!(sign_on(&app, &first, "binh").await.status(), 303);
    let before = op.setup(json!({})).await["kid"].clone();
    let after = op.setup(json!({"rotate": true})).await["kid"].clone();
    assert_ne!(before, after, "a new key");
    let second = support::browser(&app);
    let res = sign_on(&app, &second, "binh").await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(
        me(&app, &second).await.1["id"],
        me(&app, &first).await.1["id"]
    );
}

#[tokio::test]
async fn a_provider_that_does_not_answer_gets_a_clear_page_within_seconds() {
    // Accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("http://{}", silent.local_addr().unwrap());
    let held = std::thread::spawn(move || silent.incoming().take(4).collect::<Vec<_>>());
    let app = support::spawn_with(|config| config.sso_providers = vec![settings(&issuer)]).await;
    let browser = support::browser(&app);
    let began = Instant::now();
    let res = browser.post(app.url("/sso/vneid")).send().await.unwrap();
    assert!(
        began.elapsed() < Duration::from_secs(8),
        "{:?}",
        began.elapsed()
    );
    assert_eq!(res.status(), 502);
    refused(&app, &browser, res, "sso_provider_unavailable").await;
    drop(held);
}

#[tokio::test]
async fn the_sign_in_page_shows_a_button_per_provider_and_none_without() {
    let plain = support::spawn_app().await;
    let page = support::browser(&plain)
        .get(plain.url("/dang-nhap"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("sso-buttons"), "no provider, no button");
    let (_op, app) = both().await;
    let page = support::browser(&app)
        .get(app.url("/dang-nhap"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Đăng nhập bằng VNeID"), "{page}");
    assert!(page.contains("action=\"/sso/vneid\""), "{page}");
}

#[tokio::test]
async fn a_password_account_links_from_its_profile_and_unlinks_while_it_has_a_password() {
    let (_op, app) = both().await;
    let learner = support::signed_in(&app, "0911222333", &[(domain::Role::Learner, None)]).await;
    let (_, who) = me(&app, &learner).await;
    let start = app.url("/sso/vneid/lien-ket");
    let res = learner.post(&start).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let mut url = location(&res, &start);
    // Through the provider's sign-in, as in `through_provider`.
    while !url.starts_with(&app.url("/sso/vneid/callback")) {
        let res = learner.get(&url).send().await.unwrap();
        if res.status().is_redirection() {
            url = location(&res, &url);
            continue;
        }
        let action = form_action(&res.text().await.unwrap()).unwrap();
        let res = learner
            .post(&action)
            .form(&[("prompt", "login"), ("login", "dung"), ("password", "x")])
            .send()
            .await
            .unwrap();
        url = location(&res, &action);
    }
    let res = learner.get(&url).send().await.unwrap();
    assert_eq!(res.headers()[LOCATION], "/tai-khoan");
    assert_eq!(
        support::count(
            &app,
            &format!("sso_identities WHERE user_id = {}", who["id"])
        )
        .await,
        1
    );
    // Signing in at the provider now opens the password account.
    let other = support::browser(&app);
    assert_eq!(sign_on(&app, &other, "dung").await.status(), 303);
    assert_eq!(me(&app, &other).await.1["id"], who["id"]);
    // The account has a password: it may let go.
    let res = learner
        .post(app.url("/sso/vneid/huy-lien-ket"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[LOCATION], "/tai-khoan");
    assert_eq!(identities(&app).await, 0);
    assert_eq!(
        support::count(&app, "audit_log WHERE action IN ('sso_link', 'sso_unlink')").await,
        2
    );

    // An account made by single sign-on has no password: unlinking is refused.
    let sso_only = support::browser(&app);
    assert_eq!(sign_on(&app, &sso_only, "em").await.status(), 303);
    let res = sso_only
        .post(app.url("/sso/vneid/huy-lien-ket"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()[LOCATION],
        "/tai-khoan?loi=sso_password_needed&muc=sso"
    );
    assert_eq!(identities(&app).await, 1);
}

#[tokio::test]
async fn nothing_personal_or_secret_reaches_the_log() {
    let log = support::log::Captured::start();
    let (op, app) = both().await;
    support::learner_on_roster(&app, false).await;
    let browser = support::browser(&app);
    let (callback, cookie) = through_provider(&app, &browser, AN).await;
    assert_eq!(browser.get(&callback).send().await.unwrap().status(), 303);
    op.setup(json!({"tamper": "nonce"})).await;
    let other = support::browser(&app);
    assert_eq!(sign_on(&app, &other, AN).await.status(), 400);
    let text = log.text();
    assert!(text.contains("sso"), "sign-ons are security events: {text}");
    let code = reqwest::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let flow = cookie.trim_start_matches("hv_sso=").to_owned();
    for secret in [
        "Nguyễn Văn An",
        AN_ID_NUMBER,
        "0912345678",
        "an@example.vn",
        CLIENT_SECRET,
        &code,
        &flow,
    ] {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
    }
}
