//! sea-orm entities, one module per table.
pub mod api_token;
pub mod assessment_result;
pub mod assignment;
pub mod audit;
pub mod course;
pub mod course_completion;
pub mod lesson;
pub mod lesson_completion;
pub mod login_failure;
pub mod person;
pub mod session;
pub mod training_record;
pub mod unit;
pub mod user;
pub mod user_role;
