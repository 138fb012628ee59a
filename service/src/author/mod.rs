//! Authoring: courses, lessons and their text, quizzes and their settings, question banks,
//! attachments and images.
pub mod attachments;
pub mod authoring;
pub mod bank;
pub mod bank_import;
pub mod image_fit;
pub mod lesson_editor;
pub mod markdown;
pub mod quiz_settings;
