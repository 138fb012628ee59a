//! Text of the community pages (teams, residents, commune statistics) and of the personal
//! data section of the account page.
use domain::Lang;

pub struct CommunityTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub register_title: &'static str,
    pub consent_read_out: &'static str,
    pub consent_given: &'static str,
    pub register_button: &'static str,
    pub registered: &'static str,
    pub residents_title: &'static str,
    pub residents_none: &'static str,
    pub registered_on: &'static str,
    pub enrolled: &'static str,
    pub completed: &'static str,
    pub enrol_course: &'static str,
    pub enrol_button: &'static str,
    pub assist_button: &'static str,
    pub assist_hint: &'static str,
    pub assisted_banner: &'static str,
    pub assist_end: &'static str,
    pub teams_title: &'static str,
    pub teams_none: &'static str,
    pub team_name: &'static str,
    pub commune_code: &'static str,
    pub create_team: &'static str,
    pub members: &'static str,
    pub no_members: &'static str,
    pub member_login: &'static str,
    pub add_member: &'static str,
    pub remove_member: &'static str,
    pub stats_title: &'static str,
    pub stats_intro: &'static str,
    pub as_of: &'static str,
    pub show: &'static str,
    pub commune: &'static str,
    pub residents_registered: &'static str,
    pub residents_completed_basic: &'static str,
    pub teams: &'static str,
    pub members_count: &'static str,
    pub total: &'static str,
    pub privacy_title: &'static str,
    pub privacy_intro: &'static str,
    pub download_json: &'static str,
    pub download_csv: &'static str,
    pub erase_title: &'static str,
    pub erase_intro: &'static str,
    pub erase_password: &'static str,
    pub erase_confirm: &'static str,
    pub erase_button: &'static str,
    pub erased_notice: &'static str,
}

impl CommunityTexts {
    pub fn get(lang: Lang) -> &'static CommunityTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

pub fn use_community_texts() -> &'static CommunityTexts {
    CommunityTexts::get(super::use_lang())
}

pub static VI: CommunityTexts = CommunityTexts {
    nav: "Cộng đồng",
    title: "Tổ công nghệ số cộng đồng",
    intro: "Thành viên tổ giúp bà con trong xã đăng ký tài khoản, chọn khóa học và học ngay trên điện thoại của tổ viên. Kết quả học tập luôn thuộc về người dân.",
    register_title: "Đăng ký giúp người dân",
    consent_read_out: "Trước khi đăng ký, hãy đọc cho người dân nghe: \"Hệ thống lưu họ tên, số điện thoại, xã nơi cư trú và kết quả học tập của bác để cấp chứng nhận và thống kê phong trào Bình dân học vụ số. Bác có thể tải về hoặc xóa dữ liệu của mình bất cứ lúc nào.\"",
    consent_given: "Người dân đã nghe và đồng ý cho lưu dữ liệu như trên",
    register_button: "Đăng ký cho người dân",
    registered: "Đã đăng ký tài khoản cho người dân.",
    residents_title: "Người dân tổ đã hỗ trợ",
    residents_none: "Tổ chưa đăng ký giúp người dân nào.",
    registered_on: "Ngày đăng ký",
    enrolled: "Đã ghi danh",
    completed: "Đã hoàn thành",
    enrol_course: "Khóa học",
    enrol_button: "Ghi danh",
    assist_button: "Hỗ trợ học trên máy này",
    assist_hint: "Máy này sẽ chuyển sang tài khoản của người dân; kết quả học được ghi cho người dân. Bấm \"Kết thúc hỗ trợ\" khi xong, rồi đăng nhập lại bằng mật khẩu của bạn.",
    assisted_banner: "Bạn đang học với sự hỗ trợ của tổ viên",
    assist_end: "Kết thúc hỗ trợ",
    teams_title: "Danh sách tổ theo xã",
    teams_none: "Chưa có tổ nào.",
    team_name: "Tên tổ",
    commune_code: "Mã xã, phường",
    create_team: "Thêm tổ",
    members: "Thành viên",
    no_members: "Chưa có thành viên.",
    member_login: "Tên đăng nhập của thành viên",
    add_member: "Thêm thành viên",
    remove_member: "Bỏ khỏi tổ",
    stats_title: "Thống kê theo xã",
    stats_intro: "Người dân đã đăng ký, người dân đã hoàn thành khóa học kỹ năng số cơ bản (khóa dành cho người dân), số tổ và số thành viên tổ công nghệ số cộng đồng.",
    as_of: "Tính đến ngày",
    show: "Xem",
    commune: "Xã, phường",
    residents_registered: "Người dân đã đăng ký",
    residents_completed_basic: "Đã hoàn thành khóa cơ bản",
    teams: "Số tổ",
    members_count: "Số thành viên",
    total: "Tổng cộng",
    privacy_title: "Dữ liệu cá nhân của bạn",
    privacy_intro: "Theo Nghị định 13/2023/NĐ-CP, bạn có quyền xem, tải về và xóa dữ liệu cá nhân của mình.",
    download_json: "Tải dữ liệu (JSON)",
    download_csv: "Tải dữ liệu (CSV, mở bằng Excel)",
    erase_title: "Xóa tài khoản",
    erase_intro: "Họ tên, tên đăng nhập, số điện thoại, thư điện tử và mật khẩu sẽ bị xóa vĩnh viễn. Chứng nhận đã cấp vẫn xác minh được nhưng không còn hiện tên bạn; số liệu thống kê đã báo cáo không thay đổi.",
    erase_password: "Nhập mật khẩu để xác nhận",
    erase_confirm: "Tôi hiểu việc xóa tài khoản không thể hoàn tác",
    erase_button: "Xóa tài khoản của tôi",
    erased_notice: "Tài khoản của bạn đã được xóa. Cảm ơn bạn đã tham gia học tập.",
};

