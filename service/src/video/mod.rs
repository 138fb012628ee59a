//! Lesson videos (issue 20): an MP4 kept here or a link to an allowed host, with WebVTT
//! captions, shown to learners only when they ask.
//! - [`probe`]: an upload's type and duration, from its bytes;
//! - [`captions`]: WebVTT checked, and read back as a transcript;
//! - [`store`]: setting, removing and serving a lesson's video.
pub mod captions;
pub mod probe;
pub mod store;
