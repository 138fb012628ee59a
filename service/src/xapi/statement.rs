//! xAPI 1.0.3 statements for what a learner does here: a lesson or a course completed, an
//! assessment passed or failed (score and per-domain results), a certificate issued.
//!
//! - The statement's `id` is a UUID v5 of the event (its kind and the ids that make it unique)
//!   in a namespace of the deployment, so the same event always gives the same id: telling it
//!   twice is one outbox row, and a resend is one statement at the LRS.
//! - The actor is an `account` on the deployment's home page whose name is a UUID v5 of the
//!   account's internal id (in another namespace of the deployment): stable, the same for every
//!   statement of the learner, and carrying nothing about the person (no phone, e-mail,
//!   personal ID number or name); only this database can tell whose it is.
//! - Activity ids are the real pages of the deployment (the app's paths, given by
//!   [`Links`]), verbs are ADL's; the certificate's verb is `earned` of the xAPI registry
//!   (ADL's vocabulary has none for it; its definition names certificates).
use domain::learning::grading::DomainScore;
use serde_json::{Map, Value, json};
use uuid::Uuid;

pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// "Indicates the actor has earned something like a badge or certificate" (xAPI registry).
pub const EARNED: &str = "http://id.tincanapi.com/verb/earned";

const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

/// The path of the extension (under the public URL) that holds an attempt's domain results.
pub const DOMAIN_RESULTS_PATH: &str = "/xapi/extensions/domain-results";

/// The app's page paths for what statements name (the app's `paths` builders: the service
/// cannot depend on the app).
#[derive(Clone, Copy, Debug)]
pub struct Links {
    pub course: fn(&str) -> String,
    pub lesson: fn(&str, u32) -> String,
    pub quiz: fn(&str) -> String,
    pub certificate: fn(&str) -> String,
}

/// The deployment statements are made for.
#[derive(Clone, Debug)]
pub struct Site {
    /// The public base URL, without a trailing slash.
    pub public_url: String,
    pub links: Links,
}

impl Site {
    pub fn new(public_url: &str, links: Links) -> Site {
        Site {
            public_url: public_url.trim_end_matches('/').to_owned(),
            links,
        }
    }

    fn namespace(&self, what: &str) -> Uuid {
        Uuid::new_v5(
            &Uuid::NAMESPACE_URL,
            format!("{}/xapi/{what}", self.public_url).as_bytes(),
        )
    }

    /// The opaque name of the learner's account in statements.
    pub fn actor_name(&self, user_id: i32) -> String {
        Uuid::new_v5(&self.namespace("actor"), user_id.to_string().as_bytes()).to_string()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    fn actor(&self, user_id: i32) -> Value {
        json!({
            "objectType": "Agent",
            "account": {"homePage": self.url("/"), "name": self.actor_name(user_id)},
        })
    }
}

/// A course, as statements name it.
#[derive(Clone, Copy, Debug)]
pub struct CourseRef<'a> {
    pub id: i32,
    pub code: &'a str,
    pub title: &'a str,
}

/// Something a learner did that the LRS is told.
#[derive(Clone, Debug)]
pub enum Event<'a> {
    LessonCompleted {
        lesson_id: i32,
        position: u32,
        title: &'a str,
        course: CourseRef<'a>,
    },
    CourseCompleted {
        course: CourseRef<'a>,
    },
    /// An attempt graded: passed or failed.
    Assessed {
        attempt_id: i32,
        quiz_code: &'a str,
        quiz_title: &'a str,
        /// The quiz's course, when it is a course's final quiz.
        course: Option<CourseRef<'a>>,
        /// Percent, 0–100.
        score: f64,
        passed: bool,
        domains: &'a [DomainScore],
    },
    CertificateIssued {
        code: &'a str,
        title: &'a str,
    },
}

impl Event<'_> {
    /// What makes the event unique: the same event, the same statement id.
    fn identity(&self, user_id: i32) -> String {
        match self {
            Event::LessonCompleted { lesson_id, .. } => format!("lesson:{user_id}:{lesson_id}"),
            Event::CourseCompleted { course } => format!("course:{user_id}:{}", course.id),
            Event::Assessed { attempt_id, .. } => format!("attempt:{attempt_id}"),
            Event::CertificateIssued { code, .. } => format!("certificate:{code}"),
        }
    }
}

/// A statement ready for the outbox: its id and its JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    pub id: String,
    pub json: Value,
}

