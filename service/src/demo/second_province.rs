//! The demo's second province, small, so that the demo shows where one province ends: it has
//! its own units, staff and admin.
use chrono::NaiveDate;
use domain::{Role, UnitLevel};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionTrait,
};

use crate::access::accounts::{NewAccount, upsert_account};
use crate::access::password::Passwords;
use crate::entity::{province, user_role};
use crate::{Result, hr::units, now};

pub const CODE: &str = "BINH-SON";
const NAME: &str = "Tỉnh Bình Sơn (dữ liệu mẫu)";
/// The first province's name in the demo, instead of the migration's plain "Tỉnh".
const FIRST_NAME: &str = "Tỉnh Hòa An (dữ liệu mẫu)";

/// (code, name, level)
const UNITS: &[(&str, &str, UnitLevel)] = &[
    ("B-SNV", "Sở Nội vụ", UnitLevel::Tinh),
    ("B-STTTT", "Sở Văn hóa và Thông tin", UnitLevel::Tinh),
    ("B-DONGTIEN", "Xã Đồng Tiến", UnitLevel::Xa),
    ("B-SONGCAU", "Phường Sông Cầu", UnitLevel::Xa),
];

/// The province admin's login, printed with the other demo accounts.
pub const ADMIN_LOGIN: &str = "quantritinh";
pub const ADMIN_NAME: &str = "Hoàng Thị Thu Trang";
/// A resident of Phường Sông Cầu: an account of this province, which its admin manages.
pub const RESIDENT_LOGIN: &str = "dansongcau";
pub const RESIDENT_NAME: &str = "Vi Thị Hồng Nhung";

/// Staff numbers, after the first province's.
const FIRST_PERSON: usize = 201;
const PEOPLE: usize = 12;

pub async fn seed(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    today: NaiveDate,
) -> Result<()> {
    name_first(db).await?;
    let id = ensure_province(db).await?;
    let fresh = units::find_by_code(db, Some(id), UNITS[0].0)
        .await?
        .is_none();
    if fresh {
        let txn = db.begin().await?;
        for (code, name, level) in UNITS {
            units::create(&txn, id, code, name, *level, None).await?;
        }
        sea_orm::TransactionSession::commit(txn).await?;
        let codes: Vec<&str> = UNITS.iter().map(|u| u.0).collect();
        crate::demo::roster::seed_province(db, id, &codes, FIRST_PERSON, PEOPLE, today).await?;
    }
    seed_admin(db, passwords, id).await?;
    crate::demo::courses::seed_province_course(db, id).await?;
    let resident = NewAccount {
        login: RESIDENT_LOGIN,
        full_name: RESIDENT_NAME,
        password: super::DEMO_PASSWORD,
        home_unit_code: Some("B-SONGCAU"),
        roles: &[(Role::Learner, None)],
    };
    upsert_account(db, passwords, &resident).await?;
    Ok(())
}

async fn name_first(db: &impl ConnectionTrait) -> Result<()> {
    province::Entity::update_many()
        .col_expr(
            province::Column::Name,
            sea_orm::sea_query::Expr::value(FIRST_NAME),
        )
        .filter(province::Column::Id.eq(crate::province::FIRST))
        .filter(province::Column::Name.eq("Tỉnh"))
        .exec(db)
        .await?;
    Ok(())
}

async fn ensure_province(db: &impl ConnectionTrait) -> Result<i32> {
    if let Some(p) = crate::province::find_by_code(db, CODE).await? {
        return Ok(p.id);
    }
    let made = province::ActiveModel {
        code: Set(CODE.to_owned()),
        name: Set(NAME.to_owned()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(made.id)
}

/// The province's admin, an account of its own holding the role for this province only.
async fn seed_admin(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    province_id: i32,
) -> Result<()> {
    let acc = NewAccount {
        login: ADMIN_LOGIN,
        full_name: ADMIN_NAME,
        password: super::DEMO_PASSWORD,
        home_unit_code: None,
        roles: &[(Role::Learner, None)],
    };
    let user = upsert_account(db, passwords, &acc).await?;
    let held = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.id))
        .filter(user_role::Column::Role.eq(Role::ProvinceAdmin.as_str()))
        .count(db)
        .await?;
    if held == 0 {
        user_role::ActiveModel {
            user_id: Set(user.id),
            role: Set(Role::ProvinceAdmin.as_str().to_owned()),
            province_id: Set(Some(province_id)),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
