//! A page's gzip assembled from pieces compressed once. A signed-in reader's page differs from
//! the last one they read, and from the next reader's, in a few places (a title, their name, a
//! form's hidden fields); the rest (the frame, the menus, a lesson's text) is the same bytes
//! every time, and compressing it again was most of the page's server time (`bench/profile.sh`).
//!
//! The page is cut into pieces before some of its `<`, chosen by the bytes just before each one,
//! so the same text is cut the same way wherever it stands on the page. Each piece is looked up
//! by its content and the piece just before it. A pair seen before is compressed then (at the
//! best level, once, with the piece before as its dictionary, so it may refer to those bytes,
//! which the reader's inflater has just written) and kept as deflate blocks that end on a byte
//! boundary (a sync flush), so pieces compressed apart follow one another in one deflate
//! stream. Pieces not kept yet are compressed where they stand, each run of them by this
//! thread's encoder at the fast level, reset for it and given the piece before as dictionary: a
//! page never seen is compressed whole, as before, and a page seen before costs a copy of its
//! blocks. Measured on the demo's signed-in lesson page (5,802 bytes): 3,276 bytes compressed
//! whole at level 1, 3,112 assembled from kept pieces (3,801 when each piece was compressed
//! without the piece before as dictionary).
use std::cell::RefCell;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use flate2::{Compress, Compression, FlushCompress};
use service::cache::epoch::Generation;
use service::cache::map::Kept;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// A piece ends at a `<` no sooner than this many bytes after its start…
const MIN_PIECE: usize = 512;
/// …and at the latest this many bytes after it, wherever that falls.
const MAX_PIECE: usize = 4096;
/// The bytes before a `<` that decide whether a piece ends there.
const CUT_WINDOW: usize = 32;
/// One `<` in sixteen (by the hash of the bytes before it) ends a piece.
const CUT_MASK: u64 = 0xF;

/// Pieces kept at most, and their bytes (raw and compressed) at most; past either, the map
/// starts again empty.
const CAPACITY: usize = 16_384;
const BUDGET: usize = 8 * 1024 * 1024;
/// Pieces seen once remembered at most (their hash only); past this, that list starts again
/// empty, and the kept pieces stay. A piece no two pages share (one holding a script's nonce)
/// passes through this list only.
const SEEN_CAPACITY: usize = 65_536;
/// A piece is content, not a copy of something that can change: it goes only to make room.
const LIFE: Duration = Duration::from_secs(3600);

/// gzip's header: deflate, no name or time, unknown system.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// An empty last block (fixed codes, end of block at once): closes the deflate stream.
const LAST_BLOCK: [u8; 2] = [0x03, 0x00];

thread_local! {
    /// Compresses the runs of pieces not kept yet; reset for each run.
    static RUNS: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
}

/// A piece seen at least twice after the same piece: the bytes of both, and its deflate blocks.
struct Piece {
    before: Box<[u8]>,
    raw: Box<[u8]>,
    deflated: Arc<[u8]>,
}

/// Pieces by the hash of their bytes and the piece's before them; the bytes themselves are
/// compared before one is used.
static KEPT: LazyLock<Kept<u64, Arc<Piece>>> = LazyLock::new(|| {
    Kept::new("gzip_pieces", LIFE, CAPACITY, Generation::default()).with_budget(BUDGET)
});

/// The hashes of the pairs seen once.
static SEEN: LazyLock<Kept<u64, ()>> = LazyLock::new(|| {
    Kept::new(
        "gzip_pieces_seen",
        LIFE,
        SEEN_CAPACITY,
        Generation::default(),
    )
});

/// `page` as one gzip member: the kept blocks of the pieces seen before, the others compressed
/// now. Every piece is remembered, and one seen before is compressed and kept.
pub fn gzip(page: &[u8]) -> Vec<u8> {
    assemble(page).0
}

/// The gzip member, and how many of the page's bytes were compressed for it (not copied).
fn assemble(page: &[u8]) -> (Vec<u8>, usize) {
    let now = Instant::now();
    let pieces = cut(page);
    let kept: Vec<Option<Arc<[u8]>>> = (0..pieces.len())
        .map(|i| learn(before(&pieces, i), pieces[i], now))
        .collect();
    let mut out = Vec::with_capacity(page.len() / 2 + 64);
    out.extend_from_slice(&HEADER);
    let mut compressed = 0;
    let mut i = 0;
    while i < pieces.len() {
        if let Some(blocks) = &kept[i] {
            out.extend_from_slice(blocks);
            i += 1;
            continue;
        }
        let run_end = (i..pieces.len())
            .find(|&j| kept[j].is_some())
            .unwrap_or(pieces.len());
        let run = pieces[i..run_end].concat();
        compress_run(before(&pieces, i), &run, &mut out);
        compressed += run.len();
        i = run_end;
    }
    out.extend_from_slice(&LAST_BLOCK);
    out.extend_from_slice(&crc32fast::hash(page).to_le_bytes());
    // gzip keeps the length modulo 2³².
    let size = u32::try_from(page.len() & 0xffff_ffff).unwrap_or(u32::MAX);
    out.extend_from_slice(&size.to_le_bytes());
    (out, compressed)
}

