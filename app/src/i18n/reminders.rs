//! Text of the e-mail reminders (compose, list, one reminder's recipients), of the unsubscribe
//! page and of the footer every message carries, in Vietnamese and English.
use domain::Lang;
use domain::reminders::DeliveryState;

pub struct ReminderTexts {
    pub lang: Lang,
    pub write_link: &'static str,
    pub list_link: &'static str,
    pub compose_title: &'static str,
    pub compose_intro: &'static str,
    pub smtp_missing: &'static str,
    pub status_needed: &'static str,
    pub subject_field: &'static str,
    pub body_field: &'static str,
    pub placeholders_hint: &'static str,
    pub course_field: &'static str,
    pub course_hint: &'static str,
    pub deadline_field: &'static str,
    pub deadline_hint: &'static str,
    pub send_at_field: &'static str,
    pub send_at_hint: &'static str,
    pub preview_for_field: &'static str,
    pub preview_for_hint: &'static str,
    pub preview_button: &'static str,
    pub preview_title: &'static str,
    pub preview_to: &'static str,
    pub send_button: &'static str,
    pub sent_notice: &'static str,
    pub reached: &'static str,
    pub unreachable_title: &'static str,
    pub unreachable_hint: &'static str,
    pub unsubscribed: &'static str,
    pub no_email: &'static str,
    pub phone_col: &'static str,
    pub why_col: &'static str,
    pub list_title: &'static str,
    pub list_none: &'static str,
    pub subject_col: &'static str,
    pub send_at_col: &'static str,
    pub unit_col: &'static str,
    pub queued_col: &'static str,
    pub sent_col: &'static str,
    pub failed_col: &'static str,
    pub skipped_col: &'static str,
    pub detail_title: &'static str,
    pub email_col: &'static str,
    pub state_col: &'static str,
    pub attempts_col: &'static str,
    pub reply_col: &'static str,
    pub sent_at_col: &'static str,
    pub back_to_list: &'static str,
    pub unsubscribe_title: &'static str,
    pub unsubscribe_ask: &'static str,
    pub unsubscribe_button: &'static str,
    pub unsubscribe_done: &'static str,
    pub unsubscribe_unknown: &'static str,
}

impl ReminderTexts {
    pub fn get(lang: Lang) -> &'static ReminderTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn state(&self, s: DeliveryState) -> &'static str {
        match (self.lang, s) {
            (Lang::Vi, DeliveryState::Queued) => "Đang chờ gửi",
            (Lang::Vi, DeliveryState::Sending) => "Đang gửi",
            (Lang::Vi, DeliveryState::Sent) => "Đã gửi",
            (Lang::Vi, DeliveryState::Failed) => "Không gửi được",
            (Lang::Vi, DeliveryState::Skipped) => "Đã hủy nhận thư",
            (Lang::En, DeliveryState::Queued) => "Queued",
            (Lang::En, DeliveryState::Sending) => "Sending",
            (Lang::En, DeliveryState::Sent) => "Sent",
            (Lang::En, DeliveryState::Failed) => "Failed",
            (Lang::En, DeliveryState::Skipped) => "Unsubscribed",
        }
    }

    /// A reply the sender wrote itself (not the SMTP server's own words), in words.
    pub fn reply(&self, reply: &str) -> String {
        match (self.lang, reply) {
            (Lang::Vi, "interrupted") => {
                "Máy chủ dừng khi đang gửi: không chắc thư đã đến, nên không gửi lại.".into()
            }
            (Lang::En, "interrupted") => {
                "The server stopped while sending: the message may not have arrived, and is not sent again.".into()
            }
            (Lang::Vi, "invalid_address") => "Địa chỉ thư không hợp lệ.".into(),
            (Lang::En, "invalid_address") => "Not a valid e-mail address.".into(),
            (_, other) => other.to_owned(),
        }
    }
}

/// What follows every message's body: the one-click unsubscribe link, Vietnamese first.
pub fn mail_footer(link: &str) -> String {
    format!(
        "\n\n--\nKhông muốn nhận thư nhắc này nữa? Hủy nhận thư tại: {link}\n\
         To stop these reminders, unsubscribe here: {link}\n"
    )
}

