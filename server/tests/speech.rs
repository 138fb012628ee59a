//! Spoken lessons (issue 20), with the real espeak-ng the set-up script installs: a lesson of
//! a published course is read aloud in the background and offered on its page; the clip is
//! served in the ranges a player asks for, kept by content hash (an edit that changes no word
//! makes nothing again), listed in the offline pack, and replaced by an author's recording.
//! Without espeak-ng the site still serves every page and tells the author why.
mod support;

use std::time::{Duration, Instant};

use domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use service::entity::{lesson, lesson_audio};
use support::{
    TestApp, browser, count, download, get, server_fn, signed_in, spawn_app, spawn_with,
};

const CODE: &str = "KNS-DOC-01";

async fn author(app: &TestApp) -> reqwest::Client {
    signed_in(app, "tacgia", &[(Role::Author, None)]).await
}

/// A published course of two lessons, made through the author's forms.
async fn published_course(app: &TestApp, c: &reqwest::Client) -> Vec<i32> {
    let (status, body) = server_fn(
        app,
        c,
        "author_save_course",
        &[
            ("code", CODE),
            ("title", "Nghe và học"),
            ("summary", "Bài học có bản đọc"),
            ("audience", "everyone"),
            ("competences[0]", "an_toan"),
            ("counts_as_training", "true"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    for (title, body) in [
        (
            "Mật khẩu mạnh",
            "## Vì sao?\n\nĐến ngày 06/12/2026, **96,5%** cán bộ cấp tỉnh đã được bồi dưỡng.\n\n* Dùng mật khẩu dài\n* Xem [hướng dẫn](https://example.vn/huong-dan)\n",
        ),
        (
            "Thư lừa đảo",
            "Đừng bấm vào đường liên kết lạ. Gọi 0912 345 678 để hỏi lại.",
        ),
    ] {
        let (status, id) = server_fn(
            app,
            c,
            "author_save_lesson",
            &[("course", CODE), ("title", title), ("body", body)],
        )
        .await;
        assert_eq!(status, 200, "{id}");
    }
    let (status, body) = server_fn(
        app,
        c,
        "author_publish",
        &[("code", CODE), ("publish", "true")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    lessons(app).await.iter().map(|l| l.id).collect()
}

async fn lessons(app: &TestApp) -> Vec<lesson::Model> {
    let c = service::learn::catalogue::course_by_code(app.state.db(), CODE)
        .await
        .unwrap();
    lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .order_by_asc(lesson::Column::Position)
        .all(app.state.db())
        .await
        .unwrap()
}

async fn row(app: &TestApp, lesson_id: i32) -> Option<lesson_audio::Model> {
    lesson_audio::Entity::find_by_id(lesson_id)
        .one(app.state.db())
        .await
        .unwrap()
}

/// Waits (at most 60 s) until every given lesson's speech is ready; their rows.
async fn ready(app: &TestApp, ids: &[i32]) -> Vec<lesson_audio::Model> {
    let started = Instant::now();
    loop {
        let mut rows = Vec::new();
        for id in ids {
            rows.extend(row(app, *id).await.filter(|r| r.state == "ready"));
        }
        if rows.len() == ids.len() {
            return rows;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "speech not made in time"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn audio_url(page: &str) -> String {
    let at = page
        .find("/am-thanh/")
        .expect("a spoken version on the page");
    page[at..].split('"').next().unwrap().to_owned()
}

async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_published_lesson_is_read_aloud_and_served_in_ranges() {
    let app = spawn_app().await;
    let a = author(&app).await;
    let ids = published_course(&app, &a).await;
    let worker = server::jobs::spawn_speech(&app.state).expect("espeak-ng is installed");
    let rows = ready(&app, &ids).await;
    worker.abort();

    for r in &rows {
        assert_eq!(
            infer::get(&r.data).map(|k| k.mime_type()),
            Some("audio/mpeg")
        );
        assert!(r.duration_ms > 1_000, "{} ms", r.duration_ms);
        // A five-minute lesson within 1 MB: at most 3,333 bytes a second.
        let per_second = r.size * 1000 / r.duration_ms;
        assert!(per_second <= 3_333, "{per_second} bytes a second");
    }

    // The page offers it, loaded only when played.
    let anyone = browser(&app);
    let (status, html) = page(&app, &anyone, &format!("/khoa-hoc/{CODE}/bai/1")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<audio controls preload=\"none\""), "{html}");
    assert!(html.contains("giọng đọc máy"), "says whose voice it is");
    let url = audio_url(&html);

    let (status, headers, whole) = download(&app, &anyone, &url).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "audio/mpeg");
    assert_eq!(headers["accept-ranges"], "bytes");
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(whole, rows[0].data);

    let ranged = |range: &'static str| {
        let c = anyone.clone();
        let u = app.url(&url);
        async move { c.get(u).header("range", range).send().await.unwrap() }
    };
    // Sent as it is (MP3 does not compress), with its length, for the player to seek in.
    let res = anyone
        .get(app.url(&url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(
        res.headers()["content-length"],
        whole.len().to_string().as_str()
    );

    let res = ranged("bytes=0-99").await;
    assert_eq!(res.status(), 206);
    assert_eq!(
        res.headers()["content-range"],
        format!("bytes 0-99/{}", whole.len()).as_str()
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), &whole[..100]);
    let res = ranged("bytes=-10").await;
    assert_eq!(res.status(), 206);
    assert_eq!(
        res.bytes().await.unwrap().as_ref(),
        &whole[whole.len() - 10..]
    );
    let res = ranged("bytes=99999999-").await;
    assert_eq!(res.status(), 416);
    assert_eq!(
        res.headers()["content-range"],
        format!("bytes */{}", whole.len()).as_str()
    );

    // A made-up hash, or another lesson's id with this hash, is not found.
    let other = url.replace(&ids[0].to_string(), &ids[1].to_string());
    assert_eq!(download(&app, &anyone, &other).await.0, 404);
    assert_eq!(
        download(
            &app,
            &anyone,
            &format!("/am-thanh/{}/{}", ids[0], "0".repeat(32))
        )
        .await
        .0,
        404
    );
    assert_eq!(
        download(
            &app,
            &anyone,
            &format!("/am-thanh/{}/..%2F..%2Fetc", ids[0])
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn an_unchanged_lesson_is_never_read_twice_and_a_changed_one_is() {
    let app = spawn_app().await;
    let a = author(&app).await;
    let ids = published_course(&app, &a).await;
    let worker = server::jobs::spawn_speech(&app.state).expect("espeak-ng is installed");
    let first = ready(&app, &ids).await.remove(0);

    // Markup changed, words not: the same clip, not queued.
    let l = &lessons(&app).await[0];
    let restyled = l.body.replace("**96,5%**", "*96,5%*");
    assert_ne!(restyled, l.body);
    let id = l.id.to_string();
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_lesson",
        &[
            ("course", CODE),
            ("id", &id),
            ("title", &l.title),
            ("body", &restyled),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let kept = row(&app, l.id).await.unwrap();
    assert_eq!(
        (kept.state.as_str(), &kept.content_hash, kept.updated_at),
        ("ready", &first.content_hash, first.updated_at)
    );

    // A word changed: queued at once, the old clip gone from its address, a new one made.
    let old_url = domain::learning::lesson_audio_path(l.id, &first.content_hash);
    let reworded = restyled.replace("cấp tỉnh", "cấp xã");
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_lesson",
        &[
            ("course", CODE),
            ("id", &id),
            ("title", &l.title),
            ("body", &reworded),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let queued = row(&app, l.id).await.unwrap();
    assert_ne!(queued.content_hash, first.content_hash);
    assert_eq!(download(&app, &browser(&app), &old_url).await.0, 404);
    let again = ready(&app, &[l.id]).await.remove(0);
    assert_ne!(again.data, first.data);
    worker.abort();

    // A lesson whose words another lesson already has is copied, not read again.
    let twin = lessons(&app).await[1].clone();
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_lesson",
        &[
            ("course", CODE),
            ("title", &twin.title),
            ("body", &twin.body),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let third = lessons(&app).await[2].id;
    let worker = server::jobs::spawn_speech(&app.state).unwrap();
    let copied = ready(&app, &[third]).await.remove(0);
    worker.abort();
    assert_eq!(copied.data, row(&app, twin.id).await.unwrap().data);
}

#[tokio::test]
async fn the_offline_pack_keeps_the_spoken_lessons_and_the_course_page_says_their_size() {
    let app = spawn_app().await;
    let a = author(&app).await;
    let ids = published_course(&app, &a).await;
    let worker = server::jobs::spawn_speech(&app.state).unwrap();
    let rows = ready(&app, &ids).await;
    worker.abort();

    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    let (status, pack) = get(&app, &learner, &format!("/api/v1/courses/{CODE}/offline")).await;
    assert_eq!(status, 200, "{pack}");
    let urls: Vec<&str> = pack["urls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for r in &rows {
        let url = domain::learning::lesson_audio_path(r.lesson_id, &r.content_hash);
        assert!(urls.contains(&url.as_str()), "{url} in {urls:?}");
    }

    let (_, html) = page(&app, &learner, &format!("/khoa-hoc/{CODE}")).await;
    assert!(html.contains("Kèm bản đọc của các bài (khoảng"), "{html}");
}

#[tokio::test]
async fn without_espeak_ng_every_page_works_and_the_author_is_told_why() {
    let app = spawn_with(|c| c.espeak = "/nonexistent/espeak-ng".to_owned()).await;
    assert!(server::jobs::spawn_speech(&app.state).is_none());
    let a = author(&app).await;
    let ids = published_course(&app, &a).await;

    let (status, html) = page(&app, &browser(&app), &format!("/khoa-hoc/{CODE}/bai/1")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Mật khẩu mạnh") && !html.contains("<audio"),
        "{html}"
    );
    let (status, html) = page(&app, &a, &format!("/soan-bai/{CODE}/bai/{}", ids[0])).await;
    assert_eq!(status, 200);
    assert!(html.contains("chưa cài espeak-ng"), "{html}");
    assert!(html.contains("Đang chờ tạo bản đọc"), "{html}");
}

/// The smallest MP3 `infer` knows: an ID3 tag's header, then a frame header.
fn mp3_bytes(n: usize) -> Vec<u8> {
    let mut b = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
    b.extend([0xFF, 0xFB, 0x90, 0x64]);
    b.resize(n, 0x55);
    b
}

#[tokio::test]
async fn an_author_records_a_voice_in_place_of_the_speech_and_removes_it() {
    let app = spawn_app().await;
    let a = author(&app).await;
    let ids = published_course(&app, &a).await;
    let path = format!("/api/v1/lessons/{}/voice", ids[0]);
    let post = |c: &reqwest::Client, body: Vec<u8>| {
        let (c, u) = (c.clone(), app.url(&path));
        async move {
            support::json_of(
                c.post(u)
                    .header("content-type", "application/octet-stream")
                    .body(body)
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };

    // Only an author; only audio, read from the bytes; at most 20 MiB.
    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    assert_eq!(post(&learner, mp3_bytes(2_000)).await.0, 403);
    assert_eq!(post(&browser(&app), mp3_bytes(2_000)).await.0, 401);
    let (status, body) = post(&a, b"<html><script>alert(1)</script>".to_vec()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        body["error"]["details"][0]["code"], "audio_type_refused",
        "{body}"
    );
    let (status, _) = post(&a, mp3_bytes(21 * 1024 * 1024)).await;
    assert_eq!(status, 413);
    assert_eq!(count(&app, "lesson_audio WHERE source = 'voice'").await, 0);

    let recording = mp3_bytes(40_000);
    let (status, body) = post(&a, recording.clone()).await;
    assert_eq!(status, 201, "{body}");
    let url = body["url"].as_str().unwrap().to_owned();
    assert_eq!(body["content_type"], "audio/mpeg");
    let (_, html) = page(&app, &browser(&app), &format!("/khoa-hoc/{CODE}/bai/1")).await;
    assert_eq!(audio_url(&html), url);
    assert!(html.contains("giọng đọc thu âm"), "{html}");
    assert_eq!(download(&app, &browser(&app), &url).await.2, recording);
    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'lesson_voice'").await,
        1
    );

    // The worker leaves a recording alone.
    let worker = server::jobs::spawn_speech(&app.state).unwrap();
    ready(&app, &ids[1..]).await;
    worker.abort();
    assert_eq!(row(&app, ids[0]).await.unwrap().source, "voice");

    // Removed: the recording is gone and the server's speech is queued again.
    let res = a.delete(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(download(&app, &browser(&app), &url).await.0, 404);
    let back = row(&app, ids[0]).await.unwrap();
    assert_eq!(
        (back.source.as_str(), back.state.as_str()),
        ("speech", "queued")
    );
    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'lesson_voice'").await,
        2
    );
}

#[tokio::test]
async fn an_unpublished_course_keeps_its_speech_from_learners() {
    let app = spawn_app().await;
    let a = author(&app).await;
    let ids = published_course(&app, &a).await;
    let worker = server::jobs::spawn_speech(&app.state).unwrap();
    let rows = ready(&app, &ids).await;
    worker.abort();
    let url = domain::learning::lesson_audio_path(rows[0].lesson_id, &rows[0].content_hash);
    assert_eq!(download(&app, &browser(&app), &url).await.0, 200);

    let (status, _) = server_fn(
        &app,
        &a,
        "author_publish",
        &[("code", CODE), ("publish", "false")],
    )
    .await;
    assert_eq!(status, 200);
    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    assert_eq!(download(&app, &learner, &url).await.0, 404);
    assert_eq!(download(&app, &browser(&app), &url).await.0, 404);
    assert_eq!(
        download(&app, &a, &url).await.0,
        200,
        "its author still listens"
    );
}

/// The figures of the closing note: each demo lesson read aloud, how long it took and how
/// large it is. `cargo nextest run -p server --test speech --run-ignored only --no-capture`.
#[tokio::test]
#[ignore]
async fn speech_figures_for_the_demo_content() {
    let app = support::quiz::with_demo_content().await;
    let worker = server::jobs::spawn_speech(&app.state).unwrap();
    let all: Vec<i32> = lesson::Entity::find()
        .all(app.state.db())
        .await
        .unwrap()
        .iter()
        .map(|l| l.id)
        .collect();
    let started = Instant::now();
    let rows = ready(&app, &all).await;
    let wall = started.elapsed();
    worker.abort();
    println!("lesson  duration   size      making   bytes/s");
    for r in &rows {
        println!(
            "{:>6}  {:>6.1} s  {:>6.1} KiB  {:>5} ms  {:>6}",
            r.lesson_id,
            r.duration_ms as f64 / 1000.0,
            r.size as f64 / 1024.0,
            r.making_ms,
            r.size * 1000 / r.duration_ms.max(1)
        );
    }
    let (total_audio, total_size): (i64, i64) = rows
        .iter()
        .fold((0, 0), |(d, s), r| (d + r.duration_ms, s + r.size));
    println!(
        "{} lessons, {:.1} min of speech, {:.1} KiB, made in {:.1} s",
        rows.len(),
        total_audio as f64 / 60_000.0,
        total_size as f64 / 1024.0,
        wall.as_secs_f64()
    );
}
