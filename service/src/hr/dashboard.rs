//! The HR dashboard of a unit (or the province) on a date: the three figures, each sub-unit's,
//! and twelve month ends (the last one the date asked, whose point is the headline figures).
use chrono::{Datelike, NaiveDate};
use domain::UnitRef;
use domain::hr::{Dashboard, IndicatorSet, PeopleQuery};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::unit;
use crate::hr::indicators::{self, Indicators};
use crate::{Error, Result, hr::units};

/// Months the line chart covers, the last ending on the date asked.
pub const MONTHS: u32 = 12;

pub fn to_set(i: Indicators) -> IndicatorSet {
    IndicatorSet {
        provincial_trained: i.provincial_trained,
        commune_trained: i.commune_trained,
        mastered: i.mastered,
    }
}

/// Only the admin and hr officers read indicators.
pub(crate) fn require_reader(actor: &Actor) -> Result<()> {
    crate::access::authz::require(actor.reads_records())
}

pub async fn dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit_code: Option<&str>,
    as_of: NaiveDate,
) -> Result<Dashboard> {
    require_reader(actor)?;
    let unit = indicators::target_unit(db, actor, unit_code).await?;
    let root = actor.root_path();
    let by_unit = indicators::by_unit(db, as_of, unit.as_ref(), &root)
        .await?
        .into_iter()
        .map(|row| (row.unit, to_set(row.indicators)))
        .collect();
    // The last month end is the date asked: its point is the headline figures.
    let monthly = trend_at(db, unit.as_ref(), &root, &month_ends(as_of, MONTHS)).await?;
    let figures = monthly
        .last()
        .map(|(_, set)| *set)
        .ok_or_else(|| Error::internal("a trend without points"))?;
    Ok(Dashboard {
        as_of: iso(as_of),
        unit: unit.map(units::to_ref),
        figures,
        by_unit,
        monthly,
        choices: choices(db, actor).await?,
        whole_province: actor.sees_whole_province(),
    })
}

/// Months a trend may span at most (ten years of month ends).
pub const MAX_TREND_MONTHS: u32 = 120;

/// The indicators of a unit's subtree (or the province) at each month end from `from`'s month
/// to `to`, the last point being `to` itself: what the dashboard's line chart draws, for any
/// period. The unit is checked against the actor's scope as the dashboard does.
pub async fn trend(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit_code: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Option<unit::Model>, Vec<(String, IndicatorSet)>)> {
    require_reader(actor)?;
    let days = month_ends_between(from, to)
        .filter(|d| d.len() <= MAX_TREND_MONTHS as usize)
        .ok_or_else(|| Error::invalid("from", "invalid_period"))?;
    let unit = indicators::target_unit(db, actor, unit_code).await?;
    let points = trend_at(db, unit.as_ref(), &actor.root_path(), &days).await?;
    Ok((unit, points))
}

/// The indicators at each of `days` (ascending), each as its `YYYY-MM-DD`, in one query.
async fn trend_at(
    db: &impl ConnectionTrait,
    unit: Option<&unit::Model>,
    root: &str,
    days: &[NaiveDate],
) -> Result<Vec<(String, IndicatorSet)>> {
    let prefix = unit.map_or(root, |u| u.path.as_str());
    let points = indicators::series(db, days, prefix).await?;
    Ok(days
        .iter()
        .map(|d| iso(*d))
        .zip(points.into_iter().map(to_set))
        .collect())
}

/// The month ends from `from`'s month to `to`'s, the last being `to`; `None` when `from` is
/// after `to`.
pub(crate) fn month_ends_between(from: NaiveDate, to: NaiveDate) -> Option<Vec<NaiveDate>> {
    if from > to {
        return None;
    }
    let months = (to.year() - from.year()) * 12 + to.month0() as i32 - from.month0() as i32;
    Some(month_ends(to, u32::try_from(months).ok()? + 1))
}

/// The units an actor may pick: every unit for the admin, each hr subtree for an officer.
pub async fn choices(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<UnitRef>> {
    let all = unit::Entity::find()
        .order_by_asc(unit::Column::Path)
        .all(db)
        .await?;
    Ok(all
        .into_iter()
        .filter(|u| can_manage_unit(actor, u))
        .map(units::to_ref)
        .collect())
}

/// The last day of each of the `n` months up to `as_of`, the last one being `as_of` itself.
pub(crate) fn month_ends(as_of: NaiveDate, n: u32) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = (1..n)
        .rev()
        .filter_map(|back| first_day_months_before(as_of, back - 1).and_then(|d| d.pred_opt()))
        .collect();
    out.push(as_of);
    out
}