/// The statement telling `event` of `user_id`, which happened at `at` (epoch seconds).
pub fn build(site: &Site, user_id: i32, event: &Event<'_>, at: i64) -> Built {
    let id = Uuid::new_v5(
        &site.namespace("statement"),
        event.identity(user_id).as_bytes(),
    )
    .to_string();
    let (verb, object) = verb_and_object(site, event);
    let mut json = json!({
        "id": id,
        "actor": site.actor(user_id),
        "verb": verb,
        "object": object,
        "timestamp": timestamp(at),
    });
    if let Some(result) = result_of(site, event) {
        json["result"] = result;
    }
    if let Some(parent) = parent_of(site, event) {
        json["context"] = json!({"contextActivities": {"parent": [parent]}});
    }
    Built { id, json }
}

fn verb_and_object(site: &Site, event: &Event<'_>) -> (Value, Value) {
    match event {
        Event::LessonCompleted {
            position,
            title,
            course,
            ..
        } => (
            verb(COMPLETED, "completed"),
            activity(
                site.url(&(site.links.lesson)(course.code, *position)),
                LESSON,
                title,
            ),
        ),
        Event::CourseCompleted { course } => {
            (verb(COMPLETED, "completed"), course_activity(site, course))
        }
        Event::Assessed {
            quiz_code,
            quiz_title,
            passed,
            ..
        } => (
            if *passed {
                verb(PASSED, "passed")
            } else {
                verb(FAILED, "failed")
            },
            activity(
                site.url(&(site.links.quiz)(quiz_code)),
                ASSESSMENT,
                quiz_title,
            ),
        ),
        Event::CertificateIssued { code, title } => (
            verb(EARNED, "earned"),
            json!({
                "objectType": "Activity",
                "id": site.url(&(site.links.certificate)(code)),
                "definition": {"name": {"vi-VN": title}},
            }),
        ),
    }
}

fn verb(id: &str, en: &str) -> Value {
    json!({"id": id, "display": {"en-US": en}})
}

fn activity(id: String, kind: &str, name: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": id,
        "definition": {"type": kind, "name": {"vi-VN": name}},
    })
}

fn course_activity(site: &Site, course: &CourseRef<'_>) -> Value {
    activity(
        site.url(&(site.links.course)(course.code)),
        COURSE,
        course.title,
    )
}

fn result_of(site: &Site, event: &Event<'_>) -> Option<Value> {
    match event {
        Event::LessonCompleted { .. } | Event::CourseCompleted { .. } => {
            Some(json!({"completion": true}))
        }
        Event::Assessed {
            score,
            passed,
            domains,
            ..
        } => Some(json!({
            "score": {"scaled": round(score / 100.0, 4), "raw": round(*score, 2), "min": 0, "max": 100},
            "success": passed,
            "completion": true,
            "extensions": {site.url(DOMAIN_RESULTS_PATH): domain_results(domains)},
        })),
        Event::CertificateIssued { .. } => None,
    }
}

/// Each domain's marks and percent, by the domain's code.
fn domain_results(domains: &[DomainScore]) -> Value {
    let mut out = Map::new();
    for d in domains {
        out.insert(
            d.domain.code().to_owned(),
            json!({
                "earned": round(d.earned, 2),
                "possible": round(d.possible, 2),
                "percent": d.percent().map(|p| round(p, 2)),
            }),
        );
    }
    Value::Object(out)
}