/// The piece before the `i`th, or nothing before the first.
fn before<'a>(pieces: &[&'a [u8]], i: usize) -> &'a [u8] {
    i.checked_sub(1).map_or(&[][..], |j| pieces[j])
}

/// The page cut before some of its `<` (see the module's comment); the pieces joined are the
/// page.
fn cut(page: &[u8]) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(page.len() / MIN_PIECE + 1);
    let mut start = 0;
    for at in memchr::memchr_iter(b'<', page) {
        start = cut_long(page, start, at, &mut pieces);
        if at - start >= MIN_PIECE && ends_piece(&page[at - CUT_WINDOW..at]) {
            pieces.push(&page[start..at]);
            start = at;
        }
    }
    start = cut_long(page, start, page.len(), &mut pieces);
    if start < page.len() {
        pieces.push(&page[start..]);
    }
    pieces
}

/// Cuts pieces of `MAX_PIECE` bytes from `start` while `until` lies further; the new start.
fn cut_long<'a>(
    page: &'a [u8],
    mut start: usize,
    until: usize,
    pieces: &mut Vec<&'a [u8]>,
) -> usize {
    while until - start > MAX_PIECE {
        pieces.push(&page[start..start + MAX_PIECE]);
        start += MAX_PIECE;
    }
    start
}

fn ends_piece(before: &[u8]) -> bool {
    xxh3_64(before) & CUT_MASK == 0
}

/// The deflate blocks of `piece` after `before` if that pair was seen before (compressing and
/// keeping it now if this is its second time); a pair never seen is noted as seen.
fn learn(before: &[u8], piece: &[u8], now: Instant) -> Option<Arc<[u8]>> {
    let key = xxh3_64_with_seed(piece, xxh3_64(before));
    if let Some(kept) = KEPT.get(&key, now) {
        // Another pair with the same hash is left as it is, and this one compressed here.
        let same = *kept.raw == *piece && *kept.before == *before;
        return same.then(|| kept.deflated.clone());
    }
    if SEEN.get(&key, now).is_none() {
        SEEN.put(key, (), SEEN.stamp(now));
        return None;
    }
    let deflated = deflate(before, piece);
    let weight = before.len() + piece.len() + deflated.len() + 64;
    let kept = Piece {
        before: before.into(),
        raw: piece.into(),
        deflated: deflated.clone(),
    };
    KEPT.put_weighing(key, Arc::new(kept), KEPT.stamp(now), LIFE, weight);
    Some(deflated)
}

/// `piece` as raw deflate blocks at the best level, none of them the last, ending on a byte
/// boundary, that may refer to the bytes of `before` (which the inflater will have written just
/// before).
fn deflate(before: &[u8], piece: &[u8]) -> Arc<[u8]> {
    let mut enc = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(piece.len() + 64);
    deflate_into(&mut enc, before, piece, &mut out);
    out.into()
}

/// A run of pieces not kept, by this thread's encoder, onto `out`.
fn compress_run(before: &[u8], run: &[u8], out: &mut Vec<u8>) {
    RUNS.with_borrow_mut(|enc| {
        enc.reset();
        deflate_into(enc, before, run, out);
    });
}

