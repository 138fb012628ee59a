//! Text of spoken lessons: the lesson page's player, the course page's offline size, the
//! author's view of a lesson's spoken version. (The speed buttons are worked by
//! `public/offline.js`.)
use domain::Lang;
use domain::learning::authoring::SpeechState;

pub struct SpeechTexts {
    pub lang: Lang,
    pub listen: &'static str,
    pub machine_voice: &'static str,
    pub recorded_voice: &'static str,
    pub speed: &'static str,
    pub download: &'static str,
    pub author_title: &'static str,
    pub no_voice_installed: &'static str,
    pub upload_voice: &'static str,
    pub upload_hint: &'static str,
    /// The button that sends the chosen recording (the file field has its own name).
    pub send_voice: &'static str,
    pub remove_voice: &'static str,
    pub uploaded: &'static str,
    pub removed: &'static str,
    pub column: &'static str,
}

impl SpeechTexts {
    pub fn get(lang: Lang) -> &'static SpeechTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// "3 phút 05 giây" / "3 min 05 s".
    pub fn duration(&self, secs: u32) -> String {
        let (m, s) = (secs / 60, secs % 60);
        match (self.lang, m) {
            (Lang::Vi, 0) => format!("{s} giây"),
            (Lang::Vi, _) => format!("{m} phút {s:02} giây"),
            (Lang::En, 0) => format!("{s} s"),
            (Lang::En, _) => format!("{m} min {s:02} s"),
        }
    }

    /// "1,2 MB", "350 KB": with the decimal comma in Vietnamese.
    pub fn size(&self, bytes: u64) -> String {
        let text = if bytes >= 1024 * 1024 {
            format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
        } else {
            format!("{} KB", bytes.div_ceil(1024))
        };
        match self.lang {
            Lang::Vi => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// The choice, when saving a course for offline, to keep its spoken lessons too.
    pub fn offline_size(&self, bytes: u64) -> String {
        match self.lang {
            Lang::Vi => format!("Kèm bản đọc của các bài (khoảng {})", self.size(bytes)),
            Lang::En => format!(
                "Include the lessons read aloud (about {})",
                self.size(bytes)
            ),
        }
    }

    /// Where the making of a lesson's spoken version stands.
    pub fn state(&self, state: SpeechState) -> &'static str {
        match (self.lang, state) {
            (Lang::Vi, SpeechState::NotPublished) => "Bản đọc được tạo khi khoá học được xuất bản.",
            (Lang::Vi, SpeechState::Queued) => "Đang chờ tạo bản đọc…",
            (Lang::Vi, SpeechState::Working) => "Đang tạo bản đọc…",
            (Lang::Vi, SpeechState::Ready) => "Đã có bản đọc.",
            (Lang::Vi, SpeechState::Failed) => "Tạo bản đọc không thành công.",
            (Lang::En, SpeechState::NotPublished) => "Read aloud once the course is published.",
            (Lang::En, SpeechState::Queued) => "Waiting to be read aloud…",
            (Lang::En, SpeechState::Working) => "Being read aloud…",
            (Lang::En, SpeechState::Ready) => "Read aloud.",
            (Lang::En, SpeechState::Failed) => "Reading aloud failed.",
        }
    }

    /// The short form for the course editor's list.
    pub fn short_state(&self, state: SpeechState) -> &'static str {
        match (self.lang, state) {
            (Lang::Vi, SpeechState::NotPublished) => "chưa xuất bản",
            (Lang::Vi, SpeechState::Queued) => "đang chờ",
            (Lang::Vi, SpeechState::Working) => "đang tạo",
            (Lang::Vi, SpeechState::Ready) => "có",
            (Lang::Vi, SpeechState::Failed) => "lỗi",
            (Lang::En, SpeechState::NotPublished) => "not published",
            (Lang::En, SpeechState::Queued) => "waiting",
            (Lang::En, SpeechState::Working) => "in progress",
            (Lang::En, SpeechState::Ready) => "yes",
            (Lang::En, SpeechState::Failed) => "failed",
        }
    }

    /// "Made in 1,4 s".
    pub fn made_in(&self, ms: u64) -> String {
        let secs = format!("{:.1}", ms as f64 / 1000.0);
        match self.lang {
            Lang::Vi => format!("Thời gian tạo: {} giây.", secs.replace('.', ",")),
            Lang::En => format!("Made in {secs} s."),
        }
    }
}

/// Codes the spoken lessons' and videos' uploads answer with.
pub const ERROR_CODES: [&str; 11] = [
    "audio_too_large",
    "audio_type_refused",
    "captions_invalid",
    "captions_too_large",
    "video_duration_invalid",
    "video_host_refused",
    "video_link_invalid",
    "video_missing",
    "video_too_large",
    "video_type_refused",
    "video_unreadable",
];

