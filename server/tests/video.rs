//! Lesson videos (issue 20): an author uploads an MP4 (type and duration read from its bytes,
//! size limited) or links a video on an allowed host, adds WebVTT captions; the lesson page
//! shows it closed, with its length and size, loaded only when opened; the file is served in
//! ranges, the captions as text/vtt and as a transcript; offline packs list it; learners and
//! other hosts are refused, everything audited.
mod support;

use std::io::Cursor;

use domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use service::entity::lesson;
use support::{TestApp, browser, count, download, get, json_of, server_fn, signed_in, spawn_app};

const CODE: &str = "KNS-VID-01";
const VTT: &str = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Lan>Xin chào các bạn.\n\n00:00:02.000 --> 00:00:04.000\nHôm nay học cách tạo mật khẩu.\n";

/// A real MP4 (one H.264 track, `seconds` long) written by the `mp4` crate.
fn mp4_of(seconds: u32) -> Vec<u8> {
    use mp4::{AvcConfig, MediaConfig, Mp4Config, Mp4Sample, Mp4Writer, TrackConfig, TrackType};
    let config = Mp4Config {
        major_brand: "isom".parse().unwrap(),
        minor_version: 512,
        compatible_brands: vec!["isom".parse().unwrap(), "avc1".parse().unwrap()],
        timescale: 1000,
    };
    let mut writer = Mp4Writer::write_start(Cursor::new(Vec::new()), &config).unwrap();
    writer
        .add_track(&TrackConfig {
            track_type: TrackType::Video,
            timescale: 1000,
            language: "vie".to_owned(),
            media_conf: MediaConfig::AvcConfig(AvcConfig {
                width: 320,
                height: 240,
                seq_param_set: vec![0x67, 0x42, 0xc0, 0x1e],
                pic_param_set: vec![0x68, 0xce, 0x3c, 0x80],
            }),
        })
        .unwrap();
    for i in 0..seconds {
        let sample = Mp4Sample {
            start_time: u64::from(i) * 1000,
            duration: 1000,
            rendering_offset: 0,
            is_sync: true,
            bytes: vec![0u8; 2048].into(),
        };
        writer.write_sample(1, &sample).unwrap();
    }
    writer.write_end().unwrap();
    writer.into_writer().into_inner()
}

