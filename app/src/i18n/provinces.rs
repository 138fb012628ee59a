//! Text of the national admin's provinces page (`/quan-tri/tinh-thanh`), in Vietnamese and
//! English. Its error codes (`invalid_province_code`, `province_exists`, `unknown_account`,
//! `unknown_province`) are in the common tables, as the API answers them too.
use domain::Lang;

pub struct ProvinceTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub figures_title: &'static str,
    /// Before the date the figures are counted on.
    pub as_of: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    /// The totals row: every province summed.
    pub nation: &'static str,
    /// A figure with nobody to count.
    pub no_percentage: &'static str,
    pub list_title: &'static str,
    pub created_at: &'static str,
    pub none: &'static str,
    pub new_title: &'static str,
    pub code_hint: &'static str,
    pub name_hint: &'static str,
    pub create: &'static str,
    pub created: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub admin_login: &'static str,
    pub admin_login_hint: &'static str,
    pub admin_province: &'static str,
    pub admin_grant: &'static str,
    pub admin_granted: &'static str,
}

impl ProvinceTexts {
    pub fn get(lang: Lang) -> &'static ProvinceTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The texts of the current page.
pub fn use_province_texts() -> &'static ProvinceTexts {
    ProvinceTexts::get(super::use_lang())
}

static VI: ProvinceTexts = ProvinceTexts {
    nav: "Tỉnh, thành phố",
    title: "Tỉnh, thành phố",
    intro: "Mỗi tỉnh, thành phố có đơn vị, cán bộ, dữ liệu và quản trị viên cấp tỉnh riêng. Trang này chỉ dành cho quản trị hệ thống cấp quốc gia.",
    figures_title: "Chỉ tiêu theo tỉnh",
    as_of: "Số liệu tính đến ngày",
    code: "Mã tỉnh",
    name: "Tên tỉnh",
    nation: "Toàn quốc",
    no_percentage: "—",
    list_title: "Danh sách tỉnh, thành phố",
    created_at: "Ngày tạo",
    none: "Chưa có tỉnh, thành phố nào.",
    new_title: "Thêm tỉnh, thành phố",
    code_hint: "Chữ không dấu, số và dấu gạch, tối đa 20 ký tự. Ví dụ: QT",
    name_hint: "Ví dụ: Tỉnh Quảng Trị",
    create: "Thêm tỉnh",
    created: "Đã thêm tỉnh",
    admin_title: "Thêm quản trị viên cấp tỉnh",
    admin_intro: "Chọn một tài khoản đã có và một tỉnh: người đó quản lý đơn vị, cán bộ, dữ liệu và mã truy cập API của tỉnh này.",
    admin_login: "Tên đăng nhập của tài khoản",
    admin_login_hint: "Số điện thoại hoặc thư điện tử dùng để đăng nhập",
    admin_province: "Tỉnh",
    admin_grant: "Thêm quản trị viên",
    admin_granted: "Đã thêm quản trị viên cấp tỉnh.",
};

static EN: ProvinceTexts = ProvinceTexts {
    nav: "Provinces",
    title: "Provinces and cities",
    intro: "Each province or city has its own units, staff, data and province administrators. This page is for the national administrator only.",
    figures_title: "Indicators by province",
    as_of: "Figures as of",
    code: "Province code",
    name: "Province name",
    nation: "Whole country",
    no_percentage: "—",
    list_title: "Provinces and cities",
    created_at: "Created",
    none: "No province yet.",
    new_title: "Add a province or city",
    code_hint: "Letters without accents, digits and dashes, at most 20 characters. For example: QT",
    name_hint: "For example: Quảng Trị Province",
    create: "Add province",
    created: "Province added",
    admin_title: "Add a province administrator",
    admin_intro: "Choose an existing account and a province: that person manages the province's units, staff, data and API tokens.",
    admin_login: "Account login",
    admin_login_hint: "The phone number or e-mail address used to sign in",
    admin_province: "Province",
    admin_grant: "Add administrator",
    admin_granted: "Province administrator added.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_first_and_both_languages_differ() {
        assert_eq!(
            ProvinceTexts::get(Lang::default()).figures_title,
            "Chỉ tiêu theo tỉnh"
        );
        assert_ne!(
            ProvinceTexts::get(Lang::Vi).nav,
            ProvinceTexts::get(Lang::En).nav
        );
    }
}
