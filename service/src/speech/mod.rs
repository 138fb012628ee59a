//! Spoken lessons (issue 20): every lesson of a published course read aloud in Vietnamese by
//! espeak-ng on the server, or recorded by an author.
//! - [`text`]: the Markdown as words to say, with [`numbers`] spelt out in Vietnamese;
//! - [`synth`]: espeak-ng to WAV, LAME to MP3;
//! - [`store`]: the clips by content hash, the queue, serving, authors' recordings;
//! - [`worker`]: makes what is queued, in the background.
pub mod numbers;
pub mod store;
pub mod synth;
pub mod text;
pub mod worker;