/// The message of one of [`ERROR_CODES`].
pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "audio_too_large") => "Bản thu âm lớn quá 20 MB.",
        (Lang::En, "audio_too_large") => "The recording is larger than 20 MB.",
        (Lang::Vi, "audio_type_refused") => "Chỉ nhận tệp âm thanh MP3, Ogg, M4A, WAV hoặc WebM.",
        (Lang::En, "audio_type_refused") => {
            "Only MP3, Ogg, M4A, WAV or WebM audio files are accepted."
        }
        (Lang::Vi, "captions_invalid") => {
            "Phụ đề phải ở định dạng WebVTT: dòng đầu là WEBVTT, mỗi câu có mốc thời gian như 00:00:01.000 --> 00:00:04.000."
        }
        (Lang::En, "captions_invalid") => {
            "Captions must be WebVTT: WEBVTT on the first line, each cue with a timing such as 00:00:01.000 --> 00:00:04.000."
        }
        (Lang::Vi, "captions_too_large") => "Tệp phụ đề lớn quá 512 KB.",
        (Lang::En, "captions_too_large") => "The captions are larger than 512 KB.",
        (Lang::Vi, "video_duration_invalid") => {
            "Hãy nhập thời lượng của video (phút và giây), tối đa 24 giờ."
        }
        (Lang::En, "video_duration_invalid") => {
            "Give the video's length (minutes and seconds), 24 hours at most."
        }
        (Lang::Vi, "video_host_refused") => {
            "Trang video này không nằm trong danh sách được phép của hệ thống."
        }
        (Lang::En, "video_host_refused") => "This video site is not one the platform allows.",
        (Lang::Vi, "video_link_invalid") => {
            "Đường liên kết video không hợp lệ: cần một địa chỉ bắt đầu bằng https://."
        }
        (Lang::En, "video_link_invalid") => {
            "The video link is not valid: it must be an address starting with https://."
        }
        (Lang::Vi, "video_missing") => "Bài học chưa có video để gắn phụ đề.",
        (Lang::En, "video_missing") => "The lesson has no video to caption.",
        (Lang::Vi, "video_too_large") => "Video lớn quá 100 MB.",
        (Lang::En, "video_too_large") => "The video is larger than 100 MB.",
        (Lang::Vi, "video_type_refused") => {
            "Chỉ nhận video MP4 (H.264), loại phát được trên mọi điện thoại."
        }
        (Lang::En, "video_type_refused") => {
            "Only MP4 (H.264) videos, which every phone plays, are accepted."
        }
        (Lang::Vi, "video_unreadable") => "Không đọc được tệp video này: hãy xuất lại thành MP4.",
        (Lang::En, "video_unreadable") => "This video file cannot be read: export it again as MP4.",
        _ => return None,
    };
    Some(text)
}

pub static VI: SpeechTexts = SpeechTexts {
    lang: Lang::Vi,
    listen: "Nghe bài học",
    machine_voice: "giọng đọc máy",
    recorded_voice: "giọng đọc thu âm",
    speed: "Tốc độ đọc",
    download: "Tải bản đọc về máy",
    author_title: "Bản đọc (âm thanh)",
    no_voice_installed: "Máy chủ chưa cài espeak-ng với giọng tiếng Việt nên chưa tạo được bản đọc tự động. Bài học vẫn hiển thị bình thường; bạn có thể tải lên bản thu âm giọng người đọc.",
    upload_voice: "Tải lên bản thu âm giọng đọc",
    upload_hint: "Tệp MP3, Ogg, M4A, WAV hoặc WebM, tối đa 20 MB. Bản thu âm thay cho giọng đọc máy.",
    send_voice: "Gửi bản thu âm lên",
    remove_voice: "Bỏ bản thu âm, dùng lại giọng đọc máy",
    uploaded: "Đã lưu bản thu âm.",
    removed: "Đã bỏ bản thu âm; giọng đọc máy sẽ được tạo lại.",
    column: "Bản đọc",
};

pub static EN: SpeechTexts = SpeechTexts {
    lang: Lang::En,
    listen: "Listen to the lesson",
    machine_voice: "synthetic voice",
    recorded_voice: "recorded voice",
    speed: "Reading speed",
    download: "Download the recording",
    author_title: "Spoken version (audio)",
    no_voice_installed: "The server has no espeak-ng with a Vietnamese voice, so lessons are not read aloud automatically. Lessons still show as usual; you may upload a recorded voice.",
    upload_voice: "Upload a recorded voice",
    upload_hint: "An MP3, Ogg, M4A, WAV or WebM file, 20 MB at most. It replaces the synthetic voice.",
    send_voice: "Send the recording",
    remove_voice: "Remove the recording, use the synthetic voice again",
    uploaded: "Recording saved.",
    removed: "Recording removed; the synthetic voice will be made again.",
    column: "Audio",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_upload_refusal_has_a_message_in_both_languages() {
        for code in ERROR_CODES {
            assert!(
                domain::error_codes::ALL.contains(&code),
                "{code} in the closed set"
            );
            for lang in [Lang::Vi, Lang::En] {
                assert!(
                    error(lang, code).is_some_and(|t| !t.is_empty()),
                    "{code} {lang:?}"
                );
            }
        }
    }

    #[test]
    fn sizes_and_durations_are_written_as_each_language_writes_them() {
        assert_eq!(VI.size(1_300_000), "1,2 MB");
        assert_eq!(EN.size(1_300_000), "1.2 MB");
        assert_eq!(VI.size(300_000), "293 KB");
        assert_eq!(VI.duration(185), "3 phút 05 giây");
        assert_eq!(EN.duration(42), "42 s");
        assert_eq!(VI.made_in(1_450), "Thời gian tạo: 1,4 giây.");
    }
}
