//! What an uploaded video is, read from its bytes: only MP4 is kept (H.264 and AAC play on
//! every phone, old iPhones included), and its duration is read from the file's own header.
use std::io::Cursor;

/// The duration in whole seconds (rounded up) of an MP4, or why it is refused.
pub fn mp4_duration(bytes: &[u8]) -> Result<u32, &'static str> {
    if infer::get(bytes).map(|k| k.mime_type()) != Some("video/mp4") {
        return Err("video_type_refused");
    }
    let reader = mp4::Mp4Reader::read_header(Cursor::new(bytes), bytes.len() as u64)
        .map_err(|_| "video_unreadable")?;
    let millis = reader.duration().as_millis();
    if millis == 0 {
        return Err("video_unreadable");
    }
    Ok(millis.div_ceil(1000).min(u128::from(u32::MAX)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_mp4_is_kept() {
        assert_eq!(
            mp4_duration(b"<html><script>alert(1)</script>"),
            Err("video_type_refused")
        );
        assert_eq!(
            mp4_duration(b"\x1aE\xdf\xa3webm"),
            Err("video_type_refused")
        );
        // The signature of an MP4 with nothing behind it.
        assert_eq!(
            mp4_duration(b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom"),
            Err("video_unreadable")
        );
    }
}