fn parent_of(site: &Site, event: &Event<'_>) -> Option<Value> {
    match event {
        Event::LessonCompleted { course, .. } => Some(course_activity(site, course)),
        Event::Assessed {
            course: Some(course),
            ..
        } => Some(course_activity(site, course)),
        _ => None,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

fn timestamp(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::learning::CompetenceDomain;

    fn site() -> Site {
        Site::new(
            "https://hocvu.example.vn/",
            Links {
                course: |c| format!("/khoa-hoc/{c}"),
                lesson: |c, p| format!("/khoa-hoc/{c}/bai/{p}"),
                quiz: |c| format!("/bai-kiem-tra/{c}"),
                certificate: |c| format!("/xac-minh/{c}"),
            },
        )
    }

    const COURSE_REF: CourseRef<'static> = CourseRef {
        id: 3,
        code: "KNS-CB-01",
        title: "Kỹ năng số cơ bản",
    };

    fn lesson() -> Event<'static> {
        Event::LessonCompleted {
            lesson_id: 11,
            position: 2,
            title: "Mật khẩu an toàn",
            course: COURSE_REF,
        }
    }

    #[test]
    fn the_same_event_gives_the_same_id_and_another_event_another() {
        let s = site();
        let a = build(&s, 7, &lesson(), 1_000);
        let again = build(&s, 7, &lesson(), 2_000);
        assert_eq!(a.id, again.id, "the time is not part of the identity");
        assert_eq!(a.json["id"], a.id.as_str());
        assert_eq!(Uuid::parse_str(&a.id).unwrap().get_version_num(), 5);
        let other_learner = build(&s, 8, &lesson(), 1_000);
        assert_ne!(a.id, other_learner.id);
        let course = build(&s, 7, &Event::CourseCompleted { course: COURSE_REF }, 1_000);
        assert_ne!(a.id, course.id);
        let elsewhere = Site::new("https://other.example.vn", s.links);
        assert_ne!(a.id, build(&elsewhere, 7, &lesson(), 1_000).id);
    }

    #[test]
    fn a_lesson_is_completed_in_its_course_on_the_real_page() {
        let b = build(&site(), 7, &lesson(), 1_767_225_600);
        let j = &b.json;
        assert_eq!(j["verb"]["id"], COMPLETED);
        assert_eq!(
            j["object"]["id"],
            "https://hocvu.example.vn/khoa-hoc/KNS-CB-01/bai/2"
        );
        assert_eq!(j["object"]["definition"]["type"], LESSON);
        assert_eq!(
            j["object"]["definition"]["name"]["vi-VN"],
            "Mật khẩu an toàn"
        );
        assert_eq!(
            j["context"]["contextActivities"]["parent"][0]["id"],
            "https://hocvu.example.vn/khoa-hoc/KNS-CB-01"
        );
        assert_eq!(j["result"]["completion"], true);
        assert_eq!(j["timestamp"], "2026-01-01T00:00:00Z");
    }

    #[test]
    fn the_actor_is_an_opaque_account_of_the_deployment() {
        let s = site();
        let j = build(&s, 7, &lesson(), 0).json;
        let actor = j["actor"].as_object().unwrap();
        assert_eq!(actor.len(), 2, "objectType and account only: {actor:?}");
        assert_eq!(
            j["actor"]["account"]["homePage"],
            "https://hocvu.example.vn/"
        );
        let name = j["actor"]["account"]["name"].as_str().unwrap();
        assert_eq!(name, s.actor_name(7));
        assert!(Uuid::parse_str(name).is_ok());
        assert_ne!(name, "7");
        assert_eq!(
            build(&s, 7, &Event::CourseCompleted { course: COURSE_REF }, 0).json["actor"],
            j["actor"]
        );
    }

    #[test]
    fn an_assessment_carries_its_score_success_and_domains() {
        let domains = [
            DomainScore {
                domain: CompetenceDomain::AnToan,
                earned: 3.0,
                possible: 4.0,
            },
            DomainScore {
                domain: CompetenceDomain::DuLieu,
                earned: 1.0,
                possible: 3.0,
            },
        ];
        let event = |passed| Event::Assessed {
            attempt_id: 5,
            quiz_code: "DG-LCKNS",
            quiz_title: "Đánh giá làm chủ kỹ năng số",
            course: None,
            score: 57.142857,
            passed,
            domains: &domains,
        };
        let s = site();
        let j = build(&s, 7, &event(false), 0).json;
        assert_eq!(j["verb"]["id"], FAILED);
        assert_eq!(
            j["object"]["id"],
            "https://hocvu.example.vn/bai-kiem-tra/DG-LCKNS"
        );
        assert_eq!(j["object"]["definition"]["type"], ASSESSMENT);
        let r = &j["result"];
        assert_eq!(r["success"], false);
        assert_eq!(r["score"]["scaled"], 0.5714);
        assert_eq!(r["score"]["raw"], 57.14);
        assert_eq!(
            (r["score"]["min"].as_f64(), r["score"]["max"].as_f64()),
            (Some(0.0), Some(100.0))
        );
        let ext = &r["extensions"]["https://hocvu.example.vn/xapi/extensions/domain-results"];
        assert_eq!(ext["an_toan"]["percent"], 75.0);
        assert_eq!(ext["du_lieu"]["earned"], 1.0);
        assert_eq!(ext["du_lieu"]["possible"], 3.0);
        assert!(
            j.get("context").is_none(),
            "a mastery assessment belongs to no course"
        );
        assert_eq!(build(&s, 7, &event(true), 0).json["verb"]["id"], PASSED);
    }

    #[test]
    fn a_certificate_is_earned_and_named_by_its_verify_page() {
        let j = build(
            &site(),
            7,
            &Event::CertificateIssued {
                code: "ABCD-EFGH",
                title: "Kỹ năng số cơ bản",
            },
            0,
        )
        .json;
        assert_eq!(j["verb"]["id"], EARNED);
        assert_eq!(
            j["object"]["id"],
            "https://hocvu.example.vn/xac-minh/ABCD-EFGH"
        );
        assert!(j.get("result").is_none());
    }
}