async fn course_with_a_lesson(app: &TestApp, author: &reqwest::Client) -> i32 {
    let (status, body) = server_fn(
        app,
        author,
        "author_save_course",
        &[
            ("code", CODE),
            ("title", "Học qua video"),
            ("summary", "Bài học có video"),
            ("audience", "everyone"),
            ("competences[0]", "an_toan"),
            ("counts_as_training", "true"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, id) = server_fn(
        app,
        author,
        "author_save_lesson",
        &[
            ("course", CODE),
            ("title", "Mật khẩu"),
            ("body", "Xem video rồi làm theo."),
        ],
    )
    .await;
    assert_eq!(status, 200, "{id}");
    let (status, body) = server_fn(
        app,
        author,
        "author_publish",
        &[("code", CODE), ("publish", "true")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let c = service::learn::catalogue::course_by_code(app.state.db(), CODE)
        .await
        .unwrap();
    lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .order_by_asc(lesson::Column::Position)
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn post_video(app: &TestApp, c: &reqwest::Client, id: i32, body: Vec<u8>) -> (u16, Value) {
    let res = c
        .post(app.url(&format!("/api/v1/lessons/{id}/video")))
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    json_of(res).await
}

async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let res = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

#[tokio::test]
async fn an_uploaded_video_shows_closed_with_its_length_and_size_and_plays_in_ranges() {
    let app = spawn_app().await;
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    let id = course_with_a_lesson(&app, &author).await;

    // Refused: learners, anything but an MP4, an MP4 that cannot be read, too large.
    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    assert_eq!(post_video(&app, &learner, id, mp4_of(3)).await.0, 403);
    let (status, body) = post_video(
        &app,
        &author,
        id,
        b"\x1aE\xdf\xa3\x9fB\x86\x81\x01webm".to_vec(),
    )
    .await;
    assert_eq!(
        (status, body["error"]["details"][0]["code"].clone()),
        (422, "video_type_refused".into()),
        "{body}"
    );
    let (status, body) = post_video(
        &app,
        &author,
        id,
        b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec(),
    )
    .await;
    assert_eq!(
        (status, body["error"]["details"][0]["code"].clone()),
        (422, "video_unreadable".into()),
        "{body}"
    );
    let mut huge = mp4_of(1);
    huge.resize(101 * 1024 * 1024, 0);
    assert_eq!(post_video(&app, &author, id, huge).await.0, 413);
    assert_eq!(count(&app, "lesson_video").await, 0);

    let file = mp4_of(125);
    let (status, body) = post_video(&app, &author, id, file.clone()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["duration_secs"], 125);
    assert_eq!(body["size"], file.len());
    let url = body["url"].as_str().unwrap().to_owned();

    // On the lesson page: closed, saying what opening it costs, nothing fetched before.
    let html = page(&app, &browser(&app), &format!("/khoa-hoc/{CODE}/bai/1")).await;
    assert!(
        html.contains("<details class=\"video-load\"><summary>Xem video (2 phút 05 giây · "),
        "{html}"
    );
    assert!(html.contains("preload=\"none\""), "{html}");
    assert!(html.contains(&format!("src=\"{url}\"")), "{html}");

    let anyone = browser(&app);
    let (status, headers, whole) = download(&app, &anyone, &url).await;
    assert_eq!((status, whole), (200, file.clone()));
    assert_eq!(headers["content-type"], "video/mp4");
    let res = anyone
        .get(app.url(&url))
        .header("range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 206);
    assert_eq!(res.bytes().await.unwrap().as_ref(), &file[100..200]);

    // Captions: refused unless WebVTT; then a track for the player and a transcript.
    let id_text = id.to_string();
    let (status, body) = server_fn(
        &app,
        &author,
        "author_video_captions",
        &[
            ("id", &id_text),
            ("course", CODE),
            ("vtt", "1\n00:00:01,000 --> 00:00:02,000\nSRT\n"),
        ],
    )
    .await;
    assert!(
        status >= 400 && body.to_string().contains("captions_invalid"),
        "{status} {body}"
    );
    let (status, body) = server_fn(
        &app,
        &author,
        "author_video_captions",
        &[("id", &id_text), ("course", CODE), ("vtt", VTT)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let html = page(&app, &browser(&app), &format!("/khoa-hoc/{CODE}/bai/1")).await;
    let at = html.find("/phu-de/").expect("a captions track");
    let captions_url = html[at..].split('"').next().unwrap().to_owned();
    assert!(
        html.contains("<track kind=\"captions\" srclang=\"vi\""),
        "{html}"
    );
    assert!(
        html.contains("<p>Xin chào các bạn.</p><p>Hôm nay học cách tạo mật khẩu.</p>"),
        "{html}"
    );
    let (status, headers, text) = download(&app, &anyone, &captions_url).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/vtt; charset=utf-8");
    assert_eq!(String::from_utf8(text).unwrap(), VTT);

    // The offline pack lists the file and its captions; the course page offers the video,
    // unticked, with its size.
    let (status, pack) = get(&app, &learner, &format!("/api/v1/courses/{CODE}/offline")).await;
    assert_eq!(status, 200, "{pack}");
    let urls: Vec<&str> = pack["urls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        urls.contains(&url.as_str()) && urls.contains(&captions_url.as_str()),
        "{urls:?}"
    );
    let html = page(&app, &learner, &format!("/khoa-hoc/{CODE}")).await;
    assert!(
        html.contains("<input type=\"checkbox\" id=\"offline-video\">"),
        "unticked: {html}"
    );
    assert!(
        html.contains("Kèm video của các bài (khoảng 252 KB)"),
        "{html}"
    );

    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'lesson_video'").await,
        2
    );
}

#[tokio::test]
async fn a_video_links_only_to_an_allowed_host_over_https() {
    let app = spawn_app().await;
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    let id = course_with_a_lesson(&app, &author).await;
    let id_text = id.to_string();
    let link = |url: &'static str, minutes: &'static str| {
        let (app, author, id) = (&app, &author, id_text.clone());
        async move {
            server_fn(
                app,
                author,
                "author_video_link",
                &[
                    ("id", &id),
                    ("course", CODE),
                    ("url", url),
                    ("minutes", minutes),
                    ("seconds", "30"),
                ],
            )
            .await
        }
    };
    for (url, code) in [
        ("https://evil.example/watch?v=1", "video_host_refused"),
        (
            "https://youtube.com.evil.example/watch",
            "video_host_refused",
        ),
        ("http://www.youtube.com/watch?v=abc", "video_link_invalid"),
        ("javascript:alert(1)", "video_link_invalid"),
        (
            "https://user:pw@www.youtube.com/watch?v=abc",
            "video_link_invalid",
        ),
    ] {
        let (status, body) = link(url, "3").await;
        assert!(
            status >= 400 && body.to_string().contains(code),
            "{url}: {status} {body}"
        );
    }
    let (status, body) = link("https://www.youtube.com/watch?v=abc", "").await;
    assert!(
        status >= 400 && body.to_string().contains("video_duration_invalid"),
        "{body}"
    );
    assert_eq!(count(&app, "lesson_video").await, 0);

    let (status, body) = link("https://www.youtube.com/watch?v=abc", "3").await;
    assert_eq!(status, 200, "{body}");
    let html = page(&app, &browser(&app), &format!("/khoa-hoc/{CODE}/bai/1")).await;
    assert!(
        html.contains("href=\"https://www.youtube.com/watch?v=abc\" rel=\"noopener noreferrer\""),
        "{html}"
    );
    assert!(
        html.contains("Xem video trên www.youtube.com (3 phút 30 giây)"),
        "{html}"
    );
    assert!(
        !html.contains("<video") && !html.contains("<iframe"),
        "nothing of the host's loads with the page"
    );

    // A learner cannot link or remove; the author removes it.
    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    let (status, _) = server_fn(
        &app,
        &learner,
        "author_remove_video",
        &[("id", &id_text), ("course", CODE)],
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(count(&app, "lesson_video").await, 1);
    let (status, body) = server_fn(
        &app,
        &author,
        "author_remove_video",
        &[("id", &id_text), ("course", CODE)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(count(&app, "lesson_video").await, 0);
}

#[tokio::test]
async fn an_unpublished_course_keeps_its_video_from_learners() {
    let app = spawn_app().await;
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    let id = course_with_a_lesson(&app, &author).await;
    let (status, body) = post_video(&app, &author, id, mp4_of(5)).await;
    assert_eq!(status, 201, "{body}");
    let url = body["url"].as_str().unwrap().to_owned();
    let (status, _) = server_fn(
        &app,
        &author,
        "author_publish",
        &[("code", CODE), ("publish", "false")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(download(&app, &browser(&app), &url).await.0, 404);
    assert_eq!(
        download(&app, &author, &url).await.0,
        200,
        "its author still sees it"
    );
    assert_eq!(
        download(
            &app,
            &browser(&app),
            &format!("/video/{id}/{}", "f".repeat(32))
        )
        .await
        .0,
        404
    );
}
