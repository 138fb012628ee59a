//! Text of the registration page's two steps (`/dang-ky`): where the resident lives (province,
//! then a commune found by typing), then the account. The account fields' words are in
//! [`super::Texts`], which the facilitator's form shares.
use domain::Lang;

pub struct RegisterTexts {
    pub residence_title: &'static str,
    pub province_field: &'static str,
    pub province_choose: &'static str,
    pub search_field: &'static str,
    pub search_hint: &'static str,
    /// The first step's button: shows the province's communes that match.
    pub search: &'static str,
    pub account_title: &'static str,
    /// The commune list's only entry while no province is chosen.
    pub province_first: &'static str,
    pub province_first_hint: &'static str,
    /// Before the chosen province's name, under the commune list.
    pub communes_of: &'static str,
    /// Before the words typed, after [`Self::communes_of`] and the province's name.
    pub matching: &'static str,
    pub none_found: &'static str,
}

impl RegisterTexts {
    pub fn get(lang: Lang) -> &'static RegisterTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The texts of the current page.
pub fn use_register_texts() -> &'static RegisterTexts {
    RegisterTexts::get(super::use_lang())
}

static VI: RegisterTexts = RegisterTexts {
    residence_title: "Bước 1. Nơi cư trú",
    province_field: "Tỉnh, thành phố",
    province_choose: "— Chọn tỉnh, thành phố —",
    search_field: "Tìm xã, phường",
    search_hint: "Gõ vài chữ trong tên xã, phường, không dấu cũng được (ví dụ: song cau). Để trống để xem tất cả.",
    search: "Tìm",
    account_title: "Bước 2. Chọn xã, phường và tạo tài khoản",
    province_first: "— Hãy chọn tỉnh, thành phố ở bước 1 trước —",
    province_first_hint: "Chọn tỉnh, thành phố ở bước 1 rồi bấm “Tìm” để thấy danh sách xã, phường.",
    communes_of: "Các xã, phường thuộc",
    matching: "có tên khớp với",
    none_found: "Không tìm thấy xã, phường nào. Hãy gõ ít chữ hơn hoặc kiểm tra lại tỉnh, thành phố đã chọn.",
};

static EN: RegisterTexts = RegisterTexts {
    residence_title: "Step 1. Where you live",
    province_field: "Province or city",
    province_choose: "— Choose a province or city —",
    search_field: "Find your commune or ward",
    search_hint: "Type a few letters of its name; Vietnamese accents are optional (e.g. song cau). Leave it empty to see them all.",
    search: "Search",
    account_title: "Step 2. Choose your commune and create your account",
    province_first: "— Choose the province or city in step 1 first —",
    province_first_hint: "Choose the province or city in step 1, then press “Search” to see its communes and wards.",
    communes_of: "Communes and wards of",
    matching: "whose name matches",
    none_found: "No commune or ward found. Type fewer letters, or check the province or city chosen.",
};
