//! Certificates as Open Badges 3.0 credentials (`vc+jwt`), checked by an implementation that
//! is not the project's: `end2end/verify/credential.mjs`, which verifies with the npm package
//! `jose` against the JWKS the server publishes and reads the revocation bit from the status
//! list credential the credential names. The certificates are earned the way a learner earns
//! them (lessons marked done, quizzes passed through the pages' forms).
mod support;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::Value;
use service::entity::{certificate, user};
use sha2::{Digest, Sha256};
use support::quiz::{complete_course, pass_quiz, with_demo_content};
use support::{TestApp, browser, get, learner_on_roster, sign_in, signed_in};

const PHONE: &str = "0912345678";
const PERSONAL_ID: &str = "001203004567";
const EMAIL: &str = "nguyen.van.an@example.vn";

/// What `credential.mjs` says of a compact JWS, checked against the server's JWKS.
async fn verdict(app: &TestApp, jwt: &str) -> Value {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/verify/credential.mjs"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("credential.jwt");
    std::fs::write(&file, jwt).unwrap();
    let jwks = app.url("/.well-known/jwks.json");
    // Off the runtime's thread: the script fetches the JWKS and the status list from this server.
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(script)
            .arg(&file)
            .args(["--jwks", &jwks])
            .output()
            .expect("node on PATH (and `npm ci` run in end2end/)")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|_| {
        panic!(
            "no verdict: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn header_of(jwt: &str) -> Value {
    let part = jwt.split('.').next().unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

/// The same JWS with one claim of its payload changed, signature kept.
fn tampered(jwt: &str) -> String {
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    payload["name"] = "Thạc sĩ an toàn thông tin".into();
    let forged = URL_SAFE_NO_PAD.encode(payload.to_string());
    format!("{}.{forged}.{}", parts[0], parts[2])
}

async fn certificate_of_kind(app: &TestApp, kind: &str) -> certificate::Model {
    certificate::Entity::find()
        .all(app.state.db())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} certificate"))
}

/// The credential API's answer for a code, as `client` asks.
async fn credential(app: &TestApp, client: &reqwest::Client, code: &str) -> Value {
    let (status, json) = get(
        app,
        client,
        &format!("/api/v1/certificates/{code}/credential"),
    )
    .await;
    assert_eq!(status, 200, "{json}");
    json
}

fn jwt_of(json: &Value) -> String {
    json["jwt"].as_str().unwrap().to_owned()
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn give_email(app: &TestApp, login: &str) {
    let holder = service::access::accounts::find_by_login(app.state.db(), login)
        .await
        .unwrap()
        .unwrap();
    let mut row = user::ActiveModel::from(holder);
    row.email = Set(Some(EMAIL.to_owned()));
    row.update(app.state.db()).await.unwrap();
}

#[tokio::test]
async fn a_completed_course_is_a_signed_open_badge_that_names_no_one_in_clear() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    give_email(&app, PHONE).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let cert = certificate_of_kind(&app, "course").await;

    let json = credential(&app, &learner, &cert.code).await;
    assert_eq!(json["status"], "valid");
    let jwt = jwt_of(&json);
    let header = header_of(&jwt);
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["typ"], "vc+jwt");
    let kid = header["kid"].as_str().unwrap();
    assert!(kid.starts_with(&app.url("/api/v1/badges/keys/")), "{kid}");

    // jose accepts it: signature, typ, validity, and the status list's bit.
    let v = verdict(&app, &jwt).await;
    assert_eq!(v["accepted"], true, "{v}");
    assert_eq!(v["signature"], "ok");
    assert_eq!(v["status"], "valid");
    assert_eq!(v["kid"], kid);

    // What it says, as jose read it from the signed payload.
    let c = &v["credential"];
    assert_eq!(c, &json["credential"], "the JSON is the signed payload");
    assert_eq!(c["@context"][0], "https://www.w3.org/ns/credentials/v2");
    assert!(c["@context"][1].as_str().unwrap().contains("/ob/v3p0/"));
    assert_eq!(
        c["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(c["issuer"]["id"], app.url("/api/v1/badges/issuer"));
    assert_eq!(c["issuer"]["name"], "Học Vụ Số");
    assert!(c["validFrom"].as_str().unwrap().ends_with('Z'));
    let achievement = &c["credentialSubject"]["achievement"];
    assert_eq!(achievement["type"][0], "Achievement");
    assert_eq!(achievement["name"], cert.title.as_str());
    assert_eq!(achievement["id"], app.url("/khoa-hoc/KNS-AT-01"));
    assert!(
        achievement["criteria"]["narrative"]
            .as_str()
            .unwrap()
            .contains("KNS-AT-01")
    );
    let tags = achievement["tag"].as_array().unwrap();
    assert!(
        !tags.is_empty(),
        "the course's competence domains: {achievement}"
    );
    assert_eq!(
        achievement["alignment"].as_array().unwrap().len(),
        tags.len()
    );
    let status = &c["credentialStatus"];
    assert_eq!(status["type"], "BitstringStatusListEntry");
    assert_eq!(status["statusPurpose"], "revocation");
    assert_eq!(
        status["statusListCredential"],
        app.url("/api/v1/badges/status/1")
    );

    // The holder: the name in clear, the phone, e-mail and personal ID number only hashed.
    let text = jwt_payload_text(&jwt);
    for secret in [PHONE, PERSONAL_ID, EMAIL] {
        assert!(!text.contains(secret), "{secret} in clear: {text}");
        assert!(!json.to_string().contains(secret), "{secret} in the JSON");
    }
    let ids = c["credentialSubject"]["identifier"].as_array().unwrap();
    let by_type = |t: &str| ids.iter().find(|i| i["identityType"] == t).cloned();
    assert_eq!(by_type("name").unwrap()["identityHash"], "Người Thử Nghiệm");
    for (kind, secret) in [
        ("phoneNumber", PHONE),
        ("nationalIdentityNumber", PERSONAL_ID),
        ("emailAddress", EMAIL),
    ] {
        let id = by_type(kind).unwrap_or_else(|| panic!("{kind}: {ids:?}"));
        assert_eq!(id["type"], "IdentityObject");
        assert_eq!(id["hashed"], true);
        let salt = id["salt"].as_str().unwrap();
        assert!(salt.len() >= 16, "{salt}");
        let expected = format!("sha256${}", sha256_hex(&format!("{secret}{salt}")));
        assert_eq!(id["identityHash"], expected.as_str(), "{kind}");
    }

    // A changed payload is refused, whatever it claims.
    let v = verdict(&app, &tampered(&jwt)).await;
    assert_eq!(v["accepted"], false, "{v}");
    assert_eq!(v["signature"], "refused");
    assert_eq!(v["error"], "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");

    // The holder's `.jwt` download is the same credential; nobody else gets it.
    let path = format!("/chung-nhan/{}.jwt", cert.code);
    let res = learner.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/vc+jwt");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".jwt")
    );
    assert_eq!(
        res.text().await.unwrap(),
        jwt,
        "Ed25519 signs the same payload the same way"
    );
    let anonymous = browser(&app);
    let api = format!("/api/v1/certificates/{}/credential", cert.code);
    assert_eq!(get(&app, &anonymous, &api).await.0, 401);
    assert_eq!(
        anonymous.get(app.url(&path)).send().await.unwrap().status(),
        401
    );
    let other = signed_in(&app, "0987654321", &[(Role::Learner, None)]).await;
    assert_eq!(get(&app, &other, &api).await.0, 404);
    assert_eq!(
        other.get(app.url(&path)).send().await.unwrap().status(),
        404
    );
    // The verification page offers the credential to its holder only.
    let verify_path = format!("/xac-minh/{}", cert.code);
    let holders = learner.get(app.url(&verify_path)).send().await.unwrap();
    assert!(
        holders.text().await.unwrap().contains(&path),
        "a download for the holder"
    );
    let visitors = anonymous.get(app.url(&verify_path)).send().await.unwrap();
    assert!(
        !visitors.text().await.unwrap().contains(".jwt"),
        "none for a visitor"
    );
    // The public verification says valid; the issuer profile and the key are public.
    let (_, public) = get(
        &app,
        &anonymous,
        &format!("/api/v1/certificates/{}", cert.code),
    )
    .await;
    assert_eq!(public["status"], "valid");
    let (status, profile) = get(&app, &anonymous, "/api/v1/badges/issuer").await;
    assert_eq!(status, 200);
    assert_eq!(profile["type"][0], "Profile");
    let res = anonymous
        .get(app.url("/.well-known/jwks.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "*",
        "for verifiers' pages"
    );
    let res = anonymous.get(app.url(&format!("/api/v1/certificates/{}/credential", cert.code)));
    assert_eq!(res.send().await.unwrap().status(), 401);
    let res = learner.get(app.url(&api)).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    assert!(res.headers().get("access-control-allow-origin").is_none());
    let (status, jwk) = get(&app, &anonymous, kid.strip_prefix(&app.base).unwrap()).await;
    assert_eq!(status, 200, "the kid is the key's address");
    assert_eq!(
        (jwk["kty"].as_str(), jwk["crv"].as_str()),
        (Some("OKP"), Some("Ed25519"))
    );
    assert!(jwk.get("d").is_none(), "no private part: {jwk}");
}

fn jwt_payload_text(jwt: &str) -> String {
    let part = jwt.split('.').nth(1).unwrap();
    String::from_utf8(URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[tokio::test]
async fn a_revoked_certificate_is_revoked_in_the_status_list() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    pass_quiz(&app, &learner, "DG-LCKNS").await;
    let (course, mastery) = (
        certificate_of_kind(&app, "course").await,
        certificate_of_kind(&app, "mastery").await,
    );
    let course_jwt = jwt_of(&credential(&app, &learner, &course.code).await);
    let mastery_json = credential(&app, &learner, &mastery.code).await;
    let mastery_jwt = jwt_of(&mastery_json);
    let achievement = &mastery_json["credential"]["credentialSubject"]["achievement"];
    assert_eq!(achievement["id"], app.url("/bai-kiem-tra/DG-LCKNS"));
    assert!(!achievement["alignment"].as_array().unwrap().is_empty());
    let index = |json: &Value| json["credential"]["credentialStatus"]["statusListIndex"].clone();
    assert_ne!(
        index(&mastery_json),
        index(&credential(&app, &learner, &course.code).await)
    );

    let admin = sign_in(&app, "quantri").await;
    let res = admin
        .post(app.url(&format!("/api/v1/certificates/{}/revoke", course.code)))
        .json(&serde_json::json!({"reason": "Cấp nhầm người"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // The credential the holder kept still bears a good signature, but its bit is set.
    let v = verdict(&app, &course_jwt).await;
    assert_eq!(v["signature"], "ok", "{v}");
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["accepted"], false);
    // The other certificate's bit is not.
    let v = verdict(&app, &mastery_jwt).await;
    assert_eq!(
        (v["accepted"].clone(), v["status"].clone()),
        (true.into(), "valid".into()),
        "{v}"
    );
    // The API and the credential's own answer say so too.
    let anonymous = browser(&app);
    let (_, public) = get(
        &app,
        &anonymous,
        &format!("/api/v1/certificates/{}", course.code),
    )
    .await;
    assert_eq!(
        (public["status"].as_str(), public["valid"].as_bool()),
        (Some("revoked"), Some(false))
    );
    assert_eq!(
        credential(&app, &learner, &course.code).await["status"],
        "revoked"
    );
    // The list is public, signed, and readable from a verifier's page on another site.
    let res = anonymous
        .get(app.url("/api/v1/badges/status/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/vc+jwt");
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    assert_eq!(header_of(&res.text().await.unwrap())["typ"], "vc+jwt");
    // A list that holds no certificate is unknown.
    assert_eq!(
        get(&app, &anonymous, "/api/v1/badges/status/7").await.0,
        404
    );
    assert_eq!(
        get(&app, &anonymous, "/api/v1/certificates/00000-00000")
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn after_key_rotations_old_credentials_verify_with_the_published_old_keys() {
    let app = with_demo_content().await;
    // The key was made at start.
    let (_, jwks) = get(&app, &browser(&app), "/.well-known/jwks.json").await;
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 1, "{jwks}");
    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let course = certificate_of_kind(&app, "course").await;
    let old_jwt = jwt_of(&credential(&app, &learner, &course.code).await);
    let old_kid = header_of(&old_jwt)["kid"].as_str().unwrap().to_owned();
    assert_eq!(jwks["keys"][0]["kid"], old_kid.as_str());

    // Only an admin rotates.
    assert_eq!(
        learner
            .post(app.url("/api/v1/badges/keys/rotate"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let admin = sign_in(&app, "quantri").await;
    let res = admin
        .post(app.url("/api/v1/badges/keys/rotate"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let rotated: Value = res.json().await.unwrap();
    assert_eq!(rotated["retired_kid"], old_kid.as_str());
    let new_kid = rotated["kid"].as_str().unwrap().to_owned();
    assert_ne!(new_kid, old_kid);
    let audited = support::count(
        &app,
        "audit_log WHERE action = 'rotate' AND object_kind = 'badge_key'",
    )
    .await;
    assert_eq!(audited, 1);

    // The credential signed before still verifies, with the old key the JWKS still publishes.
    let v = verdict(&app, &old_jwt).await;
    assert_eq!(
        (v["accepted"].clone(), v["kid"].clone()),
        (true.into(), old_kid.clone().into()),
        "{v}"
    );
    let (_, jwks) = get(&app, &browser(&app), "/.well-known/jwks.json").await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(
        kids,
        [new_kid.as_str(), old_kid.as_str()],
        "the signing key first"
    );

    // A new certificate is signed with the new key.
    pass_quiz(&app, &learner, "DG-LCKNS").await;
    let mastery = certificate_of_kind(&app, "mastery").await;
    let new_jwt = jwt_of(&credential(&app, &learner, &mastery.code).await);
    assert_eq!(header_of(&new_jwt)["kid"], new_kid.as_str());
    assert_eq!(verdict(&app, &new_jwt).await["accepted"], true);

    // `hocvu badge-key rotate` does the same from the command line.
    server::cli::badge_key_rotate(server::config::Config::for_database(&app.db_url))
        .await
        .unwrap();
    let (_, jwks) = get(&app, &browser(&app), "/.well-known/jwks.json").await;
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 3);
    let newest = jwt_of(&credential(&app, &learner, &mastery.code).await);
    let newest_kid = header_of(&newest)["kid"].as_str().unwrap().to_owned();
    assert!(
        newest_kid != new_kid && newest_kid != old_kid,
        "{newest_kid}"
    );
    for jwt in [&old_jwt, &new_jwt, &newest] {
        assert_eq!(verdict(&app, jwt).await["accepted"], true);
    }
    let private_keys = support::count(&app, "badge_keys WHERE private_key IS NOT NULL").await;
    assert_eq!(private_keys, 1, "a retired key's private half is forgotten");
}

#[tokio::test]
async fn a_key_kept_in_a_file_signs_and_rotates_there() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("badge-key.pem");
    let kept = file.clone();
    let app = support::spawn_with(move |c| c.badge_key_file = Some(kept)).await;
    service::demo::courses::seed(app.state.db()).await.unwrap();
    service::demo::quizzes::seed(app.state.db()).await.unwrap();
    let pem = std::fs::read_to_string(&file).expect("made at start");
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
    }
    let private_keys = support::count(&app, "badge_keys WHERE private_key IS NOT NULL").await;
    assert_eq!(private_keys, 0, "the database holds the public key only");

    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let course = certificate_of_kind(&app, "course").await;
    let old_jwt = jwt_of(&credential(&app, &learner, &course.code).await);
    assert_eq!(verdict(&app, &old_jwt).await["accepted"], true);

    let admin = sign_in(&app, "quantri").await;
    let res = admin
        .post(app.url("/api/v1/badges/keys/rotate"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_ne!(
        std::fs::read_to_string(&file).unwrap(),
        pem,
        "a new key in the file"
    );
    let new_jwt = jwt_of(&credential(&app, &learner, &course.code).await);
    assert_ne!(header_of(&new_jwt)["kid"], header_of(&old_jwt)["kid"]);
    for jwt in [&old_jwt, &new_jwt] {
        assert_eq!(verdict(&app, jwt).await["accepted"], true);
    }
}

#[tokio::test]
async fn an_erased_holders_credential_still_verifies_and_names_no_one() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    give_email(&app, PHONE).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let cert = certificate_of_kind(&app, "course").await;
    let kept = jwt_of(&credential(&app, &learner, &cert.code).await);

    let res = learner
        .post(app.url("/api/v1/me/erase"))
        .json(&serde_json::json!({"password": support::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());

    // The credential the holder kept still verifies; made again, it names nobody.
    assert_eq!(verdict(&app, &kept).await["accepted"], true);
    let admin = sign_in(&app, "quantri").await;
    let json = credential(&app, &admin, &cert.code).await;
    let subject = &json["credential"]["credentialSubject"];
    assert_eq!(subject["identifier"], serde_json::json!([]), "{subject}");
    let v = verdict(&app, &jwt_of(&json)).await;
    assert_eq!(v["accepted"], true, "{v}");
    assert!(!json.to_string().contains("Người Thử Nghiệm"));
}
