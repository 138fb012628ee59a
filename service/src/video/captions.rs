//! WebVTT captions as an author gives them: checked (UTF-8, the `WEBVTT` signature, at least
//! one cue, at most 512 KiB) before they are kept, and read back as the plain text of their
//! cues, the transcript a screen reader reads under the video.

/// Captions larger than this are refused: an hour of speech is about 60 KiB.
pub const MAX_BYTES: usize = 512 * 1024;

/// The captions, with Windows line ends made plain, when they are WebVTT; else the reason's
/// code.
pub fn checked(text: &str) -> Result<String, &'static str> {
    if text.len() > MAX_BYTES {
        return Err("captions_too_large");
    }
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let first = text.lines().next().unwrap_or_default();
    let signed = first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t");
    if !signed || cues(&text).is_empty() {
        return Err("captions_invalid");
    }
    Ok(text)
}

/// The text of each cue, its markup (`<v Lan>`, `<i>`, `<00:01.000>`) taken out.
pub fn cues(vtt: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in vtt.split("\n\n") {
        let mut lines = block.lines().skip_while(|l| !l.contains("-->"));
        let Some(timing) = lines.next() else { continue };
        if !is_timing(timing) {
            continue;
        }
        let words = lines.map(strip_tags).collect::<Vec<_>>().join(" ");
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        if !words.is_empty() {
            out.push(words);
        }
    }
    out
}

/// `00:00:01.000 --> 00:00:04.000` (hours optional), settings after it allowed.
fn is_timing(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    let (Some(start), Some("-->"), Some(end)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    is_time(start) && is_time(end)
}

fn is_time(t: &str) -> bool {
    let Some((clock, millis)) = t.split_once('.') else {
        return false;
    };
    let fields: Vec<&str> = clock.split(':').collect();
    millis.len() == 3
        && millis.bytes().all(|b| b.is_ascii_digit())
        && (2..=3).contains(&fields.len())
        && fields
            .iter()
            .all(|f| f.len() >= 2 && f.bytes().all(|b| b.is_ascii_digit()))
}

fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut inside = false;
    for c in line.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const VTT: &str = "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:04.000\r\n<v Lan>Xin chào</v> các bạn.\r\n\r\n00:05.000 --> 00:07.500 align:start\r\nHôm nay học về <i>mật khẩu</i>.\r\n";

    #[test]
    fn webvtt_is_kept_and_its_cues_read_as_text() {
        let kept = checked(VTT).expect("valid");
        assert!(!kept.contains('\r'));
        assert_eq!(
            cues(&kept),
            ["Xin chào các bạn.", "Hôm nay học về mật khẩu."]
        );
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        assert_eq!(
            checked("1\n00:00:01,000 --> 00:00:02,000\nSRT\n"),
            Err("captions_invalid")
        );
        assert_eq!(checked("WEBVTT\n\nno cue here\n"), Err("captions_invalid"));
        assert_eq!(checked("<html>"), Err("captions_invalid"));
        assert_eq!(
            checked(&"x".repeat(MAX_BYTES + 1)),
            Err("captions_too_large")
        );
    }
}