/// `data` deflated onto `out` by a new or reset encoder, with `before` as its dictionary,
/// ending in a sync flush.
fn deflate_into(enc: &mut Compress, before: &[u8], data: &[u8], out: &mut Vec<u8>) {
    if !before.is_empty()
        && let Err(e) = enc.set_dictionary(before)
    {
        unreachable!("a new raw deflate state takes a dictionary: {e}");
    }
    let start = enc.total_in();
    out.reserve(data.len() / 2 + 64);
    loop {
        let read = usize::try_from(enc.total_in() - start).unwrap_or(usize::MAX);
        let rest = data.get(read..).unwrap_or_default();
        if let Err(e) = enc.compress_vec(rest, out, FlushCompress::Sync) {
            unreachable!("deflate into a growing buffer cannot fail: {e}");
        }
        let all_read = usize::try_from(enc.total_in() - start).is_ok_and(|n| n == data.len());
        if all_read && out.len() < out.capacity() {
            return;
        }
        out.reserve(out.capacity().max(4096));
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Read;

    /// What a browser reads out of a gzip answer.
    pub(in crate::http) fn gunzip(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// A page of varied markup no other test makes (the map is shared by the whole process).
    fn page(seed: u64, reader: &str) -> Vec<u8> {
        let mut html = format!("<!DOCTYPE html><html lang=\"vi\"><body><header><p>{reader}</p>");
        for i in 0..120u64 {
            let n = (i + 1)
                .wrapping_mul(seed | 1)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                >> 40;
            html.push_str(&format!(
                "<p class=\"doan\">Đoạn {i}: bảo vệ mật khẩu, xác thực hai lớp, mã {n}.</p>"
            ));
        }
        html.push_str("</body></html>");
        html.into_bytes()
    }

    #[test]
    fn pieces_join_to_the_page_and_respect_their_sizes() {
        let p = page(1, "Nguyễn Thị Ánh");
        let pieces = cut(&p);
        assert_eq!(pieces.concat(), p);
        assert!(pieces.len() > 3, "{} pieces", pieces.len());
        assert!(pieces.iter().all(|x| x.len() <= MAX_PIECE));
        assert!(
            pieces[..pieces.len() - 1]
                .iter()
                .all(|x| x.len() >= MIN_PIECE)
        );
        let flat = vec![b'a'; 3 * MAX_PIECE + 7];
        let long = cut(&flat);
        assert_eq!(
            long.iter().map(|x| x.len()).collect::<Vec<_>>(),
            [4096, 4096, 4096, 7]
        );
        assert!(cut(b"").is_empty());
    }

    #[test]
    fn the_same_text_is_cut_the_same_way_wherever_it_stands() {
        let p = page(2, "Trần Văn Bình");
        let mut longer = "<p>Một lời chào thêm ở đầu trang, dài hơn trang trước.</p>"
            .as_bytes()
            .to_vec();
        longer.extend_from_slice(&p);
        let a = cut(&p);
        let b = cut(&longer);
        let same = a.iter().filter(|x| b.contains(x)).count();
        assert!(same + 1 >= a.len(), "{same} of {} pieces shared", a.len());
    }

    #[test]
    fn a_page_is_copied_from_its_third_sight_on_and_reads_back_whole() {
        let p = page(3, "Lê Thị Cúc");
        let (first, compressed) = assemble(&p);
        assert_eq!(gunzip(&first), p);
        assert_eq!(compressed, p.len(), "first sight: compressed whole");
        let (second, compressed) = assemble(&p);
        assert_eq!(gunzip(&second), p);
        assert_eq!(
            compressed, 0,
            "second sight: every piece compressed and kept"
        );
        let (third, compressed) = assemble(&p);
        assert_eq!((third.as_slice(), compressed), (second.as_slice(), 0));
        assert!(third.len() < p.len() / 3, "{} of {}", third.len(), p.len());
    }

    #[test]
    fn another_readers_page_compresses_only_their_own_pieces() {
        let first = page(4, "Phạm Minh Đức");
        assemble(&first);
        assemble(&first);
        let other = page(4, "Hoàng Thị Én, tổ công nghệ số cộng đồng");
        let (gz, compressed) = assemble(&other);
        assert_eq!(gunzip(&gz), other);
        assert!(
            compressed > 0 && compressed < other.len() / 4,
            "{compressed} of {}",
            other.len()
        );
    }

    #[test]
    fn pages_that_differ_in_several_places_read_back_whole() {
        let text = String::from_utf8(page(5, "Đỗ Văn Giang")).unwrap();
        assemble(text.as_bytes());
        assemble(text.as_bytes());
        for changed in [
            text.replacen("Đoạn 40:", "Đoạn bốn mươi:", 1),
            text.replacen("Đoạn 7:", "Đoạn bảy:", 1)
                .replacen("Đoạn 90:", "Đoạn chín mươi:", 1),
            text.replace("Đoạn 1", "Phần 1"),
            format!("{text}<p>Phần thêm ở cuối</p>"),
        ] {
            let (gz, compressed) = assemble(changed.as_bytes());
            assert_eq!(gunzip(&gz), changed.as_bytes());
            assert!(compressed <= changed.len());
        }
        for tiny in [&b""[..], b"<", b"<p>x</p>"] {
            assert_eq!(gunzip(&gzip(tiny)), tiny);
        }
    }
}