pub static EN: CommunityTexts = CommunityTexts {
    nav: "Community",
    title: "Community digital technology teams",
    intro: "Team members help residents of their commune register, choose a course and learn on the member's phone. The learning records always belong to the resident.",
    register_title: "Register a resident",
    consent_read_out: "Before registering, read this to the resident: \"The platform keeps your name, phone number, commune and learning results to issue certificates and count the Digital Popular Education movement. You can download or delete your data at any time.\"",
    consent_given: "The resident heard this and agrees to their data being kept",
    register_button: "Register the resident",
    registered: "The resident's account was created.",
    residents_title: "Residents the team helped",
    residents_none: "The team has not registered any resident yet.",
    registered_on: "Registered on",
    enrolled: "Enrolled in",
    completed: "Completed",
    enrol_course: "Course",
    enrol_button: "Enrol",
    assist_button: "Help them learn on this device",
    assist_hint: "This device switches to the resident's account; what they learn is recorded for them. Press \"End help\" when done, then sign in again with your password.",
    assisted_banner: "You are learning with the help of team member",
    assist_end: "End help",
    teams_title: "Teams by commune",
    teams_none: "No team yet.",
    team_name: "Team name",
    commune_code: "Commune code",
    create_team: "Add team",
    members: "Members",
    no_members: "No member yet.",
    member_login: "Member's login",
    add_member: "Add member",
    remove_member: "Remove from team",
    stats_title: "Statistics by commune",
    stats_intro: "Residents registered, residents who completed the basic digital skills course (a course for residents), teams and team members.",
    as_of: "As of",
    show: "Show",
    commune: "Commune",
    residents_registered: "Residents registered",
    residents_completed_basic: "Completed the basic course",
    teams: "Teams",
    members_count: "Members",
    total: "Total",
    privacy_title: "Your personal data",
    privacy_intro: "Under Decree 13/2023, you may see, download and delete your personal data.",
    download_json: "Download my data (JSON)",
    download_csv: "Download my data (CSV, opens in Excel)",
    erase_title: "Delete account",
    erase_intro: "Your name, login, phone, email and password are erased for good. Certificates already issued still verify but no longer show your name; figures already reported do not change.",
    erase_password: "Your password, to confirm",
    erase_confirm: "I understand that deleting my account cannot be undone",
    erase_button: "Delete my account",
    erased_notice: "Your account was deleted. Thank you for learning with us.",
};

pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "wrong_password") => "Mật khẩu không đúng.",
        (Lang::En, "wrong_password") => "The password is not right.",
        (Lang::Vi, "confirm_required") => "Hãy đánh dấu ô xác nhận trước khi xóa tài khoản.",
        (Lang::En, "confirm_required") => "Tick the confirmation box before deleting the account.",
        (Lang::Vi, "last_admin") => {
            "Bạn là quản trị viên duy nhất: hãy trao quyền quản trị cho người khác trước khi xóa tài khoản."
        }
        (Lang::En, "last_admin") => {
            "You are the only admin: make someone else admin before deleting your account."
        }
        (Lang::Vi, "team_exists") => "Xã này đã có tổ mang tên đó.",
        (Lang::En, "team_exists") => "This commune already has a team with that name.",
        (Lang::Vi, "unknown_commune") => "Không có xã, phường nào mang mã này.",
        (Lang::En, "unknown_commune") => "No commune has this code.",
        (Lang::Vi, "unknown_user") => "Không có tài khoản nào với tên đăng nhập này.",
        (Lang::En, "unknown_user") => "No account has this login.",
        (Lang::Vi, "already_assisting") => {
            "Máy này đang ở phiên hỗ trợ; hãy kết thúc phiên đó trước."
        }
        (Lang::En, "already_assisting") => {
            "This device is already in a help session; end it first."
        }
        _ => return None,
    };
    Some(text)
}
