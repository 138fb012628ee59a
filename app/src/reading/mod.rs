//! Reading pages: the pages a resident reads on a phone (home, catalogue, course, lesson,
//! practice, offline, my learning). They need no wasm: every action on them is a link or a plain form, and
//! the practice set and the offline outbox are plain JavaScript (`/offline.js`). The shell
//! leaves the hydration scripts out of them, so a cheap phone on a slow network downloads the
//! page, the stylesheet and one small script. A page reached from a hydrated page by the
//! router is still drawn by the wasm already loaded, the same way.

#[cfg(feature = "ssr")]
pub mod direct;
