//! Text of single sign-on (issue 19): the sign-in page's provider buttons, the profile's
//! linked providers, and the error pages of a sign-in that failed.
use domain::Lang;

pub struct SsoTexts {
    /// Above the provider buttons on the sign-in page.
    pub or_sign_in_with: &'static str,
    /// The profile's section of providers.
    pub linked_title: &'static str,
    pub linked_intro: &'static str,
    pub linked: &'static str,
    pub not_linked: &'static str,
    pub link: &'static str,
    pub unlink: &'static str,
}

impl SsoTexts {
    pub fn get(lang: Lang) -> &'static SsoTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

static VI: SsoTexts = SsoTexts {
    or_sign_in_with: "Hoặc đăng nhập bằng",
    linked_title: "Đăng nhập một lần",
    linked_intro: "Liên kết tài khoản với nhà cung cấp định danh để đăng nhập không cần mật khẩu.",
    linked: "Đã liên kết",
    not_linked: "Chưa liên kết",
    link: "Liên kết",
    unlink: "Hủy liên kết",
};

static EN: SsoTexts = SsoTexts {
    or_sign_in_with: "Or sign in with",
    linked_title: "Single sign-on",
    linked_intro: "Link your account to an identity provider to sign in without a password.",
    linked: "Linked",
    not_linked: "Not linked",
    link: "Link",
    unlink: "Unlink",
};

pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "sso_provider_unavailable") => {
            "Không kết nối được với nhà cung cấp định danh. Vui lòng thử lại sau ít phút hoặc đăng nhập bằng mật khẩu."
        }
        (Lang::En, "sso_provider_unavailable") => {
            "The identity provider cannot be reached. Please try again in a few minutes, or sign in with your password."
        }
        (Lang::Vi, "sso_state_mismatch") => {
            "Phiên đăng nhập không khớp hoặc đã quá hạn. Vui lòng bắt đầu đăng nhập lại từ trang Đăng nhập."
        }
        (Lang::En, "sso_state_mismatch") => {
            "The sign-in does not match or has expired. Please start again from the sign-in page."
        }
        (Lang::Vi, "sso_refused") => {
            "Nhà cung cấp định danh đã từ chối hoặc bạn đã hủy đăng nhập. Chưa ai được đăng nhập."
        }
        (Lang::En, "sso_refused") => {
            "The identity provider refused, or the sign-in was cancelled. No one has been signed in."
        }
        (Lang::Vi, "sso_token_invalid") => {
            "Thông tin định danh nhận được không hợp lệ nên không thể đăng nhập. Vui lòng thử lại."
        }
        (Lang::En, "sso_token_invalid") => {
            "The identity information received is not valid, so you cannot be signed in. Please try again."
        }
        (Lang::Vi, "sso_token_expired") => {
            "Thông tin định danh nhận được đã hết hạn. Vui lòng đăng nhập lại."
        }
        (Lang::En, "sso_token_expired") => {
            "The identity information received has expired. Please sign in again."
        }
        (Lang::Vi, "sso_wrong_audience") => {
            "Thông tin định danh nhận được không dành cho Học Vụ Số nên không thể đăng nhập."
        }
        (Lang::En, "sso_wrong_audience") => {
            "The identity information received was not issued for Học Vụ Số, so you cannot be signed in."
        }
        (Lang::Vi, "sso_nonce_mismatch") => {
            "Thông tin định danh nhận được không thuộc lần đăng nhập này. Vui lòng đăng nhập lại."
        }
        (Lang::En, "sso_nonce_mismatch") => {
            "The identity information received does not belong to this sign-in. Please sign in again."
        }
        (Lang::Vi, "sso_identity_taken") => {
            "Tài khoản ở nhà cung cấp định danh này đã liên kết với một tài khoản Học Vụ Số khác."
        }
        (Lang::En, "sso_identity_taken") => {
            "This identity provider account is already linked to another Học Vụ Số account."
        }
        (Lang::Vi, "sso_already_linked") => {
            "Tài khoản của bạn đã liên kết với nhà cung cấp định danh này."
        }
        (Lang::En, "sso_already_linked") => {
            "Your account is already linked to this identity provider."
        }
        (Lang::Vi, "sso_password_needed") => {
            "Hãy đặt mật khẩu trước khi hủy liên kết, nếu không bạn sẽ không đăng nhập lại được."
        }
        (Lang::En, "sso_password_needed") => {
            "Set a password before unlinking, or you could not sign in again."
        }
        _ => return None,
    };
    Some(text)
}
