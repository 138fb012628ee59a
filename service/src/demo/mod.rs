//! The demo province: a few units and one account per role, created idempotently.
pub mod courses;
pub mod quizzes;
pub mod roster;
pub mod second_province;

use domain::{Role, UnitLevel};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::access::accounts::{NewAccount, upsert_account};
use crate::access::password::Passwords;
use crate::{Result, hr::units};

/// Every demo account signs in with this password (printed at start; demo data only).
pub const DEMO_PASSWORD: &str = "Demo@HocVuSo2026";

/// (code, name, level, parent)
const UNITS: &[(&str, &str, UnitLevel, Option<&str>)] = &[
    (
        "T-VPUB",
        "Văn phòng Ủy ban nhân dân tỉnh",
        UnitLevel::Tinh,
        None,
    ),
    ("T-SNV", "Sở Nội vụ", UnitLevel::Tinh, None),
    ("T-SKHCN", "Sở Khoa học và Công nghệ", UnitLevel::Tinh, None),
    (
        "T-SKHCN-CDS",
        "Trung tâm Chuyển đổi số tỉnh",
        UnitLevel::Tinh,
        Some("T-SKHCN"),
    ),
    ("T-SYT", "Sở Y tế", UnitLevel::Tinh, None),
    ("X-HOABINH", "Xã Hòa Bình", UnitLevel::Xa, None),
    ("X-ANPHU", "Phường An Phú", UnitLevel::Xa, None),
    ("X-TANLAP", "Xã Tân Lập", UnitLevel::Xa, None),
    ("X-HONNGOC", "Đặc khu Hòn Ngọc", UnitLevel::Xa, None),
];

/// Roles with the unit each is held for.
type Roles = &'static [(Role, Option<&'static str>)];

/// (login, full name, home unit, roles)
const ACCOUNTS: &[(&str, &str, Option<&str>, Roles)] = &[
    ("admin", "Trần Minh Quân", None, &[(Role::Admin, None)]),
    (
        "nhansu",
        "Lê Thị Hồng Nhung",
        Some("T-SKHCN"),
        &[(Role::Hr, Some("T-SKHCN")), (Role::Learner, None)],
    ),
    (
        "tacgia",
        "Phạm Quốc Bảo",
        Some("T-SKHCN-CDS"),
        &[(Role::Author, None), (Role::Learner, None)],
    ),
    (
        "hocvien",
        "Nguyễn Thị Mai",
        Some("X-HOABINH"),
        &[(Role::Learner, None)],
    ),
    (
        "totruong",
        "Đỗ Văn Hùng",
        Some("X-HOABINH"),
        &[
            (Role::Facilitator, Some("X-HOABINH")),
            (Role::Learner, None),
        ],
    ),
];

/// The demo community digital team, with the facilitator `totruong` as its member.
const DEMO_TEAM: &str = "Tổ công nghệ số cộng đồng khu phố Hòa Bình";

/// A demo account as printed at start.
pub struct DemoLogin {
    pub login: &'static str,
    pub full_name: &'static str,
    pub roles: String,
}

pub async fn seed(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
) -> Result<Vec<DemoLogin>> {
    seed_units(db).await?;
    let mut out = Vec::new();
    for (login, full_name, home, roles) in ACCOUNTS {
        let acc = NewAccount {
            login,
            full_name,
            password: DEMO_PASSWORD,
            home_unit_code: *home,
            roles,
        };
        upsert_account(db, passwords, &acc).await?;
        let roles = roles
            .iter()
            .map(|(r, u)| u.map_or(r.as_str().to_owned(), |u| format!("{}@{u}", r.as_str())))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(DemoLogin {
            login,
            full_name,
            roles,
        });
    }
    crate::community::teams::seed_team(db, "X-HOABINH", DEMO_TEAM, "totruong").await?;
    crate::demo::roster::seed(db, crate::today()).await?;
    second_province::seed(db, passwords, crate::today()).await?;
    out.push(DemoLogin {
        login: second_province::ADMIN_LOGIN,
        full_name: second_province::ADMIN_NAME,
        roles: format!("province_admin@{}", second_province::CODE),
    });
    out.push(DemoLogin {
        login: second_province::RESIDENT_LOGIN,
        full_name: second_province::RESIDENT_NAME,
        roles: "learner".to_owned(),
    });
    crate::demo::courses::seed(db).await?;
    crate::demo::quizzes::seed(db).await?;
    crate::learn::practice::seed_demo(db).await?;
    Ok(out)
}

async fn seed_units(db: &(impl ConnectionTrait + TransactionTrait)) -> Result<()> {
    let txn = db.begin().await?;
    for (code, name, level, parent) in UNITS {
        if units::find_by_code(&txn, Some(crate::province::FIRST), code)
            .await?
            .is_none()
        {
            units::create(&txn, crate::province::FIRST, code, name, *level, *parent).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
