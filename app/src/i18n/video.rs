//! Text of lesson videos: the lesson page's click-to-load video and transcript, the course
//! page's offline choice, the author's video panel.
use domain::Lang;

use super::speech::SpeechTexts;

pub struct VideoTexts {
    pub lang: Lang,
    pub title: &'static str,
    pub transcript: &'static str,
    pub captions_label: &'static str,
    pub download: &'static str,
    pub author_title: &'static str,
    pub upload: &'static str,
    pub upload_hint: &'static str,
    /// The button that sends the chosen file (the file field has its own name).
    pub send: &'static str,
    pub link_title: &'static str,
    pub link_field: &'static str,
    pub minutes: &'static str,
    pub seconds: &'static str,
    pub link_save: &'static str,
    pub captions_title: &'static str,
    pub captions_field: &'static str,
    pub captions_hint: &'static str,
    pub captions_save: &'static str,
    pub remove: &'static str,
    pub saved: &'static str,
    pub none: &'static str,
}

impl VideoTexts {
    pub fn get(lang: Lang) -> &'static VideoTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    fn media(&self) -> &'static SpeechTexts {
        SpeechTexts::get(self.lang)
    }

    /// "Xem video (3 phút 05 giây · 12,4 MB)": what opening it costs, said before.
    pub fn open_file(&self, secs: u32, bytes: u64) -> String {
        let (m, what) = (self.media(), self.lang);
        match what {
            Lang::Vi => format!("Xem video ({} · {})", m.duration(secs), m.size(bytes)),
            Lang::En => format!("Watch the video ({} · {})", m.duration(secs), m.size(bytes)),
        }
    }

    /// "Xem video trên www.youtube.com (3 phút 05 giây)".
    pub fn open_link(&self, host: &str, secs: u32) -> String {
        let m = self.media();
        match self.lang {
            Lang::Vi => format!("Xem video trên {host} ({})", m.duration(secs)),
            Lang::En => format!("Watch the video on {host} ({})", m.duration(secs)),
        }
    }

    /// The choice, when saving a course for offline, to keep its videos (off at first).
    pub fn offline_size(&self, bytes: u64) -> String {
        let m = self.media();
        match self.lang {
            Lang::Vi => format!("Kèm video của các bài (khoảng {})", m.size(bytes)),
            Lang::En => format!("Include the lessons' videos (about {})", m.size(bytes)),
        }
    }

    /// "Đang có: video tải lên, 3 phút 05 giây · 12,4 MB, có phụ đề".
    pub fn current(&self, link: Option<&str>, secs: u32, bytes: u64, captioned: bool) -> String {
        let m = self.media();
        let what = match (self.lang, link) {
            (Lang::Vi, Some(host)) => format!("Đang có: video trên {host}, {}", m.duration(secs)),
            (Lang::Vi, None) => format!(
                "Đang có: video tải lên, {} · {}",
                m.duration(secs),
                m.size(bytes)
            ),
            (Lang::En, Some(host)) => format!("Now: a video on {host}, {}", m.duration(secs)),
            (Lang::En, None) => format!(
                "Now: an uploaded video, {} · {}",
                m.duration(secs),
                m.size(bytes)
            ),
        };
        let captions = match (self.lang, captioned) {
            (Lang::Vi, true) => ", có phụ đề.",
            (Lang::Vi, false) => ", chưa có phụ đề.",
            (Lang::En, true) => ", with captions.",
            (Lang::En, false) => ", no captions yet.",
        };
        what + captions
    }
}

pub static VI: VideoTexts = VideoTexts {
    lang: Lang::Vi,
    title: "Video",
    transcript: "Lời thoại của video",
    captions_label: "Tiếng Việt",
    download: "Tải video về máy",
    author_title: "Video của bài học",
    upload: "Tải lên video MP4",
    upload_hint: "Tệp MP4 (H.264), tối đa 100 MB. Người học chỉ tải video khi bấm xem.",
    send: "Gửi video lên",
    link_title: "Hoặc gắn đường liên kết video",
    link_field: "Địa chỉ video (https://…)",
    minutes: "Phút",
    seconds: "Giây",
    link_save: "Lưu đường liên kết",
    captions_title: "Phụ đề (WebVTT)",
    captions_field: "Nội dung phụ đề",
    captions_hint: "Dán nội dung tệp .vtt: dòng đầu WEBVTT, mỗi câu có mốc thời gian. Phụ đề giúp người khiếm thính, người dùng điện thoại tắt tiếng và trình đọc màn hình. Để trống rồi lưu để bỏ phụ đề.",
    captions_save: "Lưu phụ đề",
    remove: "Gỡ video khỏi bài học",
    saved: "Đã lưu video.",
    none: "Bài học chưa có video.",
};

pub static EN: VideoTexts = VideoTexts {
    lang: Lang::En,
    title: "Video",
    transcript: "The video's words",
    captions_label: "Vietnamese",
    download: "Download the video",
    author_title: "The lesson's video",
    upload: "Upload an MP4 video",
    upload_hint: "An MP4 (H.264) file, 100 MB at most. Learners download it only when they ask to watch.",
    send: "Send the video",
    link_title: "Or link a video",
    link_field: "The video's address (https://…)",
    minutes: "Minutes",
    seconds: "Seconds",
    link_save: "Save the link",
    captions_title: "Captions (WebVTT)",
    captions_field: "The captions",
    captions_hint: "Paste the .vtt file: WEBVTT on the first line, each cue with its timing. Captions serve deaf learners, muted phones and screen readers. Save an empty text to remove them.",
    captions_save: "Save the captions",
    remove: "Remove the video from the lesson",
    saved: "Video saved.",
    none: "The lesson has no video yet.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_opening_a_video_costs_is_said_first() {
        assert_eq!(
            VI.open_file(185, 13_000_000),
            "Xem video (3 phút 05 giây · 12,4 MB)"
        );
        assert_eq!(
            EN.open_link("www.youtube.com", 42),
            "Watch the video on www.youtube.com (42 s)"
        );
        assert_eq!(
            VI.offline_size(45 * 1024 * 1024),
            "Kèm video của các bài (khoảng 45,0 MB)"
        );
    }
}