/// The first day of the month `k` months before `as_of`'s month (`k = 0`: its own month).
fn first_day_months_before(as_of: NaiveDate, k: u32) -> Option<NaiveDate> {
    let months = i64::from(as_of.year()) * 12 + i64::from(as_of.month0()) - i64::from(k);
    let year = i32::try_from(months.div_euclid(12)).ok()?;
    let month0 = u32::try_from(months.rem_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, month0 + 1, 1)
}

pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `as_of` from a page: `YYYY-MM-DD`, or today (Vietnam) when empty.
pub fn parse_as_of(text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(crate::today());
    }
    domain::dates::parse_day(text).ok_or_else(|| Error::invalid("as_of", "invalid_as_of"))
}

/// One page of the people a query selects, in the actor's scope: the people list and the
/// API's drill-down behind a figure.
pub async fn people_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    q: &PeopleQuery,
) -> Result<domain::hr::PeoplePage> {
    let (filter, unit) = people_filter(db, actor, q).await?;
    let page = q.page.max(1);
    let (rows, total) = crate::hr::people::page(db, &filter, page).await?;
    Ok(domain::hr::PeoplePage {
        as_of: iso(filter.as_of),
        unit: unit.map(units::to_ref),
        rows,
        total,
        page,
        page_size: crate::hr::people::PAGE_SIZE,
    })
}

/// The people filter a page's query asks for, checked against the actor's scope.
pub async fn people_filter(
    db: &impl ConnectionTrait,
    actor: &Actor,
    q: &PeopleQuery,
) -> Result<(crate::hr::people::PeopleFilter, Option<unit::Model>)> {
    require_reader(actor)?;
    let code = Some(q.unit.trim()).filter(|c| !c.is_empty());
    let unit = indicators::target_unit(db, actor, code).await?;
    let filter = crate::hr::people::PeopleFilter {
        path_prefix: unit
            .as_ref()
            .map_or_else(|| actor.root_path(), |u| u.path.clone()),
        as_of: parse_as_of(&q.as_of)?,
        search: Some(q.search.clone()).filter(|s| !s.trim().is_empty()),
        kind: domain::exchange::StaffKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == q.kind),
        status: domain::hr::PersonStatus::parse(&q.status),
        indicator: domain::hr::IndicatorKey::parse(&q.indicator),
    };
    Ok((filter, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn twelve_month_ends_ending_on_the_date() {
        let ends = month_ends(d(2026, 2, 28), 12);
        assert_eq!(ends.len(), 12);
        assert_eq!(ends[0], d(2025, 3, 31));
        assert_eq!(ends[10], d(2026, 1, 31));
        assert_eq!(ends[11], d(2026, 2, 28));
    }

    #[test]
    fn month_ends_cross_years_and_leap_days() {
        assert_eq!(
            month_ends(d(2024, 3, 10), 2),
            [d(2024, 2, 29), d(2024, 3, 10)]
        );
        assert_eq!(
            month_ends(d(2026, 1, 5), 3),
            [d(2025, 11, 30), d(2025, 12, 31), d(2026, 1, 5)]
        );
        assert_eq!(month_ends(d(2026, 1, 5), 1), [d(2026, 1, 5)]);
    }

    #[test]
    fn a_period_has_one_point_per_month_ending_on_its_last_day() {
        assert_eq!(
            month_ends_between(d(2025, 11, 15), d(2026, 1, 5)).unwrap(),
            [d(2025, 11, 30), d(2025, 12, 31), d(2026, 1, 5)]
        );
        assert_eq!(
            month_ends_between(d(2026, 1, 1), d(2026, 1, 5)).unwrap(),
            [d(2026, 1, 5)]
        );
        assert_eq!(month_ends_between(d(2026, 2, 1), d(2026, 1, 31)), None);
        assert_eq!(
            month_ends_between(d(2016, 1, 1), d(2026, 1, 31))
                .unwrap()
                .len(),
            121
        );
    }

    #[test]
    fn as_of_is_strict() {
        assert_eq!(parse_as_of("2026-02-28").unwrap(), d(2026, 2, 28));
        assert!(parse_as_of("28/02/2026").is_err());
        assert!(parse_as_of("2026-2-28").is_err());
        assert!(parse_as_of("").is_ok());
    }
}
