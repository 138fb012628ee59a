//! Sign-in limits (issue 17, hole 5): attempts are reserved before the password is checked,
//! so a burst checks no more than the limit; the owner on a device that signed in before is
//! not locked out by someone else's failures, and is told of them; a full password queue
//! answers at once.
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use service::access::ratelimit::MAX_PER_LOGIN;
use support::{PASSWORD, TestApp, browser, spawn_app};

const WRONG: &str = "doan mat khau";

async fn status_of(app: &TestApp, client: &reqwest::Client, password: &str) -> u16 {
    app.api_login(client, "chu-tai-khoan", password)
        .await
        .status()
        .as_u16()
}

/// The `name=value` of the device cookie a sign-in answer sets, if any.
fn device_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("hv_device="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

/// A browser that signed in once (and out again): it keeps the device cookie.
async fn known_device(app: &TestApp) -> (reqwest::Client, String) {
    let owner = browser(app);
    let res = app.api_login(&owner, "chu-tai-khoan", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let set = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("hv_device="))
        .expect("a successful sign-in marks the device")
        .to_owned();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("Max-Age="), "a long-lived cookie: {set}");
    let cookie = device_cookie(&res).unwrap();
    let out = owner
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    (owner, cookie)
}

async fn attacker_fails_until_locked(app: &TestApp) {
    let attacker = browser(app);
    for _ in 0..MAX_PER_LOGIN {
        assert_eq!(status_of(app, &attacker, WRONG).await, 401);
    }
    assert_eq!(status_of(app, &attacker, WRONG).await, 429);
}

#[tokio::test]
async fn forty_concurrent_wrong_passwords_check_at_most_the_limit() {
    let app = Arc::new(spawn_app().await);
    app.account("chu-tai-khoan", &[]).await;
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let app = Arc::clone(&app);
        tasks.push(tokio::spawn(async move {
            let client = browser(&app);
            status_of(&app, &client, WRONG).await
        }));
    }
    let mut wrong = 0;
    let mut limited = 0;
    for t in tasks {
        match t.await.unwrap() {
            401 => wrong += 1,
            429 => limited += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(
        wrong as u64 <= MAX_PER_LOGIN,
        "{wrong} passwords were checked, the limit is {MAX_PER_LOGIN}"
    );
    assert_eq!(wrong + limited, 40);
    // A race may refuse more than it must, never check more: guessing on, one at a time,
    // reaches exactly the limit, and then the account is locked for a new device.
    let attacker = browser(&app);
    while status_of(&app, &attacker, WRONG).await == 401 {
        wrong += 1;
    }
    assert_eq!(wrong as u64, MAX_PER_LOGIN);
    assert_eq!(status_of(&app, &browser(&app), PASSWORD).await, 429);
}

#[tokio::test]
async fn the_owner_on_a_known_device_signs_in_after_an_attackers_failures() {
    let app = spawn_app().await;
    app.account("chu-tai-khoan", &[]).await;
    let (owner, _) = known_device(&app).await;
    attacker_fails_until_locked(&app).await;

    // A new device is refused even with the right password: that is the lock.
    assert_eq!(status_of(&app, &browser(&app), PASSWORD).await, 429);
    // The owner's own device gets in, and is told of the failures.
    assert_eq!(status_of(&app, &owner, PASSWORD).await, 200);
    let me: Value = owner
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["notice"]["failed_signins"].as_u64(),
        Some(MAX_PER_LOGIN),
        "{me}"
    );
    let message = me["notice"]["message"].as_str().unwrap();
    assert!(message.contains("10 lần đăng nhập sai"), "{message}");
    // The pages say it too, not only the API.
    for page in ["/", "/tai-khoan"] {
        assert!(
            page_text(&app, &owner, page)
                .await
                .contains("10 lần đăng nhập sai"),
            "{page}"
        );
    }

    // Told once: the next sign-in has nothing new to tell.
    owner
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(status_of(&app, &owner, PASSWORD).await, 200);
    let me: Value = owner
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(me.get("notice").is_none(), "{me}");
    assert!(
        !page_text(&app, &owner, "/")
            .await
            .contains("lần đăng nhập sai")
    );
}

async fn page_text(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

#[tokio::test]
async fn a_known_device_has_its_own_limit_and_a_forged_one_none() {
    let app = spawn_app().await;
    app.account("chu-tai-khoan", &[]).await;
    let (owner, cookie) = known_device(&app).await;

    // Changing the device id in the cookie breaks its signature: it counts as a new device.
    let (name, value) = cookie.split_once('=').unwrap();
    let mut parts: Vec<String> = value.split('.').map(str::to_owned).collect();
    assert_eq!(parts.len(), 3, "user.device.signature: {value}");
    parts[1] = "AAAAAAAAAAAAAAAAAAAAAA".into();
    let forged = format!("{name}={}", parts.join("."));
    attacker_fails_until_locked(&app).await;
    let res = browser(&app)
        .post(app.url("/api/v1/auth/login"))
        .header("cookie", forged)
        .json(&serde_json::json!({"login": "chu-tai-khoan", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);

    // Guessing from the known device itself is limited too.
    for _ in 0..MAX_PER_LOGIN {
        assert_eq!(status_of(&app, &owner, WRONG).await, 401);
    }
    assert_eq!(status_of(&app, &owner, PASSWORD).await, 429);
}

#[tokio::test]
async fn a_full_password_queue_answers_at_once() {
    let app = spawn_app().await;
    app.account("chu-tai-khoan", &[]).await;
    let passwords = app.state.services.passwords.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let mut load = Vec::new();
    // Many more hashes than the queue holds, kept up until the test is done.
    for _ in 0..200 {
        let (passwords, stop) = (passwords.clone(), Arc::clone(&stop));
        load.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if passwords.hash("tai cho may bam").await.is_err() {
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let res = app
        .api_login(&browser(&app), "chu-tai-khoan", PASSWORD)
        .await;
    let waited = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    assert_eq!(res.status(), 503);
    assert!(res.headers().get("retry-after").is_some());
    assert!(
        waited < Duration::from_millis(500),
        "answered after {waited:?}"
    );
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "busy");
    for t in load {
        t.await.unwrap();
    }
    // A refused attempt is not a failure: the owner gets in once the queue drains.
    assert_eq!(status_of(&app, &browser(&app), PASSWORD).await, 200);
}
