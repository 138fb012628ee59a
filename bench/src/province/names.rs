//! Vietnamese-looking names for generated units and people, and the seeded random numbers that pick them.

/// SplitMix64: tiny, fast, and the same sequence on every machine and every Rust version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trương", "Lưu",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoài", "Xuân", "Gia",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phong", "Phúc", "Quang",
    "Quyên", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến",
];

pub fn person_name(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(SURNAMES),
        rng.pick(MIDDLE),
        rng.pick(GIVEN)
    )
}

const PLACE_WORDS: &[&str] = &[
    "An", "Bình", "Phú", "Tân", "Hòa", "Long", "Thạnh", "Mỹ", "Hưng", "Phước", "Thuận", "Lộc",
    "Vĩnh", "Đông", "Tây", "Nam", "Bắc", "Trung", "Hiệp", "Thành",
];

/// The `i`-th commune: a distinct two-word name for every `i` below 380.
pub fn commune_name(i: usize) -> String {
    let n = PLACE_WORDS.len();
    let (a, b) = (PLACE_WORDS[i % n], PLACE_WORDS[(i / n + i % n + 1) % n]);
    let kind = match i % 10 {
        0..=6 => "Xã",
        7 | 8 => "Phường",
        _ => "Đặc khu",
    };
    format!("{kind} {a} {b}")
}

/// A unit's code and name.
pub type Named = (&'static str, &'static str);

/// Provincial departments with their sub-units: (code, name, [(code, name)]).
pub const DEPARTMENTS: &[(&str, &str, &[Named])] = &[
    (
        "SNV",
        "Sở Nội vụ",
        &[
            ("SNV-BTDKT", "Ban Thi đua - Khen thưởng"),
            ("SNV-CCVT", "Chi cục Văn thư - Lưu trữ"),
        ],
    ),
    (
        "STC",
        "Sở Tài chính",
        &[("STC-TTTV", "Trung tâm Tư vấn và Dịch vụ tài chính")],
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        &[
            ("SGDDT-LQD", "Trường THPT Lê Quý Đôn"),
            ("SGDDT-NTMK", "Trường THPT Nguyễn Thị Minh Khai"),
        ],
    ),
    ("SYT", "Sở Y tế", &[("SYT-BVDK", "Bệnh viện Đa khoa tỉnh")]),
];

/// Programmes of in-person and online training, and the assessments.
pub const PROGRAMMES: &[&str] = &[
    "KNS-CB-01",
    "KNS-CB-02",
    "KNS-CB-03",
    "KNS-NC-01",
    "KNS-NC-02",
    "KNS-AI-01",
    "KNS-ATTT-01",
    "KNS-DVC-01",
    "BDHV-2025-01",
    "BDHV-2025-02",
    "BDHV-2026-01",
    "BDHV-2026-02",
];
pub const ASSESSMENTS: &[&str] = &[
    "DG-KNS-2025-1",
    "DG-KNS-2025-2",
    "DG-KNS-2026-1",
    "DG-KNS-2026-2",
    "DG-AI-2026",
    "DG-ATTT-2026",
    "DG-DVC-2025",
    "DG-DVC-2026",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert!((0..100).all(|_| a.next() == b.next()));
        assert_ne!(Rng::new(7).next(), Rng::new(8).next());
    }

    #[test]
    fn commune_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..380).map(commune_name).collect();
        assert_eq!(names.len(), 380);
    }
}