static VI: ReminderTexts = ReminderTexts {
    lang: Lang::Vi,
    write_link: "Gửi thư nhắc cho danh sách này",
    list_link: "Thư nhắc đã gửi",
    compose_title: "Viết thư nhắc",
    compose_intro: "Thư được gửi cho từng người trong danh sách có địa chỉ thư (trên danh sách cán bộ hoặc tài khoản của họ).",
    smtp_missing: "Máy chủ chưa được cấu hình để gửi thư (HOCVU_SMTP_URL), nên chưa thể gửi thư nhắc. Bạn vẫn có thể xem trước thư và danh sách người cần liên hệ.",
    status_needed: "Hãy chọn tình trạng \u{201c}Chưa bồi dưỡng\u{201d} hoặc \u{201c}Chưa đạt đánh giá\u{201d} trong danh sách cán bộ rồi bấm lại \u{201c}Gửi thư nhắc\u{201d}.",
    subject_field: "Tiêu đề",
    body_field: "Nội dung",
    placeholders_hint: "Có thể dùng: {ho_ten} họ và tên; {don_vi} tên đơn vị công tác; {khoa_hoc} tên khóa học ghi dưới đây; {han} hạn hoàn thành (ngày/tháng/năm).",
    course_field: "Khóa học",
    course_hint: "Tên khóa học điền vào {khoa_hoc} (không bắt buộc).",
    deadline_field: "Hạn hoàn thành",
    deadline_hint: "Ngày điền vào {han} (không bắt buộc).",
    send_at_field: "Thời điểm gửi",
    send_at_hint: "Giờ Việt Nam. Để trống để gửi ngay.",
    preview_for_field: "Xem trước cho mã cán bộ",
    preview_for_hint: "Để trống: người đầu tiên của danh sách.",
    preview_button: "Xem trước",
    preview_title: "Thư mẫu",
    preview_to: "Gửi",
    send_button: "Gửi thư nhắc",
    sent_notice: "Đã đưa thư nhắc vào hàng đợi gửi.",
    reached: "Số người sẽ nhận thư",
    unreachable_title: "Không gửi thư được cho những người này",
    unreachable_hint: "Hãy liên hệ họ bằng cách khác (điện thoại, văn bản).",
    unsubscribed: "Đã hủy nhận thư",
    no_email: "Chưa có địa chỉ thư",
    phone_col: "Điện thoại",
    why_col: "Lý do",
    list_title: "Thư nhắc",
    list_none: "Bạn chưa gửi thư nhắc nào.",
    subject_col: "Tiêu đề",
    send_at_col: "Gửi lúc",
    unit_col: "Đơn vị",
    queued_col: "Đang chờ",
    sent_col: "Đã gửi",
    failed_col: "Không gửi được",
    skipped_col: "Đã hủy nhận",
    detail_title: "Người nhận",
    email_col: "Địa chỉ thư",
    state_col: "Tình trạng",
    attempts_col: "Số lần thử",
    reply_col: "Trả lời của máy chủ thư",
    sent_at_col: "Gửi lúc",
    back_to_list: "Về danh sách thư nhắc",
    unsubscribe_title: "Hủy nhận thư nhắc",
    unsubscribe_ask: "Bạn sẽ không nhận thư nhắc bồi dưỡng kỹ năng số từ Học Vụ Số ở địa chỉ này nữa.",
    unsubscribe_button: "Hủy nhận thư",
    unsubscribe_done: "Đã hủy: bạn sẽ không nhận thư nhắc ở địa chỉ này nữa.",
    unsubscribe_unknown: "Liên kết hủy nhận thư không đúng hoặc đã hết hiệu lực.",
};

static EN: ReminderTexts = ReminderTexts {
    lang: Lang::En,
    write_link: "E-mail a reminder to this list",
    list_link: "Reminders sent",
    compose_title: "Write a reminder",
    compose_intro: "The message goes to each person of the list who has an e-mail address (on the roster or their account).",
    smtp_missing: "This server is not set up to send e-mail (HOCVU_SMTP_URL), so reminders cannot be sent yet. You may still preview the message and the people to reach.",
    status_needed: "Choose the status \u{201c}Not yet trained\u{201d} or \u{201c}Not yet mastered\u{201d} in the people list, then press \u{201c}E-mail a reminder\u{201d} again.",
    subject_field: "Subject",
    body_field: "Message",
    placeholders_hint: "You may use: {ho_ten} full name; {don_vi} their unit's name; {khoa_hoc} the course named below; {han} the deadline (day/month/year).",
    course_field: "Course",
    course_hint: "The course name {khoa_hoc} becomes (optional).",
    deadline_field: "Deadline",
    deadline_hint: "The day {han} becomes (optional).",
    send_at_field: "Send at",
    send_at_hint: "Vietnam time. Leave empty to send now.",
    preview_for_field: "Preview for staff code",
    preview_for_hint: "Empty: the first person of the list.",
    preview_button: "Preview",
    preview_title: "Sample message",
    preview_to: "To",
    send_button: "Send the reminder",
    sent_notice: "The reminder is queued for sending.",
    reached: "People who will get the message",
    unreachable_title: "These people cannot be e-mailed",
    unreachable_hint: "Reach them another way (phone, letter).",
    unsubscribed: "Unsubscribed",
    no_email: "No e-mail address",
    phone_col: "Phone",
    why_col: "Why",
    list_title: "Reminders",
    list_none: "You have sent no reminder yet.",
    subject_col: "Subject",
    send_at_col: "Sent at",
    unit_col: "Unit",
    queued_col: "Queued",
    sent_col: "Sent",
    failed_col: "Failed",
    skipped_col: "Unsubscribed",
    detail_title: "Recipients",
    email_col: "E-mail",
    state_col: "State",
    attempts_col: "Tries",
    reply_col: "Mail server's answer",
    sent_at_col: "Sent at",
    back_to_list: "Back to the reminders",
    unsubscribe_title: "Stop reminders",
    unsubscribe_ask: "You will get no more digital-skills training reminders from Học Vụ Số at this address.",
    unsubscribe_button: "Unsubscribe",
    unsubscribe_done: "Done: you will get no more reminders at this address.",
    unsubscribe_unknown: "This unsubscribe link is wrong or no longer valid.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_carries_the_link_in_both_languages() {
        let f = mail_footer("https://x.vn/huy-nhan-thu/abc");
        assert_eq!(f.matches("https://x.vn/huy-nhan-thu/abc").count(), 2);
        assert!(f.contains("Hủy nhận thư"));
    }
}
