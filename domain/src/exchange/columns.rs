//! The columns of each format (key, Vietnamese heading, required or not) and finding them in a header row.
use super::RowError;
use super::header::normalise;

/// One column of a format; `aliases` are other headings people write for it.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub heading: &'static str,
    pub required: bool,
    pub aliases: &'static [&'static str],
}

const fn col(key: &'static str, heading: &'static str, required: bool) -> ColumnSpec {
    ColumnSpec {
        key,
        heading,
        required,
        aliases: &[],
    }
}

/// The four exchange formats of SPEC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Units,
    Roster,
    Training,
    Assessment,
}

const UNITS: &[ColumnSpec] = &[
    col("ma_don_vi", "Mã đơn vị", true),
    col("ten_don_vi", "Tên đơn vị", true),
    col("cap", "Cấp", true),
    col("ma_don_vi_cha", "Mã đơn vị cấp trên", false),
];

const ROSTER: &[ColumnSpec] = &[
    col("ma_can_bo", "Mã cán bộ", true),
    ColumnSpec {
        key: "ho_ten",
        heading: "Họ và tên",
        required: true,
        aliases: &["Họ tên"],
    },
    col("ma_don_vi", "Mã đơn vị", true),
    col("loai", "Loại", true),
    col("ngay_bat_dau", "Ngày bắt đầu", true),
    col("ngay_ket_thuc", "Ngày kết thúc", false),
    ColumnSpec {
        key: "so_dinh_danh",
        heading: "Số định danh cá nhân",
        required: false,
        aliases: &["Số định danh", "CCCD"],
    },
    col("email", "Email", false),
    col("so_dien_thoai", "Số điện thoại", false),
];

const TRAINING: &[ColumnSpec] = &[
    col("ma_can_bo", "Mã cán bộ", true),
    col("ma_khoa_hoc", "Mã khóa học", true),
    col("ngay_hoan_thanh", "Ngày hoàn thành", true),
    col("hinh_thuc", "Hình thức", true),
    col("ghi_chu", "Ghi chú", false),
];

const ASSESSMENT: &[ColumnSpec] = &[
    col("ma_can_bo", "Mã cán bộ", true),
    col("ma_bai_danh_gia", "Mã bài đánh giá", true),
    col("ngay", "Ngày", true),
    col("diem", "Điểm", true),
    col("dat", "Đạt", true),
];

impl Format {
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            Format::Units => UNITS,
            Format::Roster => ROSTER,
            Format::Training => TRAINING,
            Format::Assessment => ASSESSMENT,
        }
    }

    /// The file name stem of SPEC (`don_vi`, `danh_sach`, `boi_duong`, `danh_gia`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Units => "don_vi",
            Format::Roster => "danh_sach",
            Format::Training => "boi_duong",
            Format::Assessment => "danh_gia",
        }
    }
}

impl ColumnSpec {
    fn matches(&self, normalised: &str) -> bool {
        normalise(self.key) == normalised
            || normalise(self.heading) == normalised
            || self.aliases.iter().any(|a| normalise(a) == normalised)
    }
}

/// Where each column of a format sits in the file, by the format's column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub format: Format,
    positions: Vec<Option<usize>>,
}

impl Columns {
    /// Finds every column in the header row; a missing required column is an error for the
    /// whole file (reported on row 1). The first matching header wins; unknown ones are ignored.
    pub fn find(format: Format, header: &[String]) -> Result<Columns, Vec<RowError>> {
        let normalised: Vec<String> = header.iter().map(|h| normalise(h)).collect();
        let positions: Vec<Option<usize>> = format
            .columns()
            .iter()
            .map(|spec| normalised.iter().position(|h| spec.matches(h)))
            .collect();
        let missing: Vec<RowError> = format
            .columns()
            .iter()
            .zip(&positions)
            .filter(|(spec, pos)| spec.required && pos.is_none())
            .map(|(spec, _)| RowError::new(1, spec.key, "missing_column"))
            .collect();
        if missing.is_empty() {
            Ok(Columns { format, positions })
        } else {
            Err(missing)
        }
    }

    /// Where the column of `key` sits in a row; `None` when the file lacks it.
    pub fn position(&self, key: &str) -> Option<usize> {
        let i = self.format.columns().iter().position(|c| c.key == key)?;
        self.positions[i]
    }

    /// The cell of `key` in a row, trimmed; `None` when the column is absent or the cell empty.
    pub fn get<'a>(&self, cells: &'a [String], key: &str) -> Option<&'a str> {
        let cell = cells.get(self.position(key)?)?.trim();
        (!cell.is_empty()).then_some(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn vietnamese_headings_and_keys_both_work() {
        let h = header(&[
            "Mã cán bộ",
            "HO_TEN",
            "ma don vi",
            "Loại",
            "Ngày bắt đầu",
            "Cột lạ",
        ]);
        let cols = Columns::find(Format::Roster, &h).unwrap();
        let row = header(&[
            "CB01",
            "Nguyễn Văn An",
            "SO-NV",
            "Công chức",
            "01/07/2025",
            "x",
        ]);
        assert_eq!(cols.get(&row, "ma_don_vi"), Some("SO-NV"));
        assert_eq!(cols.get(&row, "ngay_ket_thuc"), None);
    }

    #[test]
    fn parent_code_is_not_taken_for_the_unit_code() {
        let h = header(&["Mã đơn vị cấp trên", "Mã đơn vị", "Tên đơn vị", "Cấp"]);
        let cols = Columns::find(Format::Units, &h).unwrap();
        let row = header(&["P", "C", "Tên", "xa"]);
        assert_eq!(cols.get(&row, "ma_don_vi"), Some("C"));
        assert_eq!(cols.get(&row, "ma_don_vi_cha"), Some("P"));
    }

    #[test]
    fn missing_required_columns_are_one_error_each_on_row_one() {
        let errs = Columns::find(Format::Assessment, &header(&["ma_can_bo", "ngay"])).unwrap_err();
        let keys: Vec<&str> = errs.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(keys, ["ma_bai_danh_gia", "diem", "dat"]);
        assert!(
            errs.iter()
                .all(|e| e.row == 1 && e.code == "missing_column")
        );
    }
}
