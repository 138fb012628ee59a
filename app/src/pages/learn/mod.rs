//! The learner's pages: catalogue, course, lesson, my learning.
pub mod catalogue;
pub mod course;
pub mod lesson;
pub mod mine;
pub mod practice;

/// Where a course's lesson lives.
pub fn lesson_href(code: &str, position: u32) -> String {
    format!("/khoa-hoc/{code}/bai/{position}")
}
