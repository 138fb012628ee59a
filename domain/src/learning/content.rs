//! The text format courses are written in (`content/courses/*.md`): a front matter of
//! `key: value` lines between `---` lines, then the lessons, each opened by a `# Title` line.
//! A lesson may name the competence domain it teaches with a line `<!-- domain: an_toan -->`
//! (one of the course's competences), which a placement check may test out.
use super::{Audience, CompetenceDomain};

/// A course read from its text, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseSource {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub audience: Audience,
    pub competences: Vec<CompetenceDomain>,
    pub counts_as_training: bool,
    pub lessons: Vec<LessonSource>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonSource {
    pub title: String,
    /// Markdown, without its `# Title` line.
    pub body: String,
    /// The domain the lesson teaches, from its `<!-- domain: … -->` line.
    pub domain: Option<CompetenceDomain>,
}

/// Why a course text cannot be read, with the line (from 1) where that was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ContentError {
    pub line: usize,
    pub reason: String,
}

fn error(line: usize, reason: impl Into<String>) -> ContentError {
    ContentError {
        line,
        reason: reason.into(),
    }
}

pub fn parse_course(text: &str) -> Result<CourseSource, ContentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, l)) if l.trim() == "---" => {}
        _ => return Err(error(1, "the file must start with a '---' line")),
    }
    let mut fields = Fields::default();
    let mut closed = false;
    for (n, line) in lines.by_ref() {
        if line.trim() == "---" {
            closed = true;
            break;
        }
        fields.read(n, line)?;
    }
    if !closed {
        return Err(error(1, "the front matter has no closing '---' line"));
    }
    let lessons = read_lessons(lines)?;
    fields.finish(lessons)
}

#[derive(Default)]
struct Fields {
    code: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    audience: Option<Audience>,
    competences: Vec<CompetenceDomain>,
    counts_as_training: bool,
}

impl Fields {
    fn read(&mut self, n: usize, line: &str) -> Result<(), ContentError> {
        if line.trim().is_empty() {
            return Ok(());
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| error(n, "expected 'key: value'"))?;
        let value = value.trim().to_owned();
        match key.trim() {
            "code" => self.code = Some(value),
            "title" => self.title = Some(value),
            "summary" => self.summary = Some(value),
            "audience" => {
                self.audience = Some(
                    Audience::parse(&value)
                        .ok_or_else(|| error(n, format!("unknown audience '{value}'")))?,
                )
            }
            "competences" => {
                for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let domain = CompetenceDomain::parse(code)
                        .ok_or_else(|| error(n, format!("unknown domain '{code}'")))?;
                    if !self.competences.contains(&domain) {
                        self.competences.push(domain);
                    }
                }
            }
            "counts_as_training" => {
                self.counts_as_training = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(error(n, "counts_as_training is true or false")),
                }
            }
            other => return Err(error(n, format!("unknown key '{other}'"))),
        }
        Ok(())
    }

    fn finish(self, lessons: Vec<LessonSource>) -> Result<CourseSource, ContentError> {
        let required = |v: Option<String>, key: &str| {
            v.filter(|s| !s.is_empty())
                .ok_or_else(|| error(1, format!("'{key}' is missing")))
        };
        if let Some(i) = lessons
            .iter()
            .position(|l| l.domain.is_some_and(|d| !self.competences.contains(&d)))
        {
            return Err(error(
                1,
                format!("lesson {} teaches a domain the course does not list", i + 1),
            ));
        }
        Ok(CourseSource {
            code: required(self.code, "code")?,
            title: required(self.title, "title")?,
            summary: required(self.summary, "summary")?,
            audience: self
                .audience
                .ok_or_else(|| error(1, "'audience' is missing"))?,
            competences: self.competences,
            counts_as_training: self.counts_as_training,
            lessons,
        })
    }
}

/// The domain code of a `<!-- domain: code -->` line.
fn domain_line(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    Some(inner.trim().strip_prefix("domain:")?.trim())
}

fn read_lessons<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
) -> Result<Vec<LessonSource>, ContentError> {
    let mut lessons: Vec<LessonSource> = Vec::new();
    for (n, line) in lines {
        if let Some(title) = line.strip_prefix("# ") {
            lessons.push(LessonSource {
                title: title.trim().to_owned(),
                body: String::new(),
                domain: None,
            });
        } else if let (Some(code), Some(lesson)) = (domain_line(line), lessons.last_mut()) {
            lesson.domain = Some(
                CompetenceDomain::parse(code)
                    .ok_or_else(|| error(n, format!("unknown domain '{code}'")))?,
            );
        } else if let Some(lesson) = lessons.last_mut() {
            lesson.body.push_str(line);
            lesson.body.push('\n');
        } else if !line.trim().is_empty() {
            return Err(error(n, "text before the first '# ' lesson title"));
        }
    }
    for lesson in &mut lessons {
        lesson.body = lesson.body.trim().to_owned() + "\n";
    }
    if lessons.is_empty() {
        return Err(error(1, "a course needs at least one lesson"));
    }
    Ok(lessons)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COURSE: &str = "\u{feff}---
code: KNS-TEST-01
title: Thử nghiệm
summary: Một khoá học để thử.
audience: everyone
competences: an_toan, du_lieu, an_toan
counts_as_training: true
---
# Bài một
Đoạn **một**.

## Mục con
# Bài hai
<!-- domain: an_toan -->
Đoạn hai.
";

    #[test]
    fn reads_the_front_matter_and_the_lessons() {
        let c = parse_course(COURSE).unwrap();
        assert_eq!(c.code, "KNS-TEST-01");
        assert_eq!(c.audience, Audience::Everyone);
        assert_eq!(
            c.competences,
            [CompetenceDomain::AnToan, CompetenceDomain::DuLieu]
        );
        assert!(c.counts_as_training);
        assert_eq!(c.lessons.len(), 2);
        assert_eq!(c.lessons[0].title, "Bài một");
        assert_eq!(c.lessons[0].body, "Đoạn **một**.\n\n## Mục con\n");
        assert_eq!(c.lessons[1].body, "Đoạn hai.\n");
        assert_eq!(c.lessons[0].domain, None);
        assert_eq!(c.lessons[1].domain, Some(CompetenceDomain::AnToan));
    }

    #[test]
    fn a_lesson_domain_must_be_known_and_the_course_s() {
        let unknown = COURSE.replace("domain: an_toan", "domain: phep_thuat");
        assert_eq!(parse_course(&unknown).unwrap_err().line, 14);
        let foreign = COURSE.replace("domain: an_toan -->", "domain: giao_tiep -->");
        assert_eq!(
            parse_course(&foreign).unwrap_err().reason,
            "lesson 2 teaches a domain the course does not list"
        );
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        assert_eq!(parse_course("code: x").unwrap_err().line, 1);
        let bad = COURSE.replace("audience: everyone", "audience: all");
        assert_eq!(
            parse_course(&bad).unwrap_err(),
            error(5, "unknown audience 'all'")
        );
        let bad = COURSE.replace(
            "competences: an_toan, du_lieu, an_toan",
            "competences: phep_thuat",
        );
        assert_eq!(parse_course(&bad).unwrap_err().line, 6);
        let no_lessons = COURSE.split("# Bài một").next().unwrap();
        assert_eq!(
            parse_course(no_lessons).unwrap_err().reason,
            "a course needs at least one lesson"
        );
        let no_title = COURSE.replace("title: Thử nghiệm\n", "");
        assert_eq!(
            parse_course(&no_title).unwrap_err().reason,
            "'title' is missing"
        );
    }
}
