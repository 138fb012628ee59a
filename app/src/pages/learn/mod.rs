//! The learner's pages: catalogue, course, lesson, my learning.
pub mod catalogue;
pub mod course;
pub mod lesson;
pub mod mine;
pub mod practice;
